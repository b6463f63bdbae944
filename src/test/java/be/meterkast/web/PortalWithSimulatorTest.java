package be.meterkast.web;

import be.meterkast.fluvius.sim.FluviusSimulator;
import be.meterkast.fluvius.sim.MeterDataGenerator;
import be.meterkast.fluvius.sim.SimAccounts;
import be.meterkast.fluvius.sim.SimClock;
import be.meterkast.fluvius.sim.SimulatorOptions;
import be.meterkast.server.FluviusSync;
import be.meterkast.server.MeterkastServer;
import be.meterkast.server.ServerConfig;
import be.meterkast.server.SyncFactory;
import be.meterkast.store.TestDatabases;
import be.meterkast.sync.SyncService;
import be.meterkast.sync.SyncSettings;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.sqlclient.Row;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The whole product: pages, the real sync and the Fluvius simulator. A family member links the demo account
 * and a meter in the browser; the meter page then shows the simulator's numbers, read from PostgreSQL.
 */
class PortalWithSimulatorTest {
    private static final ZoneId BRUSSELS = ZoneId.of("Europe/Brussels");
    /**
     * 23:59 in Brussels on Sunday 26 October 2025, the 25-hour day summer time ends: the portal, the sync and
     * the simulator share this pinned clock, so "today" cannot change under a test run at midnight.
     */
    private static final Instant NOW = Instant.parse("2025-10-26T22:59:00Z");

    private final SimClock clock = SimClock.fixed(NOW);
    private Vertx vertx;
    private FluviusSimulator simulator;
    private MeterkastServer server;
    private TestDatabases.Fresh database;
    /** The real sync behind the portal, to run a scheduler round on demand. */
    private SyncService sync;

    @TempDir
    Path dataDirectory;

    @BeforeEach
    void start() {
        vertx = Vertx.vertx();
        simulator = FluviusSimulator.start(vertx, 0, new SimulatorOptions(), SimAccounts.withDefaults(), clock).await();
        database = TestDatabases.create();
        ServerConfig config = ServerConfig.fromEnvironment(Map.of("DATABASE_URL", database.url(),
                "METERKAST_DATA_DIR", dataDirectory.toString(), "FLUVIUS_PORTAL_URL", simulator.baseUrl())).withPort(0);
        // The timer scans once at start-up, then not within a test: tests run a round with sync.runDue()
        SyncSettings small = new SyncSettings(Duration.ofHours(1), Duration.ofHours(6), 0.1, 14, 31, 2, 3, 10,
                100, Duration.ofMinutes(1), Duration.ofHours(6), Duration.ofHours(24), BRUSSELS);
        SyncFactory real = FluviusSync.factory(small);
        server = MeterkastServer.start(vertx, config, clock, (v, db, secrets, portalClock, cfg) ->
                real.create(v, db, secrets, portalClock, cfg).map(managed -> {
                    sync = (SyncService) managed;
                    return managed;
                })).await();
    }

    @AfterEach
    void stop() {
        server.close().await();
        simulator.close().await();
        vertx.close().await();
        TestDatabases.drop(database);
    }

    private Browser signedInAdmin() {
        Browser b = new Browser(vertx, server.port());
        b.get("/setup");
        b.post("/setup", "username", "anna", "displayName", "Anna", "password", "correct horse", "confirm", "correct horse",
                "household", "Thuis");
        return b;
    }

    private long household() {
        return server.database().pool().query("SELECT id FROM households").execute().await().iterator().next().getLong(0);
    }

    private void awaitBackfill(long meterId) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            if (server.services().meterSync().get(meterId).await().backfillDone()) {
                return;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("the backfill of meter " + meterId + " did not finish in 60 s");
    }

