package be.meterkast.web;

import be.meterkast.fluvius.sim.SimAccounts;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Nobody sees or touches a household they are not in: every route answers 404 for its ids, as for unknown ones. */
class IsolationTest extends PortalTestBase {
    private Browser anna;
    private Browser bert;
    private long annasHousehold;
    private long annasAccount;
    private long annasMeter;
    private long bertsHousehold;

    @BeforeEach
    void twoHouseholds() {
        anna = setUpAdmin();
        annasHousehold = sql("SELECT id FROM households ORDER BY id LIMIT 1").iterator().next().getLong(0);
        anna.get("/households/" + annasHousehold);
        anna.post("/households/" + annasHousehold + "/accounts", "email", SimAccounts.DEMO_EMAIL, "password", "secret-pw");
        anna.get("/households/" + annasHousehold);
        annasMeter = idFrom(anna.post("/households/" + annasHousehold + "/meters", "label", "Zon", "ean",
                SimAccounts.DEMO_SOLAR.ean(), "serial", SimAccounts.DEMO_SOLAR.serial(), "kind", "electricity").getHeader("Location"));
        annasAccount = sql("SELECT id FROM fluvius_accounts").iterator().next().getLong(0);

        bert = newUser(anna, "bert");
        bert.get("/");
        bertsHousehold = idFrom(bert.post("/households", "name", "Bij Bert").getHeader("Location"));
    }

    @Test
    @DisplayName("every page and form of another household answers 404")
    void pages() {
        bert.get("/");
        List<Integer> statuses = List.of(
                bert.get("/households/" + annasHousehold).statusCode(),
                bert.post("/households/" + annasHousehold + "/invites", "role", "owner").statusCode(),
                bert.post("/households/" + annasHousehold + "/accounts", "email", "x@y.be", "password", "p").statusCode(),
                bert.post("/households/" + annasHousehold + "/accounts/" + annasAccount + "/password", "password", "p").statusCode(),
                bert.post("/households/" + bertsHousehold + "/accounts/" + annasAccount + "/password", "password", "p").statusCode(),
                bert.post("/households/" + annasHousehold + "/meters", "label", "x", "ean", SimAccounts.DEMO_EV.ean(),
                        "serial", "1SAG1100000002", "kind", "electricity").statusCode(),
                bert.get("/meters/" + annasMeter).statusCode(),
                bert.post("/meters/" + annasMeter + "/refresh").statusCode());

        assertThat(statuses).containsOnly(404);
        assertThat(sync.refreshed).isEmpty();
        assertThat(sql("SELECT count(*) FROM meters").iterator().next().getLong(0)).isEqualTo(1);
        assertThat(sql("SELECT count(*) FROM invites").iterator().next().getLong(0)).isZero();
    }

    @Test
    @DisplayName("unknown and malformed ids answer 404 the same way")
    void unknownIds() {
        assertThat(List.of(bert.get("/households/999999").statusCode(), bert.get("/households/abc").statusCode(),
                bert.get("/meters/999999").statusCode(), bert.get("/meters/-1").statusCode()))
                .containsOnly(404);
    }

    @Test
    @DisplayName("the home page lists only one's own households and meters")
    void home() {
        String page = bert.get("/").bodyAsString();

        assertThat(page).contains("Bij Bert").doesNotContain("Thuis").doesNotContain(SimAccounts.DEMO_SOLAR.ean());
    }

    @Test
    @DisplayName("the API answers 404 for another household's meters and households")
    void api() {
        String token = bert.api("POST", "/api/v1/token", null,
                new JsonObject().put("username", "bert").put("password", "password-bert")).bodyAsJsonObject().getString("token");

        List<Integer> statuses = List.of(
                bert.api("GET", "/api/v1/meters/" + annasMeter + "/sync", token, null).statusCode(),
                bert.api("POST", "/api/v1/meters/" + annasMeter + "/sync", token, null).statusCode(),
                bert.api("GET", "/api/v1/meters/" + annasMeter + "/readings", token, null).statusCode(),
                bert.api("POST", "/api/v1/households/" + annasHousehold + "/meters", token, new JsonObject()).statusCode(),
                bert.api("POST", "/api/v1/households/" + annasHousehold + "/accounts", token, new JsonObject()).statusCode());

        assertThat(statuses).containsOnly(404);
        assertThat(bert.api("GET", "/api/v1/meters", token, null).bodyAsJsonArray()).isEmpty();
    }
}
