package be.meterkast.web;

import be.meterkast.ops.Monitoring;
import io.micrometer.core.instrument.Gauge;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpResponse;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class GracefulShutdownTest extends PortalTestBase {
    /** The login throttle lets five attempts per account be under way at once (they count before the check). */
    private static final int REQUESTS = 5;
    private final Monitoring monitoring = Monitoring.prometheus();

    @Override
    protected Monitoring monitoring() {
        return monitoring;
    }

    @Test
    @DisplayName("Closing the server while logins are being hashed lets every one of them finish with its response")
    void inFlightRequestsComplete() throws InterruptedException {
        setUpAdmin();
        int port = server.port();
        List<Browser> browsers = new ArrayList<>();
        for (int i = 0; i < REQUESTS; i++) {
            Browser b = browser();
            b.get("/login");
            browsers.add(b);
        }
        List<Future<HttpResponse<Buffer>>> logins = new ArrayList<>();
        for (Browser b : browsers) {
            MultiMap form = MultiMap.caseInsensitiveMultiMap().add("_csrf", b.csrf())
                    .add("username", "admin").add("password", "correct horse");
            logins.add(b.client().postAbs("http://127.0.0.1:" + port + "/login").sendForm(form));
        }
        // Argon2 takes a while per login: wait until the server has all of them in hand, then stop it
        waitForActivePosts(REQUESTS);
        Future<Void> closing = server.close();

        for (Future<HttpResponse<Buffer>> login : logins) {
            HttpResponse<Buffer> r = login.await();
            assertThat(r.statusCode()).isEqualTo(302);
            assertThat(r.getHeader("Location")).isEqualTo("/");
        }
        closing.await();
        assertThatThrownBy(() -> browser().client().getAbs("http://127.0.0.1:" + port + "/health").send().await())
                .as("a closed server takes no new connections").isNotNull();
    }

    private void waitForActivePosts(int expected) throws InterruptedException {
        for (int i = 0; i < 1000; i++) {
            Gauge gauge = monitoring.registry().orElseThrow().find("vertx.http.server.active.requests")
                    .tag("method", "POST").gauge();
            if (gauge != null && gauge.value() >= expected) {
                return;
            }
            Thread.sleep(10);
        }
        throw new AssertionError("the server never had " + expected + " logins in hand at once");
    }
}
