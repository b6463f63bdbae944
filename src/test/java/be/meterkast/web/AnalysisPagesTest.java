package be.meterkast.web;

import be.meterkast.fluvius.sim.FluviusSimulator;
import be.meterkast.fluvius.sim.MeterDataGenerator;
import be.meterkast.fluvius.sim.SimAccounts;
import be.meterkast.fluvius.sim.SimClock;
import be.meterkast.fluvius.sim.SimMeter;
import be.meterkast.fluvius.sim.SimulatorOptions;
import be.meterkast.server.FluviusSync;
import be.meterkast.server.MeterkastServer;
import be.meterkast.server.ServerConfig;
import be.meterkast.store.TestDatabases;
import be.meterkast.sync.SyncSettings;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.Locale;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The analysis pages over data synced from the simulator: every figure checked against the simulator's
 * generator, never against the portal's own arithmetic. One portal and one sync for the whole class.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AnalysisPagesTest {
    private static final ZoneId BRUSSELS = ZoneId.of("Europe/Brussels");
    private final Format fmt = new Format(Locale.ENGLISH, BRUSSELS);
    /**
     * Noon in Brussels on Sunday 30 March 2025, the 23-hour day summer time starts; the portal, the sync and the
     * simulator share this pinned clock, so the pages' "today" is the one the expectations are computed from.
     */
    private final SimClock clock = SimClock.fixed(Instant.parse("2025-03-30T10:00:00Z"));
    private final LocalDate today = clock.today();

    private Vertx vertx;
    private FluviusSimulator simulator;
    private MeterkastServer server;
    private TestDatabases.Fresh database;
    private Browser browser;
    private long solar;
    private long ev;
    private long gas;

    @BeforeAll
    void syncThreeMeters() throws Exception {
        vertx = Vertx.vertx();
        simulator = FluviusSimulator.start(vertx, 0, new SimulatorOptions(), SimAccounts.withDefaults(), clock).await();
        database = TestDatabases.create();
        ServerConfig config = ServerConfig.fromEnvironment(Map.of("DATABASE_URL", database.url(),
                "METERKAST_DATA_DIR", Files.createTempDirectory("meterkast-analysis").toString(),
                "FLUVIUS_PORTAL_URL", simulator.baseUrl())).withPort(0);
        SyncSettings settings = new SyncSettings(Duration.ofMillis(500), Duration.ofHours(6), 0.1, 75, 31, 3, 3, 10,
                200, Duration.ofMinutes(1), Duration.ofHours(6), Duration.ofHours(24), BRUSSELS);
        server = MeterkastServer.start(vertx, config, clock, FluviusSync.factory(settings)).await();

        browser = new Browser(vertx, server.port());
        browser.get("/setup");
        browser.post("/setup", "username", "anna", "displayName", "Anna", "password", "correct horse", "confirm",
                "correct horse", "household", "Thuis");
        long household = server.database().pool().query("SELECT id FROM households").execute().await().iterator().next().getLong(0);
        browser.get("/households/" + household);
        browser.post("/households/" + household + "/accounts", "email", SimAccounts.DEMO_EMAIL, "password", SimAccounts.DEMO_PASSWORD);
        solar = addMeter(household, SimAccounts.DEMO_SOLAR, "Zon", "electricity", "m3");
        ev = addMeter(household, SimAccounts.DEMO_EV, "Auto", "electricity", "m3");
        gas = addMeter(household, SimAccounts.DEMO_GAS, "Gas", "gas", "m3");
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        for (long meter : new long[]{solar, ev, gas}) {
            while (!server.services().meterSync().get(meter).await().backfillDone()) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("backfill of meter " + meter + " did not finish");
                }
                Thread.sleep(200);
            }
        }
    }

    private long addMeter(long household, SimMeter meter, String label, String kind, String gasUnit) {
        browser.get("/households/" + household);
        var r = browser.post("/households/" + household + "/meters", "label", label, "ean", meter.ean(),
                "serial", meter.serial(), "kind", kind, "gasUnit", gasUnit);
        return Long.parseLong(r.getHeader("Location").replaceAll(".*/", ""));
    }

    @AfterAll
    void stop() {
        server.close().await();
        simulator.close().await();
        vertx.close().await();
        TestDatabases.drop(database);
    }

    private static boolean estimated(LocalDate day, LocalDate today) {
        return MeterDataGenerator.isEstimated(day, today);
    }

    @Test
    @DisplayName("the 7-day period's totals and averages equal the generator's days added up")
    void weekTotals() {
        BigDecimal offtake = BigDecimal.ZERO;
        BigDecimal injection = BigDecimal.ZERO;
        for (LocalDate d = today.minusDays(7); d.isBefore(today); d = d.plusDays(1)) {
            var t = MeterDataGenerator.dailyTotals(SimAccounts.DEMO_SOLAR, d, estimated(d, today));
            offtake = offtake.add(t.totalOfftake());
            injection = injection.add(t.totalInjection());
        }

        String page = browser.get("/meters/" + solar + "?days=7").bodyAsString();

        assertThat(page).contains("7 of 7 days with data")
                .contains(">" + fmt.amount(offtake) + " kWh<")
                .contains(">" + fmt.amount(injection) + " kWh<")
                .contains(">" + fmt.amount(offtake.subtract(injection)) + " kWh<")
                .contains(fmt.amount(offtake.divide(BigDecimal.valueOf(7), 3, java.math.RoundingMode.HALF_UP)) + " kWh per day");
    }

    @Test
    @DisplayName("a calendar month shows all its days, and the busiest day is the generator's busiest")
    void month() {
        YearMonth last = YearMonth.from(today).minusMonths(1);
        LocalDate busiest = null;
        BigDecimal most = BigDecimal.valueOf(-1);
        for (LocalDate d = last.atDay(1); !d.isAfter(last.atEndOfMonth()); d = d.plusDays(1)) {
            BigDecimal total = MeterDataGenerator.dailyTotals(SimAccounts.DEMO_EV, d, estimated(d, today)).totalOfftake();
            if (total.compareTo(most) > 0) {
                most = total;
                busiest = d;
            }
        }

        String page = browser.get("/meters/" + ev + "?month=" + last).bodyAsString();

        assertThat(page).contains(last.lengthOfMonth() + " of " + last.lengthOfMonth() + " days with data");
        String figure = page.substring(page.indexOf("Busiest day"));
        assertThat(figure.substring(0, 400)).contains(fmt.amount(most) + " kWh").contains(fmt.date(busiest));
    }

    @Test
    @DisplayName("monthly peaks equal the highest quarter-hour offtake times four, per month")
    void peaks() {
        YearMonth last = YearMonth.from(today).minusMonths(1);
        var expected = MeterDataGenerator.monthlyPeak(SimAccounts.DEMO_EV, last, today);

        String page = browser.get("/meters/" + ev).bodyAsString();

        String section = page.substring(page.indexOf("Monthly peaks"));
        String row = section.substring(section.indexOf(fmt.month(last)));
        row = row.substring(0, row.indexOf("</tr>"));
        assertThat(row).contains(">" + fmt.amount(expected.kilowatts()) + "<");
    }

    @Test
    @DisplayName("a day in quarter-hours: 96 rows that add up to the generator's day, and the night's base load")
    void dayView() {
        LocalDate day = today.minusDays(3);
        var expected = MeterDataGenerator.dailyTotals(SimAccounts.DEMO_SOLAR, day, estimated(day, today));

        String page = browser.get("/meters/" + solar + "/day/" + day).bodyAsString();

        assertThat(page.split("<tr").length - 2).as("quarter-hour rows").isEqualTo(96);
        assertThat(page).contains(">" + fmt.amount(expected.totalOfftake()) + " kWh<")
                .contains(">" + fmt.amount(expected.totalInjection()) + " kWh<").contains("Base load");
    }

    @Test
    @DisplayName("gas is shown in its own unit per gas day and never mixed with kWh")
    void gasInM3() {
        LocalDate day = today.minusDays(10);
        var expected = MeterDataGenerator.gasDay(SimAccounts.DEMO_GAS, day, MeterDataGenerator.isGasEstimated(day, today));

        String page = browser.get("/meters/" + gas + "?days=30").bodyAsString();

        String table = page.substring(page.indexOf("<tbody>"));
        String row = table.substring(table.indexOf(fmt.date(day)));
        row = row.substring(0, row.indexOf("</tr>"));
        assertThat(row).contains(">" + fmt.amount(expected.m3()) + "<");
        assertThat(page).contains("Offtake (m³)").doesNotContain("Total injection");
        assertThat(page).contains("no data");
    }

    @Test
    @DisplayName("the home page's 7-day net of each meter equals the generator's")
    void home() {
        BigDecimal net = BigDecimal.ZERO;
        for (LocalDate d = today.minusDays(7); d.isBefore(today); d = d.plusDays(1)) {
            net = net.add(MeterDataGenerator.dailyTotals(SimAccounts.DEMO_SOLAR, d, estimated(d, today)).net());
        }

        String page = browser.get("/").bodyAsString();

        String row = page.substring(page.indexOf(">Zon<"));
        row = row.substring(0, row.indexOf("</tr>"));
        assertThat(row).contains(">" + fmt.amount(net) + " kWh<").contains("<polyline");
    }

    @Test
    @DisplayName("a period the picker cannot read answers 400 and says what to fix")
    void badPeriod() {
        var r = browser.get("/meters/" + solar + "?from=2025-13-01&to=2025-02-01");

        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.bodyAsString()).contains("The start date (from) is written like 2025-06-30");
    }

    @Test
    @DisplayName("Dutch pages write numbers with a decimal comma")
    void dutchNumbers() {
        Browser nl = new Browser(vertx, server.port());
        nl.get("/login");
        nl.post("/login", "username", "anna", "password", "correct horse");
        nl.get("/account");
        nl.post("/account/language", "language", "nl", "next", "/");
        LocalDate day = today.minusDays(3);
        var expected = MeterDataGenerator.dailyTotals(SimAccounts.DEMO_SOLAR, day, estimated(day, today));

        String page = nl.get("/meters/" + solar + "/day/" + day).bodyAsString();

        assertThat(page).contains(">" + new Format(Page.DUTCH, BRUSSELS).amount(expected.totalOfftake()) + " kWh<")
                .contains("Basisverbruik");
        assertThat(new Format(Page.DUTCH, BRUSSELS).amount(new BigDecimal("1234.5"))).isEqualTo("1.234,500");
        nl.post("/account/language", "language", "en", "next", "/");
    }

    @Test
    @DisplayName("days=abc answers 400 naming the days parameter and what it allows")
    void daysNotANumber() {
        var r = browser.get("/meters/" + solar + "?days=abc");

        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.bodyAsString()).contains("The number of days (days) must be a whole number from 1 to 1100");
    }

    @Test
    @DisplayName("each period parameter that cannot be read is named in the answer: month, year, from, to")
    void otherPeriodParametersNamed() {
        assertThat(browser.get("/meters/" + solar + "?month=june").bodyAsString())
                .contains("The month (month) is written like 2025-06");
        assertThat(browser.get("/meters/" + solar + "?year=last").bodyAsString())
                .contains("The year (year) must be a year from 2000");
        assertThat(browser.get("/meters/" + solar + "?from=2025-13-01&to=2025-02-01").bodyAsString())
                .contains("The start date (from) is written like 2025-06-30");
        assertThat(browser.get("/meters/" + solar + "?from=2025-01-01&to=soon").bodyAsString())
                .contains("The end date (to) is written like 2025-06-30");
    }

    @Test
    @DisplayName("Refresh now keeps the period the page showed")
    void refreshKeepsPeriod() {
        String page = browser.get("/meters/" + solar + "?month=2025-02").bodyAsString();
        assertThat(page).contains("action=\"/meters/" + solar + "/refresh?month=2025-02\"");

        var refreshed = browser.post("/meters/" + solar + "/refresh?month=2025-02");

        assertThat(refreshed.statusCode()).isEqualTo(302);
        assertThat(refreshed.getHeader("Location")).isEqualTo("/meters/" + solar + "?month=2025-02");
    }

    @Test
    @DisplayName("the home page says what a percentage compares: this period's net per day against the one before")
    void percentageExplained() {
        String page = browser.get("/").bodyAsString();
        String row = page.substring(page.indexOf(">Zon<"));
        row = row.substring(0, row.indexOf("</tr>"));

        assertThat(row).contains("per day, against").contains("in the 7 days before");
    }
}
