package be.meterkast.web;

import be.meterkast.fluvius.sim.SimAccounts;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The end of things: unlinking a Fluvius account, deleting a household, leaving one, the administrator's
 * view of every household, and removing a user who alone owns one. No household is ever left without owner.
 */
class HouseholdOwnershipTest extends PortalTestBase {
    private Browser admin;
    private Browser bert;
    private long bertId;
    /** Bert's, with a linked account, a meter with two readings, and Carla as a member. */
    private long household;
    private long account;
    private long meter;
    private long carlaId;
    private Browser carla;

    @BeforeEach
    void bertsHousehold() {
        admin = setUpAdmin();
        bert = newUser(admin, "bert");
        carla = newUser(admin, "carla");
        bertId = userId("bert");
        carlaId = userId("carla");
        bert.get("/");
        household = idFrom(bert.post("/households", "name", "Bij Bert").getHeader("Location"));
        bert.get("/households/" + household);
        bert.post("/households/" + household + "/accounts", "email", SimAccounts.DEMO_EMAIL, "password", "secret-pw");
        bert.get("/households/" + household);
        meter = idFrom(bert.post("/households/" + household + "/meters", "label", "Zonnepanelen", "ean",
                SimAccounts.DEMO_SOLAR.ean(), "serial", SimAccounts.DEMO_SOLAR.serial(), "kind", "electricity")
                .getHeader("Location"));
        account = count("SELECT max(id) FROM fluvius_accounts");
        sql("INSERT INTO readings (meter_id, period_start, period_end, tariff, direction, unit, value, estimated) VALUES "
                + "(" + meter + ", '2025-06-01T22:00:00Z', '2025-06-02T22:00:00Z', 1, 1, 3, 4.5, false), "
                + "(" + meter + ", '2025-06-02T22:00:00Z', '2025-06-03T22:00:00Z', 1, 1, 3, 5.5, false)");
        sql("INSERT INTO memberships (household_id, user_id, role) VALUES (" + household + ", " + carlaId + ", 'member')");
    }

    private long userId(String username) {
        return count("SELECT id FROM users WHERE username = '" + username + "'");
    }

    private long count(String query) {
        return sql(query).iterator().next().getLong(0);
    }

    private String role(long userId) {
        var rows = sql("SELECT role FROM memberships WHERE household_id = " + household + " AND user_id = " + userId);
        return rows.size() == 0 ? null : rows.iterator().next().getString(0);
    }

    @Test
    @DisplayName("unlinking an account deletes its password and tokens; its meter keeps its history and says it no longer syncs")
    void unlink() {
        bert.get("/households/" + household);

        var unlinked = bert.post("/households/" + household + "/accounts/" + account + "/unlink");

        assertThat(unlinked.statusCode()).isEqualTo(302);
        assertThat(count("SELECT count(*) FROM fluvius_accounts")).isZero();
        assertThat(count("SELECT count(*) FROM meters WHERE id = " + meter + " AND account_id IS NULL")).isEqualTo(1);
        assertThat(count("SELECT count(*) FROM readings WHERE meter_id = " + meter)).isEqualTo(2);
        assertThat(sync.accountsRemoved).containsExactly(account);
        assertThat(bert.get("/households/" + household).bodyAsString()).contains("Fluvius account removed")
                .contains("not syncing: no Fluvius account");
        assertThat(bert.get("/meters/" + meter).bodyAsString()).contains("This meter no longer syncs")
                .doesNotContain("Refresh now");
    }

    @Test
    @DisplayName("deleting a household first names what goes (meters, readings, accounts, members), then removes it all")
    void deleteWithConfirmation() {
        String confirmation = bert.get("/households/" + household + "/delete").bodyAsString();
        assertThat(confirmation).contains("Delete Bij Bert?").contains("1 meter(s) with 2 reading(s)")
                .contains("Zonnepanelen").contains("1 Fluvius account(s)").contains(SimAccounts.DEMO_EMAIL)
                .contains("2 member(s)").contains("carla").contains("action=\"/households/" + household + "/delete\"");
        assertThat(count("SELECT count(*) FROM households WHERE id = " + household)).as("showing deletes nothing").isEqualTo(1);

        var deleted = bert.post("/households/" + household + "/delete");

        assertThat(deleted.statusCode()).isEqualTo(302);
        assertThat(deleted.getHeader("Location")).isEqualTo("/");
        assertThat(count("SELECT (SELECT count(*) FROM households WHERE id = " + household + ") + (SELECT count(*) FROM meters)"
                + " + (SELECT count(*) FROM readings) + (SELECT count(*) FROM fluvius_accounts)"
                + " + (SELECT count(*) FROM memberships WHERE household_id = " + household + ")")).isZero();
        assertThat(sync.accountsRemoved).containsExactly(account);
        assertThat(count("SELECT count(*) FROM users WHERE username IN ('bert', 'carla')")).as("members keep their login").isEqualTo(2);
    }

