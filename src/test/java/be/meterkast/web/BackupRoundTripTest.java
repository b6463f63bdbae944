package be.meterkast.web;

import be.meterkast.backup.BackupException;
import be.meterkast.backup.BackupExport;
import be.meterkast.backup.BackupImport;
import be.meterkast.fluvius.sim.SimAccounts;
import be.meterkast.server.MeterkastServer;
import be.meterkast.server.ServerConfig;
import be.meterkast.store.DailyTotalRepository;
import be.meterkast.store.Database;
import be.meterkast.store.DatabaseConfig;
import be.meterkast.store.FluviusAccountRepository;
import be.meterkast.store.SecretBox;
import be.meterkast.store.TestDatabases;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Export a portal in use, import it into a fresh database, and find the same portal there. */
class BackupRoundTripTest extends PortalTestBase {
    private static final String[] API_VIEWS = {
            "/api/v1/households",
            "/api/v1/meters",
            "/api/v1/meters/%d/readings?from=2025-06-01&to=2025-06-30&granularity=daily",
            "/api/v1/meters/%d/readings?from=2025-06-01&to=2025-06-10&granularity=quarter-hour",
            "/api/v1/meters/%d/sync",
            "/api/v1/meters/%d/costs?from=2025-06-01&to=2025-06-30"};

    @TempDir
    Path backups;

    private TestDatabases.Fresh restored;
    private long meter;

    @BeforeEach
    void seedPortal() {
        Browser admin = setUpAdmin();
        Browser oma = newUser(admin, "oma");
        long household = sql("SELECT id FROM households").iterator().next().getLong(0);
        sql("INSERT INTO memberships (household_id, user_id, role) SELECT " + household + ", id, 'member' FROM users WHERE username = 'oma'");
        String token = token(admin, "admin", "correct horse");
        assertThat(admin.api("POST", "/api/v1/households/" + household + "/accounts", token,
                new JsonObject().put("email", SimAccounts.DEMO_EMAIL).put("password", "fluvius-pw")).statusCode()).isEqualTo(201);
        var added = admin.api("POST", "/api/v1/households/" + household + "/meters", token, new JsonObject()
                .put("ean", SimAccounts.DEMO_SOLAR.ean()).put("serial", SimAccounts.DEMO_SOLAR.serial())
                .put("kind", "electricity").put("label", "Zon"));
        assertThat(added.statusCode()).as(added.bodyAsString()).isEqualTo(201);
        meter = added.bodyAsJsonObject().getLong("id");
        // June 2025: days and quarter-hours on the day and night registers, offtake and injection
        sql("""
                INSERT INTO readings (meter_id, period_start, period_end, tariff, direction, unit, value, estimated)
                SELECT %d, s, s + interval '15 minutes', t, d, 3, round((((extract(epoch FROM s)::bigint / 900) * 7919 + t * 31 + d) %% 997) / 1000.0, 4), false
                FROM generate_series(timestamptz '2025-05-31 22:00Z', timestamptz '2025-06-30 21:45Z', interval '15 minutes') s,
                     generate_series(1, 2) t, generate_series(1, 2) d""".formatted(meter));
        sql("""
                INSERT INTO readings (meter_id, period_start, period_end, tariff, direction, unit, value, estimated)
                SELECT %d, (day::date)::timestamp AT TIME ZONE 'Europe/Brussels',
                       (day::date + 1)::timestamp AT TIME ZONE 'Europe/Brussels', t, d, 3, 10.1234 * t + d, day > '2025-06-28'
                FROM generate_series(date '2025-06-01', date '2025-06-30', interval '1 day') day,
                     generate_series(1, 2) t, generate_series(1, 2) d""".formatted(meter));
        // rows written past the repository: their daily totals computed as a restore does
        new DailyTotalRepository(server.database().pool()).rebuildAll().await();
        sql("INSERT INTO monthly_peaks VALUES (" + meter + ", '2025-06-01', 5.432, '2025-06-12 17:00Z', '2025-06-12 17:15Z')");
        sql("INSERT INTO meter_sync (meter_id, backfill_done, last_success_at, progress_done, progress_total) VALUES ("
                + meter + ", true, '2025-07-01 04:00Z', 42, 42)");
        sql("INSERT INTO incomplete_days (meter_id, day, resolution, defect) VALUES (" + meter
                + ", '2025-06-15', 'DAY', 'MISSING_REGISTER')");
        sql("INSERT INTO tariff_periods (household_id, valid_from, energy_day, energy_night, capacity_per_kw_year, "
                + "prices_include_vat) VALUES (" + household + ", '2025-01-01', 0.31, 0.24, 48.5, true)");
        restored = TestDatabases.create();
    }

    @AfterEach
    void dropRestored() {
        TestDatabases.drop(restored);
    }

