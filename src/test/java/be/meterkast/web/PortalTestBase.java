package be.meterkast.web;

import be.meterkast.ops.Monitoring;
import be.meterkast.server.MeterkastServer;
import be.meterkast.server.ServerConfig;
import be.meterkast.store.FluviusAccountRepository;
import be.meterkast.store.TestDatabases;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A whole portal per test, on its own fresh database, with a stand-in for the Fluvius sync. Tests talk to
 * it over HTTP like a browser would; they run on the JUnit thread and wait with {@code await()}.
 */
abstract class PortalTestBase {
    protected Vertx vertx;
    protected MeterkastServer server;
    protected FakeSync sync;
    private TestDatabases.Fresh database;

    @TempDir
    Path dataDirectory;

    /** Metrics for the portal under test; none unless a test class needs them. */
    protected Monitoring monitoring() {
        return Monitoring.none();
    }

    /** Settings beyond the database, data directory and port; none unless a test class needs them. */
    protected Map<String, String> settings() {
        return Map.of();
    }

    /** The portal's clock; the system's unless a test class pins it. */
    protected Clock clock() {
        return Clock.systemUTC();
    }

    /** The database URL the portal gets; a test class may put something between the two. */
    protected String databaseUrl(String url) {
        return url;
    }

    @BeforeEach
    void startPortal() {
        Monitoring monitoring = monitoring();
        vertx = monitoring.createVertx();
        database = TestDatabases.create();
        Map<String, String> environment = new java.util.HashMap<>(settings());
        environment.putAll(Map.of(
                "DATABASE_URL", databaseUrl(database.url()),
                "METERKAST_DATA_DIR", dataDirectory.toString(),
                "METERKAST_PORT", "1"));
        ServerConfig config = ServerConfig.fromEnvironment(environment).withPort(0);
        server = MeterkastServer.start(vertx, config, clock(), (v, db, secrets, clock, cfg) -> {
            sync = new FakeSync(new FluviusAccountRepository(db.pool(), secrets));
            return Future.succeededFuture(sync);
        }, monitoring).await();
    }

    @AfterEach
    void stopPortal() {
        server.close().await();
        vertx.close().await();
        TestDatabases.drop(database);
    }

    protected Browser browser() {
        return new Browser(vertx, server.port());
    }

    protected RowSet<Row> sql(String query) {
        return server.database().pool().query(query).execute().await();
    }

    /** Runs first-run setup in a new browser and returns it, signed in as the admin {@code admin}. */
    protected Browser setUpAdmin() {
        Browser admin = browser();
        admin.get("/setup");
        var r = admin.post("/setup", "username", "admin", "displayName", "Admin", "password", "correct horse",
                "confirm", "correct horse", "household", "Thuis");
        assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(302);
        return admin;
    }

    /** Creates a user through the admin page and returns a browser signed in as them. */
    protected Browser newUser(Browser admin, String username) {
        admin.get("/admin");
        var created = admin.post("/admin/users", "username", username, "displayName", username, "password", "password-" + username);
        assertThat(created.statusCode()).as(created.bodyAsString()).isEqualTo(302);
        Browser b = browser();
        b.get("/login");
        var login = b.post("/login", "username", username, "password", "password-" + username);
        assertThat(login.statusCode()).as(login.bodyAsString()).isEqualTo(302);
        return b;
    }

    /** The id at the end of a redirect like /households/12. */
    protected static long idFrom(String location) {
        String[] parts = location.split("/");
        return Long.parseLong(parts[parts.length - 1]);
    }
}
