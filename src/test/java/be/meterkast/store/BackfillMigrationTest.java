package be.meterkast.store;

import io.vertx.pgclient.PgConnectOptions;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * V6 turns the backfill around (it walks back from yesterday): backfills under way start again, finished
 * ones go on back to the new depth from where the old one stopped.
 */
class BackfillMigrationTest {
    private TestDatabases.Fresh fresh;

    @AfterEach
    void drop() {
        TestDatabases.drop(fresh);
    }

    @Test
    @DisplayName("after V6 a backfill under way starts afresh, a finished one goes on back from its old quarter-hour window")
    void backfillsMigrated() throws SQLException {
        fresh = TestDatabases.createEmpty();
        PgConnectOptions options = PgConnectOptions.fromUri(fresh.url());
        String jdbc = TestDatabases.jdbcUrl(options);
        flyway(jdbc, options).target("3").load().migrate();
        try (Connection connection = DriverManager.getConnection(jdbc, options.getUser(), options.getPassword());
             Statement sql = connection.createStatement()) {
            sql.execute("INSERT INTO households (name) VALUES ('h')");
            sql.execute("""
                    INSERT INTO meters (id, household_id, ean, serial, kind, label, gas_unit) VALUES
                     (1, 1, '541448820000000015', 's1', 'ELECTRICITY', 'finished', NULL),
                     (2, 1, '541448820000000022', 's2', 'ELECTRICITY', 'under way', NULL),
                     (3, 1, '541448820000000039', 's3', 'GAS', 'finished gas', 'M3')""");
            sql.execute("""
                    INSERT INTO meter_sync (meter_id, backfill_done, backfill_cursor, progress_done, progress_total)
                    VALUES (1, true, NULL, 42, 42), (2, false, '2025-03-01', 10, 42), (3, true, NULL, 12, 12)""");

            flyway(jdbc, options).load().migrate();

            Map<Long, Object[]> rows = new HashMap<>();
            try (ResultSet rs = sql.executeQuery("""
                    SELECT meter_id, backfill_done, backfill_cursor, backfill_newest, progress_total,
                           (now() AT TIME ZONE 'Europe/Brussels')::date AS today FROM meter_sync""")) {
                while (rs.next()) {
                    rows.put(rs.getLong(1), new Object[]{rs.getBoolean(2), date(rs, 3), date(rs, 4), rs.getInt(5),
                            date(rs, 6)});
                }
            }
            LocalDate today = (LocalDate) rows.get(1L)[4];
            assertThat(rows.get(1L)).containsExactly(false, today.minusDays(30), today.minusDays(1), 0, today);
            assertThat(rows.get(2L)).containsExactly(false, null, null, 0, today);
            assertThat(rows.get(3L)).containsExactly(false, today, today.minusDays(1), 0, today);
        }
    }

    private static org.flywaydb.core.api.configuration.FluentConfiguration flyway(String jdbc, PgConnectOptions options) {
        return Flyway.configure().dataSource(jdbc, options.getUser(), options.getPassword())
                .locations("classpath:db/migration");
    }

    private static LocalDate date(ResultSet rs, int column) throws SQLException {
        java.sql.Date date = rs.getDate(column);
        return date == null ? null : date.toLocalDate();
    }
}
