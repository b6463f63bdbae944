package be.meterkast.store;

import io.vertx.core.Vertx;
import io.vertx.pgclient.PgConnectOptions;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * Fresh databases for tests (public: the sync and web tests use it too), created through an admin
 * connection to the server named by {@value #ENV}, or to an embedded server started once for the whole
 * test run when that is unset.
 *
 * <p>Migrating a database takes far longer than copying one, so the first {@link #create()} of a test JVM
 * migrates a template database once, through {@link Database#start} as the portal does, and every database
 * after that is a {@code CREATE DATABASE … TEMPLATE} clone of it. Its Flyway history comes along, so the
 * portal's own migration at start-up finds nothing to do. The template's name is unique to this JVM (two
 * builds may share a server); it takes no connections once migrated (a clone needs a template nobody is
 * connected to), and is dropped at JVM exit, after the test databases still being dropped. A JVM that was killed cannot drop its template: every JVM holds
 * an advisory lock named after its template while it lives, and the next JVM drops the templates whose lock
 * is free.
 */
public final class TestDatabases {
    public static final String ENV = "METERKAST_TEST_DATABASE_URL";
    private static final String TEMPLATE_PREFIX = "meterkast_tpl_";

    private static String adminUrl;
    private static String template;
    /** Holds this JVM's advisory lock on its template name, for as long as the JVM runs. */
    private static Connection templateLock;
    private static final ExecutorService DROPPER = Executors.newSingleThreadExecutor(task -> {
        Thread thread = new Thread(task, "test-database-dropper");
        thread.setDaemon(true);
        return thread;
    });

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(TestDatabases::finishDrops, "drop test databases"));
    }

    private TestDatabases() {
    }

    public record Fresh(String name, String url) {
    }

    public static boolean external() {
        String url = System.getenv(ENV);
        return url != null && !url.isBlank();
    }

    public static synchronized String adminUrl() {
        if (adminUrl == null) {
            if (external()) {
                adminUrl = System.getenv(ENV).trim();
            } else {
                try {
                    EmbeddedPostgres server = EmbeddedPostgres.start();
                    adminUrl = "postgresql://postgres@localhost:" + server.getPort() + "/postgres";
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot start embedded PostgreSQL for the tests", e);
                }
            }
        }
        return adminUrl;
    }

    /** A new database with the current schema, cloned from this JVM's migrated template. */
    public static synchronized Fresh create() {
        String name = newName("meterkast_t_");
        admin("CREATE DATABASE " + name + " TEMPLATE " + template());
        return fresh(name);
    }

    /** A new, empty database, for tests of the migrations themselves. */
    public static Fresh createEmpty() {
        String name = newName("meterkast_t_");
        admin("CREATE DATABASE " + name);
        return fresh(name);
    }

    /**
     * Drops the database in the background: {@code DROP DATABASE} waits for a checkpoint, which the next test
     * need not wait for. Drops still pending at JVM exit are finished first.
     */
    public static void drop(Fresh database) {
        DROPPER.execute(() -> dropQuietly(database.name()));
    }

    /** Runs one statement on the admin database (blocking: test threads only). */
    public static void admin(String sql) {
        try (Connection connection = adminConnection(); var statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("admin statement failed: " + sql, e);
        }
    }

    static String jdbcUrl(PgConnectOptions options) {
        return "jdbc:postgresql://" + options.getHost() + ":" + options.getPort() + "/" + options.getDatabase();
    }

    /** This JVM's template, created and migrated on first use. */
    private static String template() {
        if (template == null) {
            String name = newName(TEMPLATE_PREFIX);
            lockTemplateName(name);
            dropAbandonedTemplates();
            admin("CREATE DATABASE " + name);
            Vertx vertx = Vertx.vertx();
            try {
                DatabaseConfig config = DatabaseConfig.external(fresh(name).url(), Path.of(System.getProperty("java.io.tmpdir")));
                Database.start(vertx, config).compose(Database::close).await();
            } finally {
                vertx.close().await();
            }
            // No one may connect to it from now on, so a clone never finds it in use
            admin("ALTER DATABASE " + name + " WITH ALLOW_CONNECTIONS false");
            admin("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '" + name + "'");
            template = name;
        }
        return template;
    }

    private static void lockTemplateName(String name) {
        try {
            templateLock = adminConnection();
            try (var lock = templateLock.prepareStatement("SELECT pg_advisory_lock(hashtext(?))")) {
                lock.setString(1, name);
                lock.execute();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot lock the test template's name " + name, e);
        }
    }

    /** Templates of test JVMs that ended without dropping theirs: nobody holds their lock any more. */
    private static void dropAbandonedTemplates() {
        List<String> abandoned = new ArrayList<>();
        try (var templates = templateLock.prepareStatement("SELECT datname FROM pg_database WHERE datname LIKE ?");
             var tryLock = templateLock.prepareStatement("SELECT pg_try_advisory_lock(hashtext(?))");
             var unlock = templateLock.prepareStatement("SELECT pg_advisory_unlock(hashtext(?))")) {
            templates.setString(1, TEMPLATE_PREFIX + "%");
            var names = templates.executeQuery();
            while (names.next()) {
                String name = names.getString(1);
                tryLock.setString(1, name);
                var locked = tryLock.executeQuery();
                if (locked.next() && locked.getBoolean(1)) {
                    abandoned.add(name);
                    unlock.setString(1, name);
                    unlock.execute();
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot list the test templates", e);
        }
        abandoned.forEach(TestDatabases::dropQuietly);
    }

    /** At JVM exit: the drops still queued, then the template (the embedded server goes away by itself). */
    private static void finishDrops() {
        DROPPER.shutdown();
        try {
            DROPPER.awaitTermination(2, TimeUnit.MINUTES);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        String name;
        synchronized (TestDatabases.class) {
            name = template;
        }
        if (name != null && external()) {
            dropQuietly(name);
        }
    }

    private static void dropQuietly(String name) {
        try {
            admin("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
        } catch (RuntimeException e) {
            // another JVM dropped it first, or the server is gone already
        }
    }

    private static Connection adminConnection() throws SQLException {
        PgConnectOptions options = PgConnectOptions.fromUri(adminUrl());
        return DriverManager.getConnection(jdbcUrl(options), options.getUser(), options.getPassword());
    }

    private static String newName(String prefix) {
        return prefix + UUID.randomUUID().toString().replace("-", "").substring(0, 12).toLowerCase(Locale.ROOT);
    }

    private static Fresh fresh(String name) {
        PgConnectOptions admin = PgConnectOptions.fromUri(adminUrl());
        String password = admin.getPassword() == null ? "" : ":" + admin.getPassword();
        return new Fresh(name, "postgresql://" + admin.getUser() + password + "@" + admin.getHost() + ":"
                + admin.getPort() + "/" + name);
    }
}
