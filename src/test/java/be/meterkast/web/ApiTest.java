package be.meterkast.web;

import be.meterkast.fluvius.sim.SimAccounts;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ApiTest extends PortalTestBase {
    private Browser client;
    private String token;
    private long household;

    @BeforeEach
    void signIn() {
        setUpAdmin();
        household = sql("SELECT id FROM households ORDER BY id LIMIT 1").iterator().next().getLong(0);
        client = browser();
        var r = client.api("POST", "/api/v1/token", null, new JsonObject().put("username", "admin").put("password", "correct horse"));
        assertThat(r.statusCode()).isEqualTo(200);
        token = r.bodyAsJsonObject().getString("token");
    }

    @Test
    @DisplayName("a token needs the right password; without a token the API answers 401 in JSON")
    void tokens() {
        var wrong = client.api("POST", "/api/v1/token", null, new JsonObject().put("username", "admin").put("password", "nope"));
        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(wrong.bodyAsJsonObject().getString("error")).isEqualTo("unauthorized");

        var anonymous = client.api("GET", "/api/v1/meters", null, null);
        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(anonymous.bodyAsJsonObject().getString("message")).contains("Bearer");
    }

    @Test
    @DisplayName("a page session cookie is not an API token, and an API token is not a page session")
    void tokenKindsApart() {
        var asCookie = browser();
        asCookie.client().addHeader("Cookie", "meterkast_session=" + token);

        assertThat(asCookie.get("/").getHeader("Location")).startsWith("/login");
    }

    @Test
    @DisplayName("link an account, add a meter, list it, trigger and read its sync")
    void flow() {
        var linked = client.api("POST", "/api/v1/households/" + household + "/accounts", token,
                new JsonObject().put("email", SimAccounts.DEMO_EMAIL).put("password", "secret-pw"));
        assertThat(linked.statusCode()).isEqualTo(201);
        assertThat(linked.bodyAsJsonObject().getString("status")).isEqualTo("linked");

        var twice = client.api("POST", "/api/v1/households/" + household + "/accounts", token,
                new JsonObject().put("email", SimAccounts.DEMO_EMAIL).put("password", "secret-pw"));
        assertThat(twice.statusCode()).isEqualTo(409);

        var added = client.api("POST", "/api/v1/households/" + household + "/meters", token, new JsonObject()
                .put("ean", SimAccounts.DEMO_GAS.ean()).put("serial", SimAccounts.DEMO_GAS.serial()).put("kind", "gas")
                .put("label", "Gas").put("gasUnit", "kwh"));
        assertThat(added.statusCode()).as(added.bodyAsString()).isEqualTo(201);
        long meter = added.bodyAsJsonObject().getLong("id");
        assertThat(added.bodyAsJsonObject().getString("gasUnit")).isEqualTo("kWh");

        JsonArray meters = client.api("GET", "/api/v1/meters", token, null).bodyAsJsonArray();
        assertThat(meters).hasSize(1);
        assertThat(meters.getJsonObject(0).getJsonObject("sync").getBoolean("backfillDone")).isFalse();

        assertThat(client.api("POST", "/api/v1/meters/" + meter + "/sync", token, null).statusCode()).isEqualTo(202);
        assertThat(sync.refreshed).containsExactly(meter);
        assertThat(client.api("GET", "/api/v1/meters/" + meter + "/sync", token, null).bodyAsJsonObject().containsKey("lastError")).isTrue();
    }

    @Test
    @DisplayName("an invalid meter gets 400 with a message per field; a duplicate gets 409")
    void meterErrors() {
        client.api("POST", "/api/v1/households/" + household + "/accounts", token,
                new JsonObject().put("email", SimAccounts.DEMO_EMAIL).put("password", "secret-pw"));

        var invalid = client.api("POST", "/api/v1/households/" + household + "/meters", token,
                new JsonObject().put("ean", "123").put("kind", "water"));
        assertThat(invalid.statusCode()).isEqualTo(400);
        JsonObject fields = invalid.bodyAsJsonObject().getJsonObject("fields");
        assertThat(fields.getString("ean")).contains("18 digits");
        assertThat(fields.getString("kind")).contains("electricity or gas");
        assertThat(fields.fieldNames()).contains("serial", "label");

        JsonObject meter = new JsonObject().put("ean", SimAccounts.DEMO_SOLAR.ean()).put("serial", SimAccounts.DEMO_SOLAR.serial())
                .put("kind", "electricity").put("label", "Zon");
        assertThat(client.api("POST", "/api/v1/households/" + household + "/meters", token, meter).statusCode()).isEqualTo(201);
        var duplicate = client.api("POST", "/api/v1/households/" + household + "/meters", token, meter);
        assertThat(duplicate.statusCode()).isEqualTo(409);
        assertThat(duplicate.bodyAsJsonObject().getString("error")).isEqualTo("conflict");
    }

    @Test
    @DisplayName("a body that is not JSON gets 400 with a message")
    void notJson() {
        var r = client.client().postAbs("http://127.0.0.1:" + server.port() + "/api/v1/households/" + household + "/accounts")
                .bearerTokenAuthentication(token).putHeader("Content-Type", "application/json")
                .sendBuffer(io.vertx.core.buffer.Buffer.buffer("{not json")).await();

        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.bodyAsJsonObject().getString("message")).contains("JSON object");
    }

    @Test
    @DisplayName("readings: bad dates and too long ranges are refused with a message")
    void readingsValidation() {
        client.api("POST", "/api/v1/households/" + household + "/accounts", token,
                new JsonObject().put("email", SimAccounts.DEMO_EMAIL).put("password", "secret-pw"));
        long meter = client.api("POST", "/api/v1/households/" + household + "/meters", token, new JsonObject()
                .put("ean", SimAccounts.DEMO_SOLAR.ean()).put("serial", SimAccounts.DEMO_SOLAR.serial())
                .put("kind", "electricity").put("label", "Zon")).bodyAsJsonObject().getLong("id");

        assertThat(client.api("GET", "/api/v1/meters/" + meter + "/readings?from=yesterday", token, null).statusCode()).isEqualTo(400);
        var tooLong = client.api("GET", "/api/v1/meters/" + meter + "/readings?from=2025-01-01&to=2025-03-01&granularity=quarter-hour", token, null);
        assertThat(tooLong.statusCode()).isEqualTo(400);
        assertThat(tooLong.bodyAsJsonObject().getString("message")).contains("31 days");
        var empty = client.api("GET", "/api/v1/meters/" + meter + "/readings?from=2025-01-01&to=2025-01-07", token, null);
        assertThat(empty.statusCode()).isEqualTo(200);
        assertThat(empty.bodyAsJsonObject().getJsonArray("readings")).isEmpty();
    }
}