    @Test
    @Tag("slow")
    @DisplayName("export then import into a fresh database: the same API answers and pages, old passwords still work")
    void roundTrip() {
        Map<String, String> before = views();
        assertThat(new JsonObject(before.get(API_VIEWS[2].formatted(meter))).getJsonArray("readings")).hasSize(30 * 4);
        String meterPage = page(browserSignedIn("admin", "correct horse"), "/meters/" + meter);
        Path archive = backups.resolve("meterkast.jsonl.gz");
        Map<String, Long> exported = export(archive);
        assertThat(exported).containsEntry("readings", 30L * 96 * 4 + 30 * 4).containsEntry("users", 2L)
                .containsEntry("incomplete_days", 1L).containsEntry("tariff_periods", 1L);

        Map<String, Long> imported = importInto(restored, archive, secrets());
        assertThat(imported).isEqualTo(exported);
        switchTo(restored);

        assertThat(views()).isEqualTo(before);
        assertThat(page(browserSignedIn("admin", "correct horse"), "/meters/" + meter)).isEqualTo(meterPage);
        assertThat(browserSignedIn("oma", "password-oma").get("/").statusCode()).isEqualTo(200);
        // The Fluvius password is still readable: same key, same row id
        var account = new FluviusAccountRepository(server.database().pool(), secrets()).all().await().get(0);
        assertThat(new FluviusAccountRepository(server.database().pool(), secrets()).secrets(account.id()).await()
                .orElseThrow().password()).isEqualTo("fluvius-pw");
        // The id sequences moved past the restored rows
        Browser admin = browserSignedIn("admin", "correct horse");
        admin.get("/");
        assertThat(admin.post("/households", "name", "Bij oma").statusCode()).isEqualTo(302);
    }

    @Test
    @DisplayName("import refuses a database that is already in use, and changes nothing")
    void refusesNonEmpty() {
        Path archive = backups.resolve("b.jsonl.gz");
        export(archive);
        long before = sql("SELECT count(*) FROM readings").iterator().next().getLong(0);
        assertThatThrownBy(() -> new BackupImport(server.database().pool(), secrets()).importFrom(archive))
                .isInstanceOf(BackupException.class).hasMessageContaining("already holds a portal");
        assertThat(sql("SELECT count(*) FROM readings").iterator().next().getLong(0)).isEqualTo(before);
    }

    @Test
    @DisplayName("import refuses an archive made with another key and leaves the database empty")
    void refusesOtherKey() {
        Path archive = backups.resolve("c.jsonl.gz");
        export(archive);
        assertThatThrownBy(() -> importInto(restored, archive, SecretBox.withNewKey()))
                .isInstanceOf(BackupException.class).hasMessageContaining("another key");
        Database db = Database.start(vertx, DatabaseConfig.external(restored.url(), dataDirectory)).await();
        try {
            assertThat(db.pool().query("SELECT count(*) FROM users").execute().await().iterator().next().getLong(0)).isZero();
        } finally {
            db.close().await();
        }
    }

    private Map<String, String> views() {
        Browser client = browser();
        String token = token(client, "admin", "correct horse");
        Map<String, String> views = new LinkedHashMap<>();
        for (String view : API_VIEWS) {
            String path = view.formatted(meter);
            var r = client.api("GET", path, token, null);
            assertThat(r.statusCode()).as(path).isEqualTo(200);
            views.put(path, r.bodyAsString());
        }
        return views;
    }

    private static String page(Browser b, String path) {
        var r = b.get(path);
        assertThat(r.statusCode()).isEqualTo(200);
        return r.bodyAsString().replaceAll("name=\"_csrf\" value=\"[^\"]+\"", "");
    }

    private Browser browserSignedIn(String username, String password) {
        Browser b = browser();
        b.get("/login");
        var login = b.post("/login", "username", username, "password", password);
        assertThat(login.statusCode()).as(login.bodyAsString()).isEqualTo(302);
        assertThat(login.getHeader("Location")).isEqualTo("/");
        return b;
    }

    private static String token(Browser b, String username, String password) {
        var r = b.api("POST", "/api/v1/token", null, new JsonObject().put("username", username).put("password", password));
        assertThat(r.statusCode()).isEqualTo(200);
        return r.bodyAsJsonObject().getString("token");
    }

    private Map<String, Long> export(Path archive) {
        try {
            return new BackupExport(server.database().pool(), Clock.systemUTC()).exportTo(archive);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private Map<String, Long> importInto(TestDatabases.Fresh target, Path archive, SecretBox key) {
        Database db = Database.start(vertx, DatabaseConfig.external(target.url(), dataDirectory)).await();
        try {
            return new BackupImport(db.pool(), key).importFrom(archive);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } finally {
            db.close().await();
        }
    }

    private SecretBox secrets() {
        try {
            return SecretBox.load(Map.of(), dataDirectory);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Replaces the running portal with one on the restored database (same data directory, so the same key). */
    private void switchTo(TestDatabases.Fresh target) {
        server.close().await();
        ServerConfig config = ServerConfig.fromEnvironment(Map.of(
                "DATABASE_URL", target.url(),
                "METERKAST_DATA_DIR", dataDirectory.toString(),
                "METERKAST_PORT", "1")).withPort(0);
        server = MeterkastServer.start(vertx, config, Clock.systemUTC(),
                (v, db, box, clock, cfg) -> Future.succeededFuture(new FakeSync(new FluviusAccountRepository(db.pool(), box))))
                .await();
    }
}