    @Test
    @DisplayName("link an account and a meter in the browser; the meter page shows the simulator's numbers to the Wh")
    void endToEnd() throws InterruptedException {
        Browser b = signedInAdmin();
        long household = household();
        b.get("/households/" + household);

        var linked = b.post("/households/" + household + "/accounts", "email", SimAccounts.DEMO_EMAIL,
                "password", SimAccounts.DEMO_PASSWORD);
        assertThat(linked.statusCode()).isEqualTo(302);
        assertThat(b.get("/households/" + household).bodyAsString()).contains("Fluvius account linked");
        var added = b.post("/households/" + household + "/meters", "label", "Zonnepanelen", "ean", SimAccounts.DEMO_SOLAR.ean(),
                "serial", SimAccounts.DEMO_SOLAR.serial(), "kind", "electricity");
        long meter = Long.parseLong(added.getHeader("Location").replaceAll(".*/", ""));
        awaitBackfill(meter);

        String page = b.get("/meters/" + meter).bodyAsString();
        LocalDate today = clock.today();
        Format fmt = new Format(Locale.ENGLISH, BRUSSELS);
        for (LocalDate day = today.minusDays(7); day.isBefore(today); day = day.plusDays(1)) {
            var expected = MeterDataGenerator.dailyTotals(SimAccounts.DEMO_SOLAR, day, MeterDataGenerator.isEstimated(day, today));
            String table = page.substring(page.indexOf("<tbody>"));
            String row = table.substring(table.indexOf(fmt.date(day)));
            row = row.substring(0, row.indexOf("</tr>"));
            assertThat(row).as("row of %s", day)
                    .contains(">" + fmt.amount(expected.offtakeDay()) + "<")
                    .contains(">" + fmt.amount(expected.offtakeNight()) + "<")
                    .contains(">" + fmt.amount(expected.injectionDay()) + "<")
                    .contains(">" + fmt.amount(expected.injectionNight()) + "<")
                    .contains(">" + fmt.amount(expected.net()) + "<");
        }
        assertThat(simulator.stats().passwordAttempts(SimAccounts.DEMO_EMAIL)).isEqualTo(1);
    }

    @Test
    @DisplayName("no table holds a Fluvius password or token in plain text")
    void secretsEncrypted() throws InterruptedException {
        Browser b = signedInAdmin();
        long household = household();
        b.get("/households/" + household);
        b.post("/households/" + household + "/accounts", "email", SimAccounts.DEMO_EMAIL, "password", SimAccounts.DEMO_PASSWORD);
        b.get("/households/" + household);
        var added = b.post("/households/" + household + "/meters", "label", "Gas", "ean", SimAccounts.DEMO_GAS.ean(),
                "serial", SimAccounts.DEMO_GAS.serial(), "kind", "gas");
        awaitBackfill(Long.parseLong(added.getHeader("Location").replaceAll(".*/", "")));

        List<String> tables = new ArrayList<>();
        server.database().pool().query("SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'")
                .execute().await().forEach(row -> tables.add(row.getString(0)));
        List<String> leaks = new ArrayList<>();
        for (String table : tables) {
            for (Row row : server.database().pool().query("SELECT * FROM \"" + table + "\"").execute().await()) {
                for (int i = 0; i < row.size(); i++) {
                    Object value = row.getValue(i);
                    String text = value instanceof Buffer buffer ? buffer.toString(StandardCharsets.ISO_8859_1) : String.valueOf(value);
                    if (text.contains(SimAccounts.DEMO_PASSWORD) || text.contains("correct horse") || text.contains("eyJ")) {
                        leaks.add(table + "." + row.getColumnName(i));
                    }
                }
            }
        }

        assertThat(tables).contains("fluvius_accounts", "users", "instance_secrets");
        assertThat(server.database().pool().query("SELECT count(*) FROM fluvius_accounts WHERE tokens_secret IS NOT NULL")
                .execute().await().iterator().next().getLong(0)).as("tokens are kept (encrypted)").isEqualTo(1);
        assertThat(leaks).isEmpty();
    }

    @Test
    @DisplayName("a rejected password is shown to the owner and never tried again by the scheduler")
    void rejectedPasswordNotRetried() {
        Browser b = signedInAdmin();
        long household = household();
        b.get("/households/" + household);

        b.post("/households/" + household + "/accounts", "email", SimAccounts.FAMILY_EMAIL, "password", "not-the-password");
        assertThat(b.get("/households/" + household).bodyAsString()).contains("Fluvius refused that email or password");
        var added = b.post("/households/" + household + "/meters", "label", "Huis", "ean", SimAccounts.FAMILY_PLAIN.ean(),
                "serial", SimAccounts.FAMILY_PLAIN.serial(), "kind", "electricity");
        long meter = Long.parseLong(added.getHeader("Location").replaceAll(".*/", ""));
        // the new meter's own run (it fails: the account is blocked), then scheduler rounds, each to its end
        server.sync().refreshNow(meter).otherwiseEmpty().await();
        sync.runDue().await();
        sync.runDue().await();

        assertThat(simulator.stats().passwordAttempts(SimAccounts.FAMILY_EMAIL)).isEqualTo(1);
        assertThat(b.get("/").bodyAsString()).contains("refused the password of " + SimAccounts.FAMILY_EMAIL);
    }

