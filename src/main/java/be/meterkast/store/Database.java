package be.meterkast.store;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.flywaydb.core.Flyway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Optional;

/**
 * The running database: an embedded PostgreSQL when no {@code DATABASE_URL} is set, the schema migrated by
 * Flyway, and a small reactive pool. Start-up and shutdown of the embedded server and Flyway are blocking
 * one-offs and run on a worker thread.
 */
public final class Database {
    private static final Logger LOG = LoggerFactory.getLogger(Database.class);
    /** The embedded server keeps the portal's data in its own database, not in {@code postgres}. */
    static final String EMBEDDED_DATABASE = "meterkast";
    private static final String EMBEDDED_USER = "postgres";

    private final Vertx vertx;
    private final Pool pool;
    private final Optional<EmbeddedPostgres> embedded;
    private final int migrationsApplied;

    private Database(Vertx vertx, Pool pool, Optional<EmbeddedPostgres> embedded, int migrationsApplied) {
        this.vertx = vertx;
        this.pool = pool;
        this.embedded = embedded;
        this.migrationsApplied = migrationsApplied;
    }

    public static Future<Database> start(Vertx vertx, DatabaseConfig config) {
        Future<Started> server = config.url()
                .map(url -> Future.succeededFuture(new Started(DatabaseConfig.connectOptions(url), Optional.empty())))
                .orElseGet(() -> vertx.executeBlocking(() -> startEmbeddedBlocking(config)));
        return server.compose(started -> vertx.executeBlocking(() -> migrateBlocking(started.options()))
                .map(applied -> new Database(vertx, buildPool(vertx, started.options(), config.poolSize()),
                        started.embedded(), applied))
                .recover(failure -> {
                    started.embedded().ifPresent(Database::stopEmbeddedBlocking);
                    return Future.failedFuture(failure);
                }));
    }

    public Pool pool() {
        return pool;
    }

    /** How many migrations this start applied: 0 when the schema was already current. */
    public int migrationsApplied() {
        return migrationsApplied;
    }

    /** The embedded server's port, empty when an external database is used. */
    public Optional<Integer> embeddedPort() {
        return embedded.map(EmbeddedPostgres::getPort);
    }

    /** Closes the pool, then stops the embedded server (on a worker). */
    public Future<Void> close() {
        return pool.close().compose(closed -> embedded
                .map(server -> vertx.<Void>executeBlocking(() -> {
                    stopEmbeddedBlocking(server);
                    return null;
                }))
                .orElseGet(Future::succeededFuture));
    }

    private static Pool buildPool(Vertx vertx, PgConnectOptions options, int size) {
        return PgBuilder.pool()
                .with(new PoolOptions().setMaxSize(size))
                .connectingTo(options)
                .using(vertx)
                .build();
    }

    private record Started(PgConnectOptions options, Optional<EmbeddedPostgres> embedded) {
    }

    /** Reuses the data directory of an earlier start, so the data survives restarts. */
    private static Started startEmbeddedBlocking(DatabaseConfig config) throws IOException, SQLException {
        Files.createDirectories(config.postgresDirectory());
        EmbeddedPostgres server = EmbeddedPostgres.builder()
                .setDataDirectory(config.postgresDirectory())
                .setCleanDataDirectory(false)
                .setPort(config.embeddedPort())
                .start();
        LOG.info("Embedded PostgreSQL started on port {} with data in {}", server.getPort(), config.postgresDirectory());
        try (Connection admin = server.getPostgresDatabase().getConnection();
             var exists = admin.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
            exists.setString(1, EMBEDDED_DATABASE);
            if (!exists.executeQuery().next()) {
                try (var create = admin.createStatement()) {
                    create.execute("CREATE DATABASE " + EMBEDDED_DATABASE);
                }
            }
        } catch (SQLException e) {
            stopEmbeddedBlocking(server);
            throw e;
        }
        PgConnectOptions options = new PgConnectOptions()
                .setHost("localhost")
                .setPort(server.getPort())
                .setUser(EMBEDDED_USER)
                .setDatabase(EMBEDDED_DATABASE);
        return new Started(options, Optional.of(server));
    }

    private static int migrateBlocking(PgConnectOptions options) throws SQLException {
        String jdbcUrl = "jdbc:postgresql://" + options.getHost() + ":" + options.getPort() + "/" + options.getDatabase()
                + (options.getSslMode() == null ? "" : "?sslmode=" + options.getSslMode().value);
        // Fail with the driver's message (host, auth) before Flyway wraps it in its own
        try (Connection connection = DriverManager.getConnection(jdbcUrl, options.getUser(), options.getPassword())) {
            LOG.info("Connected to PostgreSQL {} at {}:{}", connection.getMetaData().getDatabaseProductVersion(),
                    options.getHost(), options.getPort());
        }
        int applied = Flyway.configure()
                .dataSource(jdbcUrl, options.getUser(), options.getPassword())
                .locations("classpath:db/migration")
                .load()
                .migrate()
                .migrationsExecuted;
        if (applied > 0) {
            LOG.info("Applied {} database migration(s)", applied);
        }
        return applied;
    }

    private static void stopEmbeddedBlocking(EmbeddedPostgres server) {
        try {
            server.close();
        } catch (IOException e) {
            LOG.warn("Embedded PostgreSQL did not stop cleanly", e);
        }
    }
}
