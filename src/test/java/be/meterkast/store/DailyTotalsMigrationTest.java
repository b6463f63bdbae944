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
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** V13 fills daily_totals from the readings stored before it, as the days query computed them. */
class DailyTotalsMigrationTest {
    private TestDatabases.Fresh fresh;

    @AfterEach
    void drop() {
        TestDatabases.drop(fresh);
    }

    @Test
    @DisplayName("after V13 each meter's days are in daily_totals: daily values as stored, else summed quarter-hours or gas hours")
    void filledFromReadings() throws SQLException {
        fresh = TestDatabases.createEmpty();
        PgConnectOptions options = PgConnectOptions.fromUri(fresh.url());
        String jdbc = TestDatabases.jdbcUrl(options);
        flyway(jdbc, options).target("12").load().migrate();
        try (Connection connection = DriverManager.getConnection(jdbc, options.getUser(), options.getPassword());
             Statement sql = connection.createStatement()) {
            sql.execute("INSERT INTO households (name) VALUES ('h')");
            sql.execute("""
                    INSERT INTO meters (id, household_id, ean, serial, kind, label, gas_unit) VALUES
                     (1, 1, '541448820000000015', 's1', 'ELECTRICITY', 'power', NULL),
                     (2, 1, '541448820000000022', 's2', 'GAS', 'gas', 'M3')""");
            // the spring DST week in quarter-hours on two registers, with daily values for two of its days
            sql.execute("""
                    INSERT INTO readings (meter_id, period_start, period_end, tariff, direction, unit, value, estimated)
                    SELECT 1, s, s + interval '15 minutes', t, 1, 3, round(((extract(epoch FROM s)::bigint / 900) % 97) / 1000.0, 4), t = 2
                    FROM generate_series(timestamptz '2025-03-26 23:00Z', timestamptz '2025-04-02 21:45Z', interval '15 minutes') s,
                         generate_series(1, 2) t""");
            sql.execute("""
                    INSERT INTO readings (meter_id, period_start, period_end, tariff, direction, unit, value, estimated)
                    SELECT 1, d::date::timestamp AT TIME ZONE 'Europe/Brussels', (d::date + 1)::timestamp AT TIME ZONE 'Europe/Brussels', 1, 1, 3, 9.5, false
                    FROM generate_series(date '2025-03-29', date '2025-03-30', interval '1 day') d""");
            // gas hours over the autumn night (a 25-hour gas day) and one gas day as a daily value
            sql.execute("""
                    INSERT INTO readings (meter_id, period_start, period_end, tariff, direction, unit, value, estimated)
                    SELECT 2, s, s + interval '1 hour', 0, 1, 1, 0.125, false
                    FROM generate_series(timestamptz '2025-10-24 04:00Z', timestamptz '2025-10-28 04:00Z', interval '1 hour') s""");
            sql.execute("""
                    INSERT INTO readings (meter_id, period_start, period_end, tariff, direction, unit, value, estimated)
                    VALUES (2, '2025-10-28 05:00Z', '2025-10-29 05:00Z', 0, 1, 1, 3.25, false)""");

            flyway(jdbc, options).load().migrate();

            String legacy = DailyTotalsTest.LEGACY.replace("$1", "ARRAY[1, 2]::bigint[]")
                    .replace("$2", "timestamptz '-infinity'").replace("$3", "timestamptz 'infinity'");
            List<String> expected = rows(sql, legacy);
            List<String> filled = rows(sql, """
                    SELECT meter_id, period_start, period_end, tariff, direction, unit, value, estimated FROM daily_totals
                    ORDER BY meter_id, period_start, tariff, direction, unit""");
            assertThat(expected).as("the old computation found days").hasSizeGreaterThan(10);
            assertThat(filled).isEqualTo(expected);
        }
    }

    private static List<String> rows(Statement sql, String query) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (ResultSet rs = sql.executeQuery(query)) {
            while (rs.next()) {
                StringBuilder row = new StringBuilder();
                for (int i = 1; i <= 8; i++) {
                    row.append(rs.getString(i)).append(' ');
                }
                rows.add(row.toString());
            }
        }
        return rows;
    }

    private static org.flywaydb.core.api.configuration.FluentConfiguration flyway(String jdbc, PgConnectOptions options) {
        return Flyway.configure().dataSource(jdbc, options.getUser(), options.getPassword())
                .locations("classpath:db/migration");
    }
}
