package be.meterkast.web;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("The alerts page")
class AlertPagesTest extends PortalTestBase {

    @Test
    @DisplayName("bad values answer 400 naming each field to fix, with everything typed shown again and nothing saved")
    void badInput() {
        Browser admin = setUpAdmin();
        admin.post("/account/language", "language", "en", "next", "/alerts");
        assertThat(admin.get("/alerts").statusCode()).isEqualTo(200);

        var r = admin.post("/alerts", "peakKw", "lots", "baseLoadPercent", "5", "noDataDays", "3",
                "email", "not-an-address", "webhookUrl", "ftp://example.be/hook", "accountAttention", "true");

        assertThat(r.statusCode()).isEqualTo(400);
        String page = r.bodyAsString();
        assertThat(page).contains("Enter a power between 0.1 and 1000 kW")
                .contains("Enter a whole percentage between 10 and 1000")
                .contains("Enter an e-mail address like name@example.be")
                .contains("Enter an http or https URL")
                .contains("value=\"lots\"").contains("value=\"not-an-address\"").contains("value=\"3\"")
                .contains("value=\"ftp://example.be/hook\"");
        assertThat(sql("SELECT count(*) AS n FROM alert_settings").iterator().next().getLong("n")).isZero();
    }

    @Test
    @DisplayName("good values are saved and shown again; a test on a channel without an address answers 400")
    void saveAndTest() {
        Browser admin = setUpAdmin();
        admin.post("/account/language", "language", "en", "next", "/alerts");
        admin.get("/alerts");

        var saved = admin.post("/alerts", "peakKw", "5,5", "noDataDays", "3", "accountAttention", "true",
                "webhookUrl", "https://ntfy.sh/meterkast-test", "webhookFormat", "ntfy");
        assertThat(saved.statusCode()).as(saved.bodyAsString()).isEqualTo(302);
        String page = admin.get("/alerts").bodyAsString();
        assertThat(page).contains("Alerts saved.").contains("value=\"5.5\"").contains("value=\"3\"")
                .contains("value=\"https://ntfy.sh/meterkast-test\"").contains("No alerts yet.");

        var test = admin.post("/alerts/test", "channel", "email");
        assertThat(test.statusCode()).isEqualTo(400);
        assertThat(test.bodyAsString()).contains("The e-mail channel is not set up");
        var unknown = admin.post("/alerts/test", "channel", "pigeon");
        assertThat(unknown.statusCode()).isEqualTo(400);
        assertThat(unknown.bodyAsString()).contains("Choose e-mail, webhook or MQTT");
    }

    @Test
    @DisplayName("is for signed-in users only")
    void signedIn() {
        setUpAdmin();
        Browser anonymous = browser();
        var r = anonymous.get("/alerts");
        assertThat(r.statusCode()).isEqualTo(302);
        assertThat(r.getHeader("Location")).startsWith("/login");
    }

    @Test
    @DisplayName("the API reads and replaces one's own settings, answers 400 naming a bad field, and lists recent alerts")
    void api() {
        Browser admin = setUpAdmin();
        var login = admin.api("POST", "/api/v1/token", null,
                new JsonObject().put("username", "admin").put("password", "correct horse"));
        String token = login.bodyAsJsonObject().getString("token");

        var empty = admin.api("GET", "/api/v1/alerts/settings", token, null);
        assertThat(empty.statusCode()).isEqualTo(200);
        assertThat(empty.bodyAsJsonObject().getValue("peakKw")).isNull();

        var put = admin.api("PUT", "/api/v1/alerts/settings", token, new JsonObject().put("peakKw", 4.5)
                .put("accountAttention", true).put("webhookUrl", "https://ntfy.sh/meterkast-api").put("webhookFormat", "ntfy"));
        assertThat(put.statusCode()).as(put.bodyAsString()).isEqualTo(200);
        JsonObject stored = admin.api("GET", "/api/v1/alerts/settings", token, null).bodyAsJsonObject();
        assertThat(stored.getDouble("peakKw")).isEqualTo(4.5);
        assertThat(stored.getBoolean("accountAttention")).isTrue();
        assertThat(stored.getString("webhookFormat")).isEqualTo("ntfy");

        var bad = admin.api("PUT", "/api/v1/alerts/settings", token, new JsonObject().put("noDataDays", 0));
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.bodyAsJsonObject().getString("field")).isEqualTo("noDataDays");
        assertThat(bad.bodyAsJsonObject().getString("message")).contains("between 1 and 60");
        var unknown = admin.api("PUT", "/api/v1/alerts/settings", token, new JsonObject().put("pigeon", true));
        assertThat(unknown.statusCode()).isEqualTo(400);
        assertThat(admin.api("GET", "/api/v1/alerts/settings", token, null).bodyAsJsonObject().getDouble("peakKw"))
                .isEqualTo(4.5);

        var recent = admin.api("GET", "/api/v1/alerts", token, null);
        assertThat(recent.statusCode()).isEqualTo(200);
        assertThat(recent.bodyAsJsonArray()).isEmpty();
    }

    @Test
    @DisplayName("lists a raised alert with its link and a failed delivery with its reason, to be tried again")
    void recentAlerts() {
        Browser admin = setUpAdmin();
        admin.post("/account/language", "language", "en", "next", "/alerts");
        admin.get("/alerts");
        var saved = admin.post("/alerts", "accountAttention", "true", "webhookUrl", "http://127.0.0.1:1/hook");
        assertThat(saved.statusCode()).isEqualTo(302);
        long household = sql("SELECT id FROM households").iterator().next().getLong("id");
        var account = server.services().accounts().create(household, "fam@example.be", "secret").await();
        server.services().accounts().updateStatus(account.id(), be.meterkast.store.AccountStatus.MFA_REQUIRED,
                java.util.Optional.empty(), java.util.Optional.empty()).await();

        var round = server.alerts().runOnce().await();

        assertThat(round.raised()).isEqualTo(1);
        assertThat(round.failed()).isEqualTo(1);
        String page = admin.get("/alerts").bodyAsString();
        assertThat(page).contains("Fluvius account fam@example.be needs you")
                .contains("two-step verification")
                .contains("href=\"/households/" + household + "\"")
                .contains("not delivered yet (1 attempts), tried again later");
    }
}
