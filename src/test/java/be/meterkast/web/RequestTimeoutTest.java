package be.meterkast.web;

import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpResponse;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The net under every route: a handler that never answers (here one whose future callback throws, the way the
 * audit's unanswered requests failed) still gets its request a 503 once the request timeout (here 2 s) runs out.
 */
class RequestTimeoutTest extends PortalTestBase {

    @Override
    protected Map<String, String> settings() {
        // One portal verticle: the broken route is added to its router, and every connection must reach it
        return Map.of("METERKAST_REQUEST_TIMEOUT_SECONDS", "2", "METERKAST_WEB_INSTANCES", "1");
    }

    @Test
    @DisplayName("an exception inside a future's callback: the request answers 503 when the request timeout runs out")
    void exceptionInACallback() {
        server.router().get("/broken").handler(ctx -> vertx.timer(1).onSuccess(v -> {
            throw new IllegalStateException("a bug after the first await");
        }));

        HttpResponse<Buffer> r = browser().answeringWithin(Duration.ofSeconds(5)).get("/broken");

        assertThat(r.statusCode()).isEqualTo(503);
        assertThat(r.bodyAsString()).contains("took too long to answer");
    }
}
