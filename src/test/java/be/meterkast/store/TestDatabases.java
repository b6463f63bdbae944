package be.meterkast.store;

import io.vertx.pgclient.PgConnectOptions;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Locale;
import java.util.UUID;

/**
 * A fresh database per test class (public: the sync tests use it too): created through an admin
 * connection to the server named by {@value #ENV}, or to an embedded server started once for the whole
 * test run when that is unset.
 */
public final class TestDatabases {
    public static final String ENV = "METERKAST_TEST_DATABASE_URL";

    private static String adminUrl;

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

    public static Fresh create() {
        String name = "meterkast_t_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12).toLowerCase(Locale.ROOT);
        admin("CREATE DATABASE " + name);
        PgConnectOptions admin = PgConnectOptions.fromUri(adminUrl());
        String password = admin.getPassword() == null ? "" : ":" + admin.getPassword();
        return new Fresh(name, "postgresql://" + admin.getUser() + password + "@" + admin.getHost() + ":"
                + admin.getPort() + "/" + name);
    }

    public static void drop(Fresh database) {
        admin("DROP DATABASE IF EXISTS " + database.name() + " WITH (FORCE)");
    }

    /** Runs one statement on the admin database (blocking: test threads only). */
    public static void admin(String sql) {
        PgConnectOptions options = PgConnectOptions.fromUri(adminUrl());
        try (Connection connection = DriverManager.getConnection(jdbcUrl(options), options.getUser(), options.getPassword());
             var statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("admin statement failed: " + sql, e);
        }
    }

    static String jdbcUrl(PgConnectOptions options) {
        return "jdbc:postgresql://" + options.getHost() + ":" + options.getPort() + "/" + options.getDatabase();
    }
}
