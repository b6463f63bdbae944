package be.meterkast.store;

import io.vertx.pgclient.PgConnectOptions;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.sql.Array;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * V15 gives the English sentences stored before it their code and parameters, so that old rows too are shown
 * in the reader's language; a sentence it does not know keeps no code and is shown as it is.
 */
class StatusCodesMigrationTest {
    private TestDatabases.Fresh fresh;

    @AfterEach
    void drop() {
        TestDatabases.drop(fresh);
    }

    @Test
    @DisplayName("after V15 stored English account and sync messages carry their code and parameters")
    void englishRowsTranslated() throws SQLException {
        fresh = TestDatabases.createEmpty();
        PgConnectOptions options = PgConnectOptions.fromUri(fresh.url());
        String jdbc = TestDatabases.jdbcUrl(options);
        flyway(jdbc, options).target("12").load().migrate();
        try (Connection connection = DriverManager.getConnection(jdbc, options.getUser(), options.getPassword());
             Statement sql = connection.createStatement()) {
            sql.execute("INSERT INTO households (name) VALUES ('h')");
            sql.execute("""
                    INSERT INTO fluvius_accounts (id, household_id, email, password_secret, status, status_message) VALUES
                     (1, 1, 'a@example.be', '\\x00', 'needs_password', 'Fluvius rejected the email or password ("Ongeldig"). Check them on mijn.fluvius.be; Meterkast will not try this password again.'),
                     (2, 1, 'b@example.be', '\\x00', 'unavailable', 'Something nobody wrote a code for.')""");
            sql.execute("""
                    INSERT INTO meters (id, household_id, account_id, ean, serial, kind, label) VALUES
                     (1, 1, 1, '541448820000000015', 's1', 'ELECTRICITY', 'one'),
                     (2, 1, 1, '541448820000000022', 's2', 'ELECTRICITY', 'two')""");
            sql.execute("""
                    INSERT INTO meter_sync (meter_id, last_error) VALUES
                     (1, 'Fluvius is unavailable (consumption answered HTTP 503). Try again later.'),
                     (2, 'Fluvius is unavailable (x). Try again later. Fluvius has failed for 45 minutes: Meterkast now tries less often.')""");

            flyway(jdbc, options).load().migrate();

            assertThat(row(sql, "SELECT status_code, status_args FROM fluvius_accounts WHERE id = 1"))
                    .containsExactly("fluvius.invalid_credentials", List.of(" (\"Ongeldig\")"));
            assertThat(row(sql, "SELECT status_code, status_args FROM fluvius_accounts WHERE id = 2"))
                    .containsExactly(null, List.of());
            assertThat(row(sql, "SELECT last_error_code, last_error_args FROM meter_sync WHERE meter_id = 1"))
                    .containsExactly("fluvius.unavailable", List.of("consumption answered HTTP 503"));
            assertThat(row(sql, "SELECT last_error_code, last_error_args FROM meter_sync WHERE meter_id = 2"))
                    .containsExactly("sync.long_outage", List.of("45"));
        }
    }

    private static List<Object> row(Statement sql, String query) throws SQLException {
        try (ResultSet rs = sql.executeQuery(query)) {
            assertThat(rs.next()).isTrue();
            List<Object> values = new ArrayList<>();
            values.add(rs.getString(1));
            Array args = rs.getArray(2);
            values.add(args == null ? null : List.of((Object[]) args.getArray()));
            return values;
        }
    }

    private static org.flywaydb.core.api.configuration.FluentConfiguration flyway(String jdbc, PgConnectOptions options) {
        return Flyway.configure().dataSource(jdbc, options.getUser(), options.getPassword())
                .locations("classpath:db/migration");
    }
}
