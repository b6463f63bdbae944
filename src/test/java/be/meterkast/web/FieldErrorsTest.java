package be.meterkast.web;

import be.meterkast.fluvius.sim.SimAccounts;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpResponse;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Every form shows each field error its route sets, next to the field, and keeps what was typed. */
class FieldErrorsTest extends PortalTestBase {
    private static final String TOO_LONG_NAME = "N".repeat(81);
    private static final String TOO_LONG_MESSAGE = "Keep the name under 80 characters.";

    @Test
    @DisplayName("registering with an 81-character display name answers 400 and says the name is too long")
    void registerDisplayNameTooLong() {
        Browser admin = setUpAdmin();
        admin.get("/admin");
        String page = admin.post("/admin/invites").bodyAsString();
        String path = page.replaceAll("(?s).*<code>http[^<]*(/invite/[^<]+)</code>.*", "$1");
        Browser newcomer = browser();
        newcomer.get(path);

        HttpResponse<Buffer> r = newcomer.post(path, "username", "oma", "displayName", TOO_LONG_NAME,
                "password", "oma-password", "confirm", "oma-password");

        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.bodyAsString()).contains(TOO_LONG_MESSAGE).contains("value=\"" + TOO_LONG_NAME + "\"");
        assertThat(sql("SELECT count(*) FROM users WHERE username = 'oma'").iterator().next().getLong(0)).isZero();
    }

    @Test
    @DisplayName("an admin creating a user with an 81-character display name gets 400 and the message")
    void adminDisplayNameTooLong() {
        Browser admin = setUpAdmin();
        admin.get("/admin");

        HttpResponse<Buffer> r = admin.post("/admin/users", "username", "bert", "displayName", TOO_LONG_NAME,
                "password", "bert-password");

        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.bodyAsString()).contains(TOO_LONG_MESSAGE).contains("value=\"" + TOO_LONG_NAME + "\"");
        assertThat(sql("SELECT count(*) FROM users WHERE username = 'bert'").iterator().next().getLong(0)).isZero();
    }

    @Test
    @DisplayName("adding a gas meter with an unknown gas unit answers 400 and says which units there are")
    void gasUnitInvalid() {
        Browser owner = setUpAdmin();
        long household = sql("SELECT id FROM households ORDER BY id LIMIT 1").iterator().next().getLong(0);
        owner.get("/households/" + household);
        owner.post("/households/" + household + "/accounts", "email", SimAccounts.DEMO_EMAIL, "password", "secret-pw");
        owner.get("/households/" + household);

        HttpResponse<Buffer> r = owner.post("/households/" + household + "/meters", "label", "Gas",
                "ean", SimAccounts.DEMO_SOLAR.ean(), "serial", SimAccounts.DEMO_SOLAR.serial(), "kind", "gas",
                "gasUnit", "litre");

        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.bodyAsString()).contains("Choose m³ or kWh.");
        assertThat(sql("SELECT count(*) FROM meters").iterator().next().getLong(0)).isZero();
    }
}
