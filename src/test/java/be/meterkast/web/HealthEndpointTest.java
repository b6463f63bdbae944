package be.meterkast.web;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class HealthEndpointTest extends PortalTestBase {

    @Test
    @DisplayName("/health answers 200 UP with the database check, without login, and sets no session cookie")
    void healthyWithDatabase() {
        var r = browser().get("/health");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.getHeader("Content-Type")).startsWith("application/json");
        assertThat(r.cookies()).isEmpty();
        JsonObject body = r.bodyAsJsonObject();
        assertThat(body.getString("status")).isEqualTo("UP");
        assertThat(body.getJsonObject("checks").getJsonObject("database").getString("status")).isEqualTo("UP");
    }

    @Test
    @DisplayName("/health answers 503 DOWN when the database pool is closed; /health/live still answers 200")
    void unhealthyWithoutDatabase() {
        server.database().pool().close().await();
        var r = browser().get("/health");
        assertThat(r.statusCode()).isEqualTo(503);
        JsonObject body = r.bodyAsJsonObject();
        assertThat(body.getString("status")).isEqualTo("DOWN");
        assertThat(body.getJsonObject("checks").getJsonObject("database").getString("status")).isEqualTo("DOWN");
        assertThat(browser().get("/health/live").statusCode()).isEqualTo(200);
    }

    @Test
    @DisplayName("/metrics answers 404 when the portal runs without a metrics registry")
    void metricsOffWithoutRegistry() {
        assertThat(browser().get("/metrics").statusCode()).isEqualTo(404);
    }
}
