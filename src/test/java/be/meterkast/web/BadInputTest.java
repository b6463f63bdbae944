package be.meterkast.web;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Input the audit answered with 500: a NUL byte (PostgreSQL refuses it in text, 22021) and dates far outside
 * what any meter has. Refused at the edge with 400 naming the field or parameter, and nothing is stored.
 */
class BadInputTest extends PortalTestBase {
    private static final String NUL = "\u0000";
    private Roles roles;

    @BeforeEach
    void roles() {
        roles = new Roles(this);
    }

    @Test
    @DisplayName("a household name with a NUL byte answers 400 naming the field, and no household is made")
    void householdName() {
        roles.admin.get("/");
        HttpResponse<Buffer> r = roles.admin.post("/households", "name", "Bij" + NUL + "oma");

        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.bodyAsString()).contains("The field “name” contains a control character");
        assertThat(count("households")).isEqualTo(2);
    }

    @Test
    @DisplayName("a household name with a right-to-left override answers 400 too")
    void bidiOverride() {
        roles.admin.get("/");
        HttpResponse<Buffer> r = roles.admin.post("/households", "name", "Thuis\u202Egpj.exe");

        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.bodyAsString()).contains("invisible text-direction mark");
        assertThat(count("households")).isEqualTo(2);
    }

    @Test
    @DisplayName("a meter label with a NUL byte answers 400 naming the field, on the page and in the API")
    void meterLabel() {
        roles.admin.get("/households/" + roles.household);
        HttpResponse<Buffer> page = roles.admin.post("/households/" + roles.household + "/meters", "label", "Gas" + NUL,
                "ean", be.meterkast.fluvius.sim.SimAccounts.DEMO_GAS.ean(),
                "serial", be.meterkast.fluvius.sim.SimAccounts.DEMO_GAS.serial(), "kind", "gas");
        HttpResponse<Buffer> api = roles.admin.api("POST", "/api/v1/households/" + roles.household + "/meters",
                roles.adminToken, new JsonObject().put("label", "Gas" + NUL)
                        .put("ean", be.meterkast.fluvius.sim.SimAccounts.DEMO_GAS.ean())
                        .put("serial", be.meterkast.fluvius.sim.SimAccounts.DEMO_GAS.serial()).put("kind", "gas"));

        assertThat(page.statusCode()).isEqualTo(400);
        assertThat(page.bodyAsString()).contains("The field “label” contains a control character");
        assertThat(api.statusCode()).isEqualTo(400);
        assertThat(api.bodyAsJsonObject().getJsonObject("fields").getString("label")).contains("control character");
        assertThat(count("meters")).isEqualTo(3);
    }

    @Test
    @DisplayName("a display name with a NUL byte answers 400 naming the field, and no user is made")
    void displayName() {
        roles.admin.get("/admin");
        HttpResponse<Buffer> r = roles.admin.post("/admin/users", "username", "oma", "displayName", "Oma" + NUL,
                "password", "password-oma");

        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.bodyAsString()).contains("The field “displayName” contains a control character");
        assertThat(count("users")).isEqualTo(3);
    }

    @Test
    @DisplayName("a username with a NUL byte answers 400 naming the field, at login and for a token")
    void username() {
        Browser b = browser();
        b.get("/login");
        HttpResponse<Buffer> login = b.post("/login", "username", "admin" + NUL, "password", "correct horse");
        HttpResponse<Buffer> token = b.api("POST", "/api/v1/token", null,
                new JsonObject().put("username", "admin" + NUL).put("password", "correct horse"));

        assertThat(login.statusCode()).isEqualTo(400);
        assertThat(login.bodyAsString()).contains("The field “username” contains a control character");
        assertThat(token.statusCode()).isEqualTo(400);
        assertThat(token.bodyAsJsonObject().getJsonObject("fields").containsKey("username")).isTrue();
    }

    @Test
    @DisplayName("the meter page in month -999999999-01 answers 400 that names the month")
    void meterPageInAnExtremeMonth() {
        HttpResponse<Buffer> r = roles.admin.get("/meters/" + roles.meter + "?month=-999999999-01");

        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.bodyAsString()).contains("The month (month) must lie between 2000 and 2100.");
    }

    @Test
    @DisplayName("an export from year -999999999 answers 400 that names from")
    void exportFromAnExtremeDay() {
        HttpResponse<Buffer> r = roles.admin.get("/export/meters/" + roles.meter
                + "/wide.csv?from=-999999999-01-01&to=-999999999-01-31");

        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.bodyAsString()).contains("The start date (from) must lie between 2000 and 2100.");
    }

    @Test
    @DisplayName("API readings of days in year -999999999 answer 400 that names from")
    void apiReadingsOfExtremeDays() {
        HttpResponse<Buffer> r = roles.admin.api("GET", "/api/v1/meters/" + roles.meter
                + "/readings?from=-999999999-01-01&to=-999999999-01-05", roles.adminToken, null);

        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.bodyAsJsonObject().getString("message")).isEqualTo("The start date (from) must lie between 2000 and 2100.");
    }

    private long count(String table) {
        return sql("SELECT count(*) FROM " + table).iterator().next().getLong(0);
    }
}
