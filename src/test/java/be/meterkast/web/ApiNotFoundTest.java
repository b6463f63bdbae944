package be.meterkast.web;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Every path under /api/v1 is the API's: one it does not know answers a JSON 404, never the pages' CSRF 403. */
class ApiNotFoundTest extends PortalTestBase {
    private Browser client;
    private String token;

    @BeforeEach
    void signedIn() {
        client = setUpAdmin();
        token = client.api("POST", "/api/v1/token", null,
                new JsonObject().put("username", "admin").put("password", "correct horse"))
                .bodyAsJsonObject().getString("token");
    }

    @Test
    @DisplayName("GET, POST and PUT to an unknown path under /api/v1 answer a JSON 404")
    void unknownPaths() {
        for (String method : new String[] {"GET", "POST", "PUT", "DELETE"}) {
            HttpResponse<Buffer> r = client.api(method, "/api/v1/no-such-thing", token, new JsonObject().put("a", 1));

            assertThat(r.statusCode()).as(method).isEqualTo(404);
            assertThat(r.getHeader("Content-Type")).as(method).startsWith("application/json");
            assertThat(r.bodyAsJsonObject().getString("error")).as(method).isEqualTo("not_found");
        }
    }

    @Test
    @DisplayName("a PUT with a 200 kB body to a known path with the wrong method answers a JSON 404, not 413")
    void largeBodyToAnUnknownRoute() {
        HttpResponse<Buffer> r = client.api("PUT", "/api/v1/households", token,
                new JsonObject().put("filler", "x".repeat(200_000)));

        assertThat(r.statusCode()).isEqualTo(404);
        assertThat(r.bodyAsJsonObject().getString("error")).isEqualTo("not_found");
    }
}