    @Test
    @DisplayName("an account that does not sign in offers its owner the redacted diagnostics of the attempt")
    void diagnosticsOfAFailedSignIn() {
        Browser b = signedInAdmin();
        long household = household();
        b.get("/households/" + household);
        b.post("/households/" + household + "/accounts", "email", SimAccounts.FAMILY_EMAIL, "password", "Wr0ng+pass/word=");
        long account = server.database().pool().query("SELECT id FROM fluvius_accounts").execute().await()
                .iterator().next().getLong(0);

        String page = b.get("/households/" + household).bodyAsString();
        String link = "/households/" + household + "/accounts/" + account + "/diagnostics";
        assertThat(page).contains("href=\"" + link + "\"").contains("Download diagnostics");

        var download = b.get(link);
        assertThat(download.statusCode()).isEqualTo(200);
        assertThat(download.getHeader("Content-Disposition")).contains("attachment");
        var trace = download.bodyAsJsonObject();
        assertThat(trace.getString("outcome")).isEqualTo("failed");
        assertThat(trace.getJsonArray("steps")).extracting(step -> ((io.vertx.core.json.JsonObject) step).getString("step"))
                .containsExactly("sign-in configuration", "sign-in page", "credential check");
        assertThat(download.bodyAsString()).contains("AADB2C90054")
                .doesNotContain("Wr0ng+pass/word=").doesNotContain(SimAccounts.FAMILY_EMAIL);

        assertThat(b.get("/households/" + household + "/accounts/" + (account + 1) + "/diagnostics").statusCode())
                .as("another account's diagnostics").isEqualTo(404);
    }

    @Test
    @DisplayName("removing the only owner of a household, its fate 'delete', leaves nothing of it syncing: the simulator sees no further request")
    void removedOwnerLeavesNothingSyncing() throws InterruptedException {
        Browser admin = signedInAdmin();
        admin.get("/admin/");
        admin.post("/admin/users", "username", "bert", "displayName", "Bert", "password", "password-bert");
        Browser bert = new Browser(vertx, server.port());
        bert.get("/login");
        bert.post("/login", "username", "bert", "password", "password-bert");
        bert.get("/");
        long household = idFrom(bert.post("/households", "name", "Bij Bert").getHeader("Location"));
        bert.get("/households/" + household);
        bert.post("/households/" + household + "/accounts", "email", SimAccounts.DEMO_EMAIL, "password", SimAccounts.DEMO_PASSWORD);
        bert.get("/households/" + household);
        var added = bert.post("/households/" + household + "/meters", "label", "Zonnepanelen", "ean", SimAccounts.DEMO_SOLAR.ean(),
                "serial", SimAccounts.DEMO_SOLAR.serial(), "kind", "electricity");
        awaitBackfill(idFrom(added.getHeader("Location")));
        long bertId = server.database().pool().query("SELECT id FROM users WHERE username = 'bert'").execute().await()
                .iterator().next().getLong(0);

        admin.get("/admin/users/" + bertId + "/delete");
        var removed = admin.post("/admin/users/" + bertId + "/delete", "fate-" + household, "delete");
        assertThat(removed.statusCode()).as(removed.bodyAsString()).isEqualTo(302);
        // past the next incremental run (6 h + jitter): a meter still scheduled would now be due
        clock.advance(Duration.ofHours(7));
        long dataRequests = simulator.stats().dataRequests();
        long signIns = simulator.stats().passwordAttempts();
        sync.runDue().await();
        sync.runDue().await();

        assertThat(simulator.stats().dataRequests()).as("data requests after the owner was removed").isEqualTo(dataRequests);
        assertThat(simulator.stats().passwordAttempts()).as("sign-ins after the owner was removed").isEqualTo(signIns);
        assertThat(server.database().pool().query("SELECT (SELECT count(*) FROM fluvius_accounts) + (SELECT count(*) FROM meters)")
                .execute().await().iterator().next().getLong(0)).as("accounts and meters left").isZero();
    }

    private static long idFrom(String location) {
        return Long.parseLong(location.replaceAll(".*/", ""));
    }
}