    @Test
    @DisplayName("a member can neither unlink nor delete (403); another household's owner gets 404; nothing changes")
    void accessControl() {
        carla.get("/households/" + household);
        List<Integer> member = List.of(
                carla.post("/households/" + household + "/accounts/" + account + "/unlink").statusCode(),
                carla.get("/households/" + household + "/delete").statusCode(),
                carla.post("/households/" + household + "/delete").statusCode());
        Browser dora = newUser(admin, "dora");
        dora.get("/");
        long dorasHousehold = idFrom(dora.post("/households", "name", "Bij Dora").getHeader("Location"));
        dora.get("/households/" + dorasHousehold);
        List<Integer> stranger = List.of(
                dora.post("/households/" + household + "/accounts/" + account + "/unlink").statusCode(),
                dora.post("/households/" + dorasHousehold + "/accounts/" + account + "/unlink").statusCode(),
                dora.get("/households/" + household + "/delete").statusCode(),
                dora.post("/households/" + household + "/delete").statusCode(),
                dora.post("/households/" + household + "/leave", "fate", "delete").statusCode(),
                dora.get("/admin/households").statusCode());

        assertThat(member).containsOnly(403);
        assertThat(stranger).containsOnly(404);
        assertThat(count("SELECT count(*) FROM fluvius_accounts")).isEqualTo(1);
        assertThat(count("SELECT count(*) FROM households WHERE id = " + household)).isEqualTo(1);
        assertThat(sync.accountsRemoved).isEmpty();
    }

    @Test
    @DisplayName("the admin sees every household, an ownerless one marked, and takes it over")
    void adminTakesOver() {
        // what the old code left behind: a household whose only owner was removed
        sql("DELETE FROM memberships WHERE household_id = " + household);

        String list = admin.get("/admin/households").bodyAsString();
        assertThat(list).contains("Bij Bert").contains("Thuis").contains("no owner");
        var taken = admin.post("/admin/households/" + household + "/take-over");

        assertThat(taken.statusCode()).isEqualTo(302);
        assertThat(taken.getHeader("Location")).isEqualTo("/households/" + household);
        assertThat(role(userId("admin"))).isEqualTo("owner");
        assertThat(admin.get("/households/" + household).bodyAsString()).contains("Delete this household");
        assertThat(admin.get("/admin/households").bodyAsString()).doesNotContain("no owner");
    }

    @Test
    @DisplayName("the admin deletes any household after the same confirmation")
    void adminDeletes() {
        String confirmation = admin.get("/admin/households/" + household + "/delete").bodyAsString();
        assertThat(confirmation).contains("Delete Bij Bert?").contains("1 meter(s) with 2 reading(s)")
                .contains("action=\"/admin/households/" + household + "/delete\"");

        var deleted = admin.post("/admin/households/" + household + "/delete");

        assertThat(deleted.statusCode()).isEqualTo(302);
        assertThat(count("SELECT count(*) FROM households WHERE id = " + household)).isZero();
        assertThat(sync.accountsRemoved).containsExactly(account);
    }

    @Test
    @DisplayName("removing a household's only owner without saying what becomes of it is refused, and the choice is shown")
    void removingSoleOwnerAsks() {
        String confirmation = admin.get("/admin/users/" + bertId + "/delete").bodyAsString();
        assertThat(confirmation).contains("Bij Bert: they are its only owner").contains("name=\"fate-" + household + "\"")
                .contains("carla becomes its owner").contains("Hand it over to me");

        var refused = admin.post("/admin/users/" + bertId + "/delete");
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.bodyAsString()).contains("Choose what becomes of each household");
        admin.get("/admin/users/" + bertId + "/delete");
        var notAMember = admin.post("/admin/users/" + bertId + "/delete", "fate-" + household, Long.toString(userId("admin") + 100));
        assertThat(notAMember.statusCode()).as("only a member or the admin may take it").isEqualTo(400);

