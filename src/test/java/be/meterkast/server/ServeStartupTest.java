package be.meterkast.server;

import be.meterkast.store.TestDatabases;
import be.meterkast.sync.LinkResult;
import be.meterkast.sync.SyncControl;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/** How {@code serve} comes up: the port answers before the sync begins, so a load balancer sees it up at once. */
class ServeStartupTest {
    private Vertx vertx;
    private TestDatabases.Fresh database;
    private MeterkastServer server;

    @TempDir
    Path dataDirectory;

    @BeforeEach
    void start() {
        vertx = Vertx.vertx();
        database = TestDatabases.create();
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close().await();
        }
        vertx.close().await();
        TestDatabases.drop(database);
    }

    /** A sync that, when it is started, asks the portal's /health and remembers the answer. */
    private static final class HealthProbingSync implements SyncControl.Managed {
        private final HttpClient http;
        private final int port;
        final AtomicReference<String> healthWhenStarted = new AtomicReference<>();

        HealthProbingSync(Vertx vertx, int port) {
            this.http = vertx.createHttpClient();
            this.port = port;
        }

        @Override
        public Future<Void> start() {
            return http.request(HttpMethod.GET, port, "127.0.0.1", "/health")
                    .compose(request -> request.send())
                    .compose(HttpClientResponse::body)
                    .map(body -> body.toString())
                    .recover(err -> Future.succeededFuture("no answer: " + err))
                    .onSuccess(healthWhenStarted::set)
                    .mapEmpty();
        }

        @Override
        public Future<Void> stop() {
            return http.close();
        }

        @Override
        public Future<LinkResult> linkAccount(long householdId, String email, String password) {
            return Future.failedFuture(new UnsupportedOperationException("not in this test"));
        }

        @Override
        public Future<LinkResult> updatePassword(long accountId, String password) {
            return Future.failedFuture(new UnsupportedOperationException("not in this test"));
        }

        @Override
        public Future<Void> meterAdded(long meterId) {
            return Future.succeededFuture();
        }

        @Override
        public Future<Void> refreshNow(long meterId) {
            return Future.succeededFuture();
        }

        public void accountRemoved(long accountId) {
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    @Test
    @DisplayName("the sync starts once the port is bound: /health answers UP before the first sync has begun")
    void portBeforeSync() throws IOException {
        int port = freePort();
        ServerConfig config = ServerConfig.fromEnvironment(Map.of("DATABASE_URL", database.url(),
                "METERKAST_DATA_DIR", dataDirectory.toString())).withPort(port);
        AtomicReference<HealthProbingSync> sync = new AtomicReference<>();

        server = MeterkastServer.start(vertx, config, Clock.systemUTC(), (v, db, secrets, clock, cfg) -> {
            sync.set(new HealthProbingSync(v, port));
            return Future.succeededFuture(sync.get());
        }).await();

        assertThat(sync.get().healthWhenStarted.get()).contains("\"status\":\"UP\"");
    }
}
