package be.meterkast.cli;

import be.meterkast.fluvius.sim.MeterDataGenerator;
import be.meterkast.store.TestDatabases;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code meterkast seed}: a benchmark household written straight into PostgreSQL from the generator. */
class SeedCommandTest {
    private TestDatabases.Fresh fresh;

    @AfterEach
    void drop() {
        TestDatabases.drop(fresh);
    }

    @Test
    @DisplayName("seed writes a user's household of solar, plain and gas meters: a year of days, quarter-hours (gas hours), daily totals; a second run is refused")
    void seedsHousehold() {
        fresh = TestDatabases.create();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(new PrintWriter(out, true), new PrintWriter(err, true), "seed", "--database-url", fresh.url(),
                "--meters", "3", "--years", "1", "--quarter-hour-days", "2");
        assertThat(code).as(err.toString()).isZero();
        assertThat(out.toString()).contains("household").containsPattern("ingest: \\d+ rows in \\d+ ms, \\d+ rows/s");

        LocalDate yesterday = LocalDate.now(MeterDataGenerator.ZONE).minusDays(1);
        int quarters = MeterDataGenerator.quarterHours(yesterday).size() + MeterDataGenerator.quarterHours(yesterday.minusDays(1)).size();
        Vertx vertx = Vertx.vertx();
        Pool pool = PgBuilder.pool().connectingTo(PgConnectOptions.fromUri(fresh.url())).using(vertx).build();
        try {
            Map<String, long[]> byLabel = new HashMap<>();
            for (Row row : pool.query("""
                    SELECT m.label, m.kind, (SELECT count(*) FROM readings r WHERE r.meter_id = m.id) AS readings,
                           (SELECT count(DISTINCT day) FROM daily_totals t WHERE t.meter_id = m.id) AS days
                    FROM meters m JOIN households h ON h.id = m.household_id
                    JOIN memberships ms ON ms.household_id = h.id JOIN users u ON u.id = ms.user_id
                    WHERE u.username = 'bench' AND ms.role = 'owner'""").execute().await()) {
                byLabel.put(row.getString("label"), new long[]{row.getLong("readings"), row.getLong("days")});
            }
            int days = (int) (yesterday.toEpochDay() - yesterday.minusYears(1).toEpochDay());
            assertThat(byLabel).containsOnlyKeys("Solar 1", "Electricity 2", "Gas 3");
            assertThat(byLabel.get("Solar 1")).as("4 registers a day, offtake and injection each quarter-hour")
                    .containsExactly(days * 4L + quarters * 2L, days);
            assertThat(byLabel.get("Electricity 2")).containsExactly(days * 4L + quarters * 2L, days);
            assertThat(byLabel.get("Gas 3")).as("m³ and kWh, days and hours").containsExactly(days * 2L + quarters / 4 * 2L, days);
        } finally {
            pool.close().await();
            vertx.close().await();
        }

        int again = Main.run(new PrintWriter(new StringWriter(), true), new PrintWriter(err, true), "seed",
                "--database-url", fresh.url(), "--meters", "1", "--years", "0", "--quarter-hour-days", "0");
        assertThat(again).isEqualTo(ExitCode.USAGE);
        assertThat(err.toString()).contains("bench exists already");
    }
}