        assertThat(count("SELECT count(*) FROM users WHERE id = " + bertId)).isEqualTo(1);
        assertThat(role(bertId)).isEqualTo("owner");
    }

    @Test
    @DisplayName("removing a sole owner hands the household to the member the admin chose, or to the admin")
    void removingSoleOwnerHandsOver() {
        admin.get("/admin/users/" + bertId + "/delete");
        var removed = admin.post("/admin/users/" + bertId + "/delete", "fate-" + household, Long.toString(carlaId));

        assertThat(removed.statusCode()).isEqualTo(302);
        assertThat(count("SELECT count(*) FROM users WHERE id = " + bertId)).isZero();
        assertThat(role(carlaId)).isEqualTo("owner");
        assertThat(count("SELECT count(*) FROM fluvius_accounts")).as("the household keeps its account").isEqualTo(1);
        assertThat(sync.accountsRemoved).isEmpty();

        long carlasHousehold = household;
        admin.get("/admin/users/" + carlaId + "/delete");
        assertThat(admin.post("/admin/users/" + carlaId + "/delete", "fate-" + carlasHousehold, Long.toString(userId("admin")))
                .statusCode()).isEqualTo(302);
        assertThat(role(userId("admin"))).isEqualTo("owner");
    }

    @Test
    @DisplayName("removing a sole owner with 'delete' removes their household, its account and meters, and the sync forgets it")
    void removingSoleOwnerDeletes() {
        admin.get("/admin/users/" + bertId + "/delete");
        var removed = admin.post("/admin/users/" + bertId + "/delete", "fate-" + household, "delete");

        assertThat(removed.statusCode()).isEqualTo(302);
        assertThat(count("SELECT (SELECT count(*) FROM households WHERE id = " + household + ") + (SELECT count(*) FROM meters)"
                + " + (SELECT count(*) FROM fluvius_accounts)")).isZero();
        assertThat(sync.accountsRemoved).containsExactly(account);
        assertThat(bert.get("/").getHeader("Location")).as("the removed user's session ended").startsWith("/login");
    }

    @Test
    @DisplayName("a sole owner leaving chooses an heir or deletion; a member just leaves")
    void leaving() {
        String choice = bert.get("/households/" + household + "/leave").bodyAsString();
        assertThat(choice).contains("You are its only owner").contains("carla becomes its owner");
        assertThat(bert.post("/households/" + household + "/leave").statusCode()).as("no choice").isEqualTo(400);
        assertThat(role(bertId)).isEqualTo("owner");

        bert.get("/households/" + household + "/leave");
        var left = bert.post("/households/" + household + "/leave", "fate", Long.toString(carlaId));
        assertThat(left.statusCode()).isEqualTo(302);
        assertThat(role(bertId)).isNull();
        assertThat(role(carlaId)).isEqualTo("owner");

        sql("INSERT INTO memberships (household_id, user_id, role) VALUES (" + household + ", " + bertId + ", 'member')");
        bert.get("/households/" + household + "/leave");
        assertThat(bert.post("/households/" + household + "/leave").statusCode()).as("a member needs no choice").isEqualTo(302);
        assertThat(role(bertId)).isNull();
    }

    @Test
    @DisplayName("the API deletes a household and unlinks an account for owners only: 403 for a member, 404 for others")
    void api() {
        String bertsToken = token("bert");
        String carlasToken = token("carla");
        Browser client = browser();

        assertThat(client.api("DELETE", "/api/v1/households/" + household + "/accounts/" + account, carlasToken, null)
                .statusCode()).isEqualTo(403);
        assertThat(client.api("DELETE", "/api/v1/households/" + household, carlasToken, null).statusCode()).isEqualTo(403);
        assertThat(client.api("DELETE", "/api/v1/households/999999", bertsToken, null).statusCode()).isEqualTo(404);
        var unlinked = client.api("DELETE", "/api/v1/households/" + household + "/accounts/" + account, bertsToken, null);
        assertThat(unlinked.statusCode()).isEqualTo(200);
        assertThat(count("SELECT count(*) FROM meters WHERE account_id IS NULL")).isEqualTo(1);

        var deleted = client.api("DELETE", "/api/v1/households/" + household, bertsToken, null);

        assertThat(deleted.statusCode()).isEqualTo(200);
        assertThat(deleted.bodyAsJsonObject().getJsonObject("deleted")).isEqualTo(new JsonObject()
                .put("householdId", household).put("name", "Bij Bert").put("meters", 1).put("readings", 2)
                .put("accounts", 0).put("members", 2));
        assertThat(count("SELECT count(*) FROM households WHERE id = " + household)).isZero();
    }

    private String token(String username) {
        return browser().api("POST", "/api/v1/token", null, new JsonObject().put("username", username)
                .put("password", "password-" + username)).bodyAsJsonObject().getString("token");
    }
}
