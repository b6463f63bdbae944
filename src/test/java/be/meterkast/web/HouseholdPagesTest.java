package be.meterkast.web;

import be.meterkast.fluvius.sim.SimAccounts;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class HouseholdPagesTest extends PortalTestBase {

    private long firstHousehold() {
        return sql("SELECT id FROM households ORDER BY id LIMIT 1").iterator().next().getLong(0);
    }

    @Test
    @DisplayName("an owner links a Fluvius account and adds a meter, which starts its sync")
    void linkAndAddMeter() {
        Browser b = setUpAdmin();
        long household = firstHousehold();
        b.get("/households/" + household);

        var linked = b.post("/households/" + household + "/accounts", "email", SimAccounts.DEMO_EMAIL, "password", "secret-pw");
        assertThat(linked.statusCode()).isEqualTo(302);
        assertThat(b.get("/households/" + household).bodyAsString()).contains("Fluvius account linked").contains(SimAccounts.DEMO_EMAIL);

        var added = b.post("/households/" + household + "/meters", "label", "Zonnepanelen", "ean", SimAccounts.DEMO_SOLAR.ean(),
                "serial", SimAccounts.DEMO_SOLAR.serial(), "kind", "electricity");
        assertThat(added.statusCode()).as(added.bodyAsString()).isEqualTo(302);
        long meter = idFrom(added.getHeader("Location"));
        assertThat(sync.metersAdded).containsExactly(meter);
        assertThat(b.get("/meters/" + meter).bodyAsString()).contains("Zonnepanelen").contains(SimAccounts.DEMO_SOLAR.ean());
    }

    @Test
    @DisplayName("a wrong Fluvius password is reported to the owner with what to do")
    void rejectedPassword() {
        Browser b = setUpAdmin();
        long household = firstHousehold();
        b.get("/households/" + household);

        b.post("/households/" + household + "/accounts", "email", "x@example.be", "password", FakeSync.WRONG);

        String page = b.get("/households/" + household).bodyAsString();
        assertThat(page).contains("Fluvius refused that email or password").contains("needs a new password");
        assertThat(page).contains("New Fluvius password");
    }

    @Test
    @DisplayName("the same Fluvius login twice in one household is refused, whatever its capitals")
    void duplicateAccount() {
        Browser b = setUpAdmin();
        long household = firstHousehold();
        b.get("/households/" + household);
        b.post("/households/" + household + "/accounts", "email", SimAccounts.DEMO_EMAIL, "password", "secret-pw");
        b.get("/households/" + household);

        var again = b.post("/households/" + household + "/accounts", "email", SimAccounts.DEMO_EMAIL.toUpperCase(),
                "password", "secret-pw");

        assertThat(again.statusCode()).isEqualTo(400);
        assertThat(again.bodyAsString()).contains("already has a Fluvius account with that email");
        assertThat(sql("SELECT count(*) FROM fluvius_accounts").iterator().next().getLong(0)).isEqualTo(1);
    }

    @Test
    @DisplayName("a mistyped EAN is explained field by field, and what was typed is kept")
    void meterValidation() {
        Browser b = setUpAdmin();
        long household = firstHousehold();
        b.get("/households/" + household);
        b.post("/households/" + household + "/accounts", "email", SimAccounts.DEMO_EMAIL, "password", "secret-pw");
        b.get("/households/" + household);
        String typo = SimAccounts.DEMO_SOLAR.ean().substring(0, 17) + ((SimAccounts.DEMO_SOLAR.ean().charAt(17) - '0' + 1) % 10);

        var r = b.post("/households/" + household + "/meters", "label", "Zon", "ean", typo, "serial", "x", "kind", "electricity");

        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.bodyAsString()).contains("check digit").contains("serial number").contains("value=\"" + typo + "\"")
                .contains("value=\"Zon\"");
        assertThat(sql("SELECT count(*) FROM meters").iterator().next().getLong(0)).isZero();
    }

    @Test
    @DisplayName("the same EAN twice in one household is refused")
    void duplicateMeter() {
        Browser b = setUpAdmin();
        long household = firstHousehold();
        b.get("/households/" + household);
        b.post("/households/" + household + "/accounts", "email", SimAccounts.DEMO_EMAIL, "password", "secret-pw");
        b.get("/households/" + household);
        b.post("/households/" + household + "/meters", "label", "Zon", "ean", SimAccounts.DEMO_SOLAR.ean(),
                "serial", SimAccounts.DEMO_SOLAR.serial(), "kind", "electricity");
        b.get("/households/" + household);

        var again = b.post("/households/" + household + "/meters", "label", "Zon 2", "ean", SimAccounts.DEMO_SOLAR.ean(),
                "serial", SimAccounts.DEMO_SOLAR.serial(), "kind", "electricity");

        assertThat(again.statusCode()).isEqualTo(400);
        assertThat(again.bodyAsString()).contains("already has a meter with that EAN");
    }

    @Test
    @DisplayName("an invitation link lets a relative join the household as a member, once")
    void invitation() {
        Browser owner = setUpAdmin();
        long household = firstHousehold();
        owner.get("/households/" + household);
        String page = owner.post("/households/" + household + "/invites", "role", "member").bodyAsString();
        String link = page.replaceAll("(?s).*<code>(http[^<]+)</code>.*", "$1");
        String path = link.substring(link.indexOf("/invite/"));

        Browser oma = browser();
        oma.get(path);
        var joined = oma.post(path, "username", "oma", "displayName", "Oma", "password", "oma-password", "confirm", "oma-password");

        assertThat(joined.statusCode()).as(joined.bodyAsString()).isEqualTo(302);
        assertThat(oma.get("/households/" + household).statusCode()).isEqualTo(200);
        assertThat(browser().get(path).statusCode()).as("an invitation works once").isEqualTo(404);
    }

    @Test
    @DisplayName("a member sees the household but cannot add meters or link accounts")
    void memberCannotChange() {
        Browser owner = setUpAdmin();
        long household = firstHousehold();
        owner.get("/households/" + household);
        String page = owner.post("/households/" + household + "/invites", "role", "member").bodyAsString();
        String path = page.replaceAll("(?s).*<code>http[^<]*(/invite/[^<]+)</code>.*", "$1");
        Browser member = browser();
        member.get(path);
        member.post(path, "username", "kid", "displayName", "Kid", "password", "kid-password", "confirm", "kid-password");

        assertThat(member.get("/households/" + household).bodyAsString()).doesNotContain("id=\"add-meter\"");
        assertThat(member.post("/households/" + household + "/accounts", "email", "a@b.be", "password", "x").statusCode())
                .isEqualTo(403);
    }

    @Test
    @DisplayName("pages follow the user's language: Dutch with a decimal comma after switching")
    void dutch() {
        Browser b = setUpAdmin();
        b.get("/account");

        b.post("/account/language", "language", "nl", "next", "/");

        assertThat(b.get("/").bodyAsString()).contains("lang=\"nl-BE\"").contains("Je meters").contains("Nieuw huishouden");
    }

    @Test
    @DisplayName("a Dutch browser gets Dutch before anyone signs in")
    void dutchBrowser() {
        Browser b = browser();
        b.client().addHeader("Accept-Language", "nl-BE,nl;q=0.9,en;q=0.5");

        assertThat(b.get("/setup").bodyAsString()).contains("Welkom bij Meterkast");
    }

    @Test
    @DisplayName("the admin removes a user, whose open session ends at once")
    void adminRemovesUser() {
        Browser admin = setUpAdmin();
        Browser bert = newUser(admin, "bert");
        assertThat(bert.get("/").statusCode()).isEqualTo(200);
        long bertId = sql("SELECT id FROM users WHERE username = 'bert'").iterator().next().getLong(0);

        admin.get("/admin");
        assertThat(admin.post("/admin/users/" + bertId + "/delete").statusCode()).isEqualTo(302);

        assertThat(bert.get("/").getHeader("Location")).startsWith("/login");
    }

    @Test
    @DisplayName("the administration is invisible to other users")
    void adminOnly() {
        Browser admin = setUpAdmin();
        Browser bert = newUser(admin, "bert");

        assertThat(bert.get("/admin").statusCode()).isEqualTo(404);
    }
}
