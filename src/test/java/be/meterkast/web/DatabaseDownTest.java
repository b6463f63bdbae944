package be.meterkast.web;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * PostgreSQL stopped or unreachable, through a relay the test can cut: pages answer a friendly 503, the API a JSON
 * 503, and both work again by themselves once the database is back. A database that takes connections and never
 * answers is what the request timeout (here 2 s) is for.
 */
class DatabaseDownTest extends PortalTestBase {
    private DatabaseProxy proxy;
    private String directUrl;

    @Override
    protected String databaseUrl(String url) {
        directUrl = url;
        proxy = DatabaseProxy.start(vertx, url);
        return proxy.url(url);
    }

    @Override
    protected Map<String, String> settings() {
        return Map.of("METERKAST_REQUEST_TIMEOUT_SECONDS", "2");
    }

    @AfterEach
    void databaseBack() {
        proxy.up();
    }

    @Test
    @DisplayName("with PostgreSQL stopped, a page answers 503 saying to try again, and works again once it is back")
    void pageWhileDown() {
        Browser admin = setUpAdmin();
        assertThat(admin.get("/").statusCode()).isEqualTo(200);

        proxy.down();
        HttpResponse<Buffer> down = admin.get("/");
        proxy.up();
        HttpResponse<Buffer> back = admin.get("/");

        assertThat(down.statusCode()).isEqualTo(503);
        assertThat(down.getHeader("Retry-After")).isNotBlank();
        assertThat(down.bodyAsString()).contains("Back in a moment").contains("cannot reach its database")
                .doesNotContain("Exception");
        assertThat(back.statusCode()).isEqualTo(200);
    }

    @Test
    @DisplayName("with PostgreSQL stopped, the API answers a JSON 503, and works again once it is back")
    void apiWhileDown() {
        Browser client = setUpAdmin();
        String token = client.api("POST", "/api/v1/token", null,
                new JsonObject().put("username", "admin").put("password", "correct horse"))
                .bodyAsJsonObject().getString("token");

        proxy.down();
        HttpResponse<Buffer> down = client.api("GET", "/api/v1/households", token, null);
        proxy.up();
        HttpResponse<Buffer> back = client.api("GET", "/api/v1/households", token, null);

        assertThat(down.statusCode()).isEqualTo(503);
        assertThat(down.getHeader("Content-Type")).startsWith("application/json");
        assertThat(down.bodyAsJsonObject().getString("error")).isEqualTo("unavailable");
        assertThat(back.statusCode()).isEqualTo(200);
    }

    @Test
    @DisplayName("/health says DOWN without naming the database's host or port")
    void healthKeepsTheAddressForTheLog() {
        proxy.down();

        HttpResponse<Buffer> r = browser().get("/health");

        assertThat(r.statusCode()).isEqualTo(503);
        assertThat(r.bodyAsJsonObject().getJsonObject("checks").getJsonObject("database").getString("status"))
                .isEqualTo("DOWN");
        String port = directUrl.replaceAll(".*:(\\d+)/.*", "$1");
        assertThat(r.bodyAsString()).doesNotContain("127.0.0.1").doesNotContain("localhost").doesNotContain(port)
                .doesNotContain(proxy.url(directUrl).replaceAll(".*:(\\d+)/.*", "$1")).doesNotContain("Exception");
    }

    @Test
    @DisplayName("a database that takes the connection and never answers: the page answers 503 when the request timeout runs out")
    void databaseThatNeverAnswers() {
        Browser admin = setUpAdmin().answeringWithin(Duration.ofSeconds(5));
        proxy.hang();

        HttpResponse<Buffer> r = admin.get("/");

        assertThat(r.statusCode()).isEqualTo(503);
        assertThat(r.bodyAsString()).contains("Back in a moment").contains("took too long to answer");
        // The connections that hung have lost their place in the protocol: cut them, as a restart would.
        proxy.down();
        proxy.up();
    }
}
