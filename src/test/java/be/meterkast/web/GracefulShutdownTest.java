package be.meterkast.web;

import be.meterkast.ops.Monitoring;
import io.micrometer.core.instrument.Gauge;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpResponse;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

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

    @Test
    @DisplayName("A request on a kept-alive connection just after the stop signal is answered, with Connection: close, and then that connection closes")
    void keepAliveRequestAfterSignal() throws IOException, InterruptedException {
        int port = server.port();
        try (Socket kept = new Socket("127.0.0.1", port)) {
            kept.setSoTimeout(5000);
            send(kept);
            assertThat(readResponse(kept.getInputStream())).startsWith("http/1.1 200").doesNotContain("connection: close");

            Future<Void> closing = server.close();
            awaitStopping(port);
            send(kept);
            String answer = readResponse(kept.getInputStream());

            assertThat(answer).as("the request sent after the signal").startsWith("http/1.1 200").contains("connection: close");
            assertThat(kept.getInputStream().read()).as("the connection closes after that response").isEqualTo(-1);
            closing.await();
        }
    }

    private static void send(Socket socket) throws IOException {
        socket.getOutputStream().write("GET /health/live HTTP/1.1\r\nHost: meterkast\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        socket.getOutputStream().flush();
    }

    /** Until a fresh connection is told to close after its answer, or refused: the server is stopping. */
    private static void awaitStopping(int port) throws InterruptedException {
        for (int i = 0; i < 500; i++) {
            try (Socket probe = new Socket("127.0.0.1", port)) {
                probe.setSoTimeout(5000);
                send(probe);
                String answer = readResponse(probe.getInputStream());
                if (answer.isEmpty() || answer.contains("connection: close")) {
                    return;
                }
            } catch (IOException refused) {
                return;
            }
            Thread.sleep(5);
        }
        throw new AssertionError("the server never began to stop");
    }

    /** One response (status line, headers lower-cased, body by Content-Length); empty when the connection closed first. */
    private static String readResponse(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) != -1) {
            head.write(b);
            String text = head.toString(StandardCharsets.US_ASCII);
            if (text.endsWith("\r\n\r\n")) {
                String lower = text.toLowerCase(Locale.ROOT);
                int at = lower.indexOf("content-length:");
                int length = at < 0 ? 0 : Integer.parseInt(lower.substring(at + 15, lower.indexOf("\r\n", at)).strip());
                byte[] body = in.readNBytes(length);
                return lower + new String(body, StandardCharsets.UTF_8);
            }
        }
        return head.toString(StandardCharsets.US_ASCII);
    }
}
