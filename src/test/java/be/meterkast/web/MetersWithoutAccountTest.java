package be.meterkast.web;

import be.meterkast.fluvius.sim.SimAccounts;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("Meters without a Fluvius account: their data comes from imported files")
class MetersWithoutAccountTest extends PortalTestBase {
    private Browser owner;
    private long household;

    @BeforeEach
    void household() {
        owner = setUpAdmin();
        household = sql("SELECT id FROM households ORDER BY id LIMIT 1").iterator().next().getLong(0);
        owner.get("/households/" + household);
    }

    private Long accountOf(long meter) {
        return sql("SELECT account_id FROM meters WHERE id = " + meter).iterator().next().getLong(0);
    }

    private void linkAccount() {
        owner.post("/households/" + household + "/accounts", "email", SimAccounts.DEMO_EMAIL, "password", "secret-pw");
        owner.get("/households/" + household);
    }

    @Test
    @DisplayName("a household without an account adds a meter; nothing syncs and its page says its data comes from files")
    void withoutAnyAccount() {
        assertThat(owner.last.bodyAsString()).contains("value=\"none\"").contains("No account: I import Mijn Fluvius files");

        var added = owner.post("/households/" + household + "/meters", "label", "Zon", "ean", SimAccounts.DEMO_SOLAR.ean(),
                "serial", SimAccounts.DEMO_SOLAR.serial(), "kind", "electricity", "accountId", "none");

        assertThat(added.statusCode()).as(added.bodyAsString()).isEqualTo(302);
        long meter = idFrom(added.getHeader("Location"));
        assertThat(accountOf(meter)).isNull();
        assertThat(sync.metersAdded).isEmpty();
        String page = owner.get("/meters/" + meter).bodyAsString();
        assertThat(page).contains("data comes from the Mijn Fluvius files you import. Nothing imported yet.")
                .doesNotContain("its Fluvius account was unlinked").doesNotContain("Refresh now");
    }

    @Test
    @DisplayName("with one account, a meter gets it unless \"no account\" is chosen")
    void oneAccount() {
        linkAccount();
        long account = sql("SELECT id FROM fluvius_accounts").iterator().next().getLong(0);

        long filledIn = idFrom(owner.post("/households/" + household + "/meters", "label", "Zon", "ean",
                SimAccounts.DEMO_SOLAR.ean(), "serial", SimAccounts.DEMO_SOLAR.serial(), "kind", "electricity")
                .getHeader("Location"));
        owner.get("/households/" + household);
        long none = idFrom(owner.post("/households/" + household + "/meters", "label", "Auto", "ean",
                SimAccounts.DEMO_EV.ean(), "serial", SimAccounts.DEMO_EV.serial(), "kind", "electricity",
                "accountId", "none").getHeader("Location"));

        assertThat(accountOf(filledIn)).isEqualTo(account);
        assertThat(accountOf(none)).isNull();
        assertThat(sync.metersAdded).containsExactly(filledIn);
    }

    @Test
    @DisplayName("the API adds a meter without an account by leaving it out (no account) or sending null")
    void api() {
        Browser client = browser();
        String token = client.api("POST", "/api/v1/token", null, new JsonObject().put("username", "admin")
                .put("password", "correct horse")).bodyAsJsonObject().getString("token");
        var leftOut = client.api("POST", "/api/v1/households/" + household + "/meters", token, new JsonObject()
                .put("ean", SimAccounts.DEMO_SOLAR.ean()).put("serial", SimAccounts.DEMO_SOLAR.serial())
                .put("kind", "electricity").put("label", "Zon"));
        assertThat(leftOut.statusCode()).as(leftOut.bodyAsString()).isEqualTo(201);
        assertThat(leftOut.bodyAsJsonObject().getValue("accountId")).isNull();

        linkAccount();
        var asNull = client.api("POST", "/api/v1/households/" + household + "/meters", token, new JsonObject()
                .put("ean", SimAccounts.DEMO_EV.ean()).put("serial", SimAccounts.DEMO_EV.serial())
                .put("kind", "electricity").put("label", "Auto").putNull("accountId"));
        assertThat(asNull.statusCode()).as(asNull.bodyAsString()).isEqualTo(201);
        assertThat(asNull.bodyAsJsonObject().getValue("accountId")).isNull();
        assertThat(asNull.bodyAsJsonObject().getBoolean("filesOnly")).isTrue();
        assertThat(sync.metersAdded).isEmpty();
    }
}
