package be.meterkast.web;

import be.meterkast.server.MeterkastServer;
import be.meterkast.server.ServerConfig;
import be.meterkast.store.FluviusAccountRepository;
import be.meterkast.store.TestDatabases;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The portal purges expired rows by itself: a server restarted more often than every six hours too. */
class HousekeepingAtStartTest {
    private Vertx vertx;
    private TestDatabases.Fresh database;
    private MeterkastServer server;

    @TempDir
    Path dataDirectory;

    @BeforeEach
    void create() {
        vertx = Vertx.vertx();
        database = TestDatabases.create();
    }

    @AfterEach
    void drop() {
        if (server != null) {
            server.close().await();
        }
        vertx.close().await();
        TestDatabases.drop(database);
    }

    private MeterkastServer start() {
        ServerConfig config = ServerConfig.fromEnvironment(Map.of("DATABASE_URL", database.url(),
                "METERKAST_DATA_DIR", dataDirectory.toString())).withPort(0);
        return MeterkastServer.start(vertx, config, Clock.systemUTC(), (v, db, secrets, clock, cfg) ->
                Future.succeededFuture(new FakeSync(new FluviusAccountRepository(db.pool(), secrets)))).await();
    }

    private long left() {
        return server.database().pool().query("SELECT (SELECT count(*) FROM revoked_sessions)"
                + " + (SELECT count(*) FROM invites)").execute().await().iterator().next().getLong(0);
    }

    @Test
    @DisplayName("expired revoked sessions and invitations are gone soon after start-up, not only after six hours")
    void purgedAtStart() throws InterruptedException {
        server = start();
        server.database().pool().query("""
                WITH u AS (INSERT INTO users (username, display_name, password_hash) VALUES ('oma', 'Oma', 'x') RETURNING id),
                     s AS (INSERT INTO revoked_sessions (token_id, user_id, expires_at)
                           SELECT 'expired', id, now() - interval '1 day' FROM u)
                INSERT INTO invites (token_hash, created_by, role, expires_at)
                SELECT 'expired-hash', id, 'member', now() - interval '1 day' FROM u""").execute().await();
        server.close().await();

        server = start();

        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (left() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(left()).as("expired rows left after start-up").isZero();
    }
}
