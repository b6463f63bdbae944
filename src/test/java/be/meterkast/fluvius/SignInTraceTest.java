package be.meterkast.fluvius;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.MultiMap;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("A sign-in trace is redacted as it is written")
class SignInTraceTest {
    private final SignInTrace trace = new SignInTrace(Clock.fixed(Instant.parse("2026-12-01T10:00:00Z"), ZoneOffset.UTC),
            "https://mijn.fluvius.be");

    @Test
    @DisplayName("query values are replaced by … except the harmless ones that describe the flow")
    void queryValues() {
        trace.request("sign-in page", "GET", URI.create("https://login.fluvius.be/klanten.onmicrosoft.com/B2C_1A_x/oauth2/v2.0/authorize"),
                MultiMap.caseInsensitiveMultiMap().add("client_id", "9d1c").add("state", "STATE-SECRET")
                        .add("code_challenge", "CHALLENGE").add("login_hint", "anna@example.be").add("p", "B2C_1A_x"),
                null, List.of("x-ms-cpim-csrf"));

        JsonObject query = trace.toJson().getJsonArray("steps").getJsonObject(0).getJsonObject("request").getJsonObject("query");
        assertThat(query).isEqualTo(new JsonObject().put("client_id", "9d1c").put("state", "…")
                .put("code_challenge", "…").put("login_hint", "…").put("p", "B2C_1A_x"));
    }

    @Test
    @DisplayName("a Location keeps its path and loses code, state, client_info and tx values, in query and fragment")
    void location() {
        assertThat(SignInTrace.redactUrl("https://mijn.fluvius.be/?state=S3CR3T&client_info=eyJ1aWQ&code=C0DE"))
                .isEqualTo("https://mijn.fluvius.be/?state=…&client_info=…&code=…");
        assertThat(SignInTrace.redactUrl("/klanten/resume?tx=StateProperties%3DeyJ&p=B2C_1A_x"))
                .isEqualTo("/klanten/resume?tx=…&p=B2C_1A_x");
        assertThat(SignInTrace.redactUrl("https://mijn.fluvius.be/#id_token=eyJhb&error=access_denied"))
                .isEqualTo("https://mijn.fluvius.be/#id_token=…&error=access_denied");
    }

    @Test
    @DisplayName("JSON documents are kept as shapes: keys and kinds, never values")
    void shapes() {
        trace.request("sign-in page", "GET", URI.create("https://login.fluvius.be/a"), MultiMap.caseInsensitiveMultiMap(),
                null, List.of());
        trace.shape("SETTINGS", new JsonObject().put("csrf", "CSRF-SECRET").put("retryLimit", 3)
                .put("hosts", new JsonObject().put("tenant", "/klanten")).put("list", new io.vertx.core.json.JsonArray().add("x")));

        assertThat(trace.render()).doesNotContain("CSRF-SECRET").doesNotContain("/klanten\"");
        assertThat(trace.toJson().getJsonArray("steps").getJsonObject(0).getJsonObject("shapes").getJsonObject("SETTINGS"))
                .isEqualTo(new JsonObject().put("csrf", "string").put("retryLimit", "number")
                        .put("hosts", new JsonObject().put("tenant", "string")).put("list", new io.vertx.core.json.JsonArray().add("string")));
    }

    @Test
    @DisplayName("cookie names keep their form, with the cache cookie's request-state id replaced; form fields by name only")
    void cookieNamesAndForm() {
        trace.request("credential check", "POST", URI.create("https://login.fluvius.be/t/SelfAsserted"),
                MultiMap.caseInsensitiveMultiMap(), MultiMap.caseInsensitiveMultiMap().add("request_type", "RESPONSE")
                        .add("signInName", "anna@example.be").add("password", "Geheim+1="),
                List.of("x-ms-cpim-cache|pqtkpbbuak2kf4xmwxqovg_0", "x-ms-cpim-cache:3jf8_1",
                        "x-ms-cpim-sso:klanten.onmicrosoft.com/b2c_1a_customer_signup_signin_0"));
        trace.response(200, "application/json", List.of("x-ms-cpim-cache|abc-def_0"), null, null);

        JsonObject step = trace.toJson().getJsonArray("steps").getJsonObject(0);
        assertThat(step.getJsonObject("request").getJsonArray("cookiesSent").getList()).containsExactly(
                "x-ms-cpim-cache|…_0", "x-ms-cpim-cache:…_1",
                "x-ms-cpim-sso:klanten.onmicrosoft.com/b2c_1a_customer_signup_signin_0");
        assertThat(step.getJsonObject("response").getJsonArray("cookiesSet").getList()).containsExactly("x-ms-cpim-cache|…_0");
        assertThat(step.getJsonObject("request").getJsonArray("formFields").getList())
                .containsExactly("request_type", "signInName", "password");
        assertThat(trace.render()).doesNotContain("anna@example.be").doesNotContain("Geheim+1=")
                .doesNotContain("pqtkpbbuak2kf4xmwxqovg");
    }
}
