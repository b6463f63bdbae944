package be.meterkast.web;

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
}
