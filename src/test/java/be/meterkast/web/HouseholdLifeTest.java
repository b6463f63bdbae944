package be.meterkast.web;

import be.meterkast.fluvius.sim.SimAccounts;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A household's life after the first day: accounts typed wrong and put right, people added who have an
 * account already, invitations opened by someone signed in, users an administrator puts in a household, and
 * the state of a first sync on the home page.
 */
class HouseholdLifeTest extends PortalTestBase {

    private long firstHousehold() {
        return sql("SELECT id FROM households ORDER BY id LIMIT 1").iterator().next().getLong(0);
    }

    private long count(String query) {
        return sql(query).iterator().next().getLong(0);
    }

    private static String flash(String page) {
        int start = page.indexOf("<div class=\"flash");
        assertThat(start).as("a flash banner on the page").isNotNegative();
        return page.substring(start, page.indexOf("</div>", start));
    }

    @Test
    @DisplayName("a refused Fluvius password is reported in the red error banner, not the green one")
    void refusedPasswordInRed() {
        Browser b = setUpAdmin();
        long household = firstHousehold();
        b.get("/households/" + household);

        b.post("/households/" + household + "/accounts", "email", "x@example.be", "password", FakeSync.WRONG);

        String banner = flash(b.get("/households/" + household).bodyAsString());
        assertThat(banner).contains("flash-error").contains("role=\"alert\"")
                .contains("Fluvius refused that email or password");
    }

    @Test
    @DisplayName("a linked account is reported in the green banner")
    void linkedInGreen() {
        Browser b = setUpAdmin();
        long household = firstHousehold();
        b.get("/households/" + household);

        b.post("/households/" + household + "/accounts", "email", SimAccounts.DEMO_EMAIL, "password", "secret-pw");

        String banner = flash(b.get("/households/" + household).bodyAsString());
        assertThat(banner).doesNotContain("flash-error").contains("role=\"status\"").contains("Fluvius account linked");
    }

    @Test
    @DisplayName("a mistyped account that never signed in can be removed, and the right one linked after it")
    void removeMistypedAccount() {
        Browser b = setUpAdmin();
        long household = firstHousehold();
        b.get("/households/" + household);
        b.post("/households/" + household + "/accounts", "email", "typo@exmaple.be", "password", FakeSync.WRONG);
        long typo = count("SELECT id FROM fluvius_accounts");
        String page = b.get("/households/" + household).bodyAsString();
        assertThat(page).contains("action=\"/households/" + household + "/accounts/" + typo + "/unlink\"").contains(">Remove<");

        var removed = b.post("/households/" + household + "/accounts/" + typo + "/unlink");

        assertThat(removed.statusCode()).isEqualTo(302);
        assertThat(count("SELECT count(*) FROM fluvius_accounts")).isZero();
        assertThat(flash(b.get("/households/" + household).bodyAsString())).contains("Fluvius account removed");
        var linked = b.post("/households/" + household + "/accounts", "email", "typo@example.be", "password", "secret-pw");
        assertThat(linked.statusCode()).isEqualTo(302);
    }

    @Test
    @DisplayName("re-entering a refused password signs in again and says so in green")
    void reenterPassword() {
        Browser b = setUpAdmin();
        long household = firstHousehold();
        b.get("/households/" + household);
        b.post("/households/" + household + "/accounts", "email", "x@example.be", "password", FakeSync.WRONG);
        long account = count("SELECT id FROM fluvius_accounts");
        b.get("/households/" + household);

        var retried = b.post("/households/" + household + "/accounts/" + account + "/password", "password", "right-pw");

        assertThat(retried.statusCode()).isEqualTo(302);
        assertThat(sql("SELECT status FROM fluvius_accounts").iterator().next().getString(0)).isEqualTo("linked");
        assertThat(flash(b.get("/households/" + household).bodyAsString())).doesNotContain("flash-error")
                .contains("Fluvius account linked");
    }

    @Test
    @DisplayName("an owner adds someone who has an account already, who then sees the household")
    void ownerAddsExistingUser() {
        Browser admin = setUpAdmin();
        Browser oma = newUser(admin, "oma");
        long household = firstHousehold();
        assertThat(oma.get("/households/" + household).statusCode()).isEqualTo(404);
        admin.get("/households/" + household);

        var added = admin.post("/households/" + household + "/members", "username", "oma", "role", "member");

        assertThat(added.statusCode()).isEqualTo(302);
        assertThat(flash(admin.get("/households/" + household).bodyAsString())).contains("Added to the household");
        assertThat(oma.get("/households/" + household).statusCode()).isEqualTo(200);
    }

    @Test
    @DisplayName("adding a username nobody has says so in red and adds no one")
    void addUnknownUser() {
        Browser admin = setUpAdmin();
        long household = firstHousehold();
        admin.get("/households/" + household);

        admin.post("/households/" + household + "/members", "username", "nobody", "role", "member");

        assertThat(flash(admin.get("/households/" + household).bodyAsString())).contains("flash-error")
                .contains("No user has that username");
        assertThat(count("SELECT count(*) FROM memberships")).isEqualTo(1);
    }

    @Test
    @DisplayName("an invitation opened while signed in offers to join, not to create an account, and joins")
    void invitationWhileSignedIn() {
        Browser admin = setUpAdmin();
        Browser bert = newUser(admin, "bert");
        long household = firstHousehold();
        admin.get("/households/" + household);
        String page = admin.post("/households/" + household + "/invites", "role", "member").bodyAsString();
        String path = page.replaceAll("(?s).*<code>http[^<]*(/invite/[^<]+)</code>.*", "$1");

        String invitation = bert.get(path).bodyAsString();

        assertThat(invitation).contains("Join Thuis").doesNotContain("Create account");
        var joined = bert.post(path);
        assertThat(joined.statusCode()).isEqualTo(302);
        assertThat(joined.getHeader("Location")).isEqualTo("/households/" + household);
        assertThat(bert.get("/households/" + household).statusCode()).isEqualTo(200);
        assertThat(count("SELECT count(*) FROM users")).isEqualTo(2);
        assertThat(browser().get(path).statusCode()).as("the invitation is used up").isEqualTo(404);
    }

    @Test
    @DisplayName("an administrator creates a user straight into a household")
    void adminCreatesUserInHousehold() {
        Browser admin = setUpAdmin();
        long household = firstHousehold();
        admin.get("/admin");

        var created = admin.post("/admin/users", "username", "kid", "displayName", "Kid", "password", "kid-password",
                "household", Long.toString(household), "role", "member");

        assertThat(created.statusCode()).as(created.bodyAsString()).isEqualTo(302);
        Browser kid = browser();
        kid.get("/login");
        kid.post("/login", "username", "kid", "password", "kid-password");
        assertThat(kid.get("/households/" + household).statusCode()).isEqualTo(200);
    }

    @Test
    @DisplayName("a user an administrator creates sees their own browser's language, not the administrator's")
    void adminCreatedUserFollowsTheirBrowser() {
        Browser admin = setUpAdmin();
        admin.get("/admin");
        admin.post("/admin/users", "username", "marie", "displayName", "Marie", "password", "marie-password");

        Browser marie = browser();
        marie.client().addHeader("Accept-Language", "nl-BE,nl;q=0.9");
        marie.get("/login");
        marie.post("/login", "username", "marie", "password", "marie-password");

        assertThat(marie.get("/").bodyAsString()).contains("lang=\"nl-BE\"").contains("Je meters");
    }

    @Test
    @DisplayName("a French browser gets French pages, and the switch offers Dutch and English")
    void frenchBrowser() {
        Browser b = browser();
        b.client().addHeader("Accept-Language", "fr-BE,fr;q=0.9,en;q=0.5");
        assertThat(b.get("/setup").bodyAsString()).contains("lang=\"fr-BE\"").contains("Bienvenue sur Meterkast");

        Browser admin = setUpAdmin();
        admin.get("/account");
        admin.post("/account/language", "language", "fr", "next", "/");
        String home = admin.get("/").bodyAsString();
        assertThat(home).contains("lang=\"fr-BE\"").contains("Vos compteurs")
                .contains("value=\"nl\"").contains("Nederlands").contains("value=\"en\"").contains("English");
    }

    @Test
    @DisplayName("a language the portal does not speak is refused with a 400 that names the three it does")
    void unknownLanguage() {
        Browser admin = setUpAdmin();
        admin.get("/account");

        var r = admin.post("/account/language", "language", "de", "next", "/");

        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.bodyAsString()).contains("nl (Nederlands), fr (Français) or en (English)");
    }

    @Test
    @DisplayName("the home page's Sync column says the first sync is under way before it has loaded a day")
    void firstSyncShown() {
        Browser b = setUpAdmin();
        long household = firstHousehold();
        b.get("/households/" + household);
        b.post("/households/" + household + "/accounts", "email", SimAccounts.DEMO_EMAIL, "password", "secret-pw");
        b.get("/households/" + household);
        var added = b.post("/households/" + household + "/meters", "label", "Zon", "ean", SimAccounts.DEMO_SOLAR.ean(),
                "serial", SimAccounts.DEMO_SOLAR.serial(), "kind", "electricity");
        long meter = idFrom(added.getHeader("Location"));
        // what the sync writes when it takes the meter up: a row, no step done yet
        sql("INSERT INTO meter_sync (meter_id, next_run_at) VALUES (" + meter + ", now())");

        String page = b.get("/").bodyAsString();
        String row = page.substring(page.indexOf(">Zon<"));
        row = row.substring(0, row.indexOf("</tr>"));

        assertThat(row).contains("first sync under way");
    }

    @Test
    @DisplayName("a stored sync problem is shown in the reader's language")
    void storedProblemTranslated() {
        Browser b = setUpAdmin();
        long household = firstHousehold();
        b.get("/households/" + household);
        b.post("/households/" + household + "/accounts", "email", SimAccounts.DEMO_EMAIL, "password", "secret-pw");
        b.get("/households/" + household);
        var added = b.post("/households/" + household + "/meters", "label", "Zon", "ean", SimAccounts.DEMO_SOLAR.ean(),
                "serial", SimAccounts.DEMO_SOLAR.serial(), "kind", "electricity");
        long meter = idFrom(added.getHeader("Location"));
        sql("INSERT INTO meter_sync (meter_id, last_error, last_error_code, last_error_args) VALUES (" + meter
                + ", 'Fluvius is unavailable (timeout). Try again later.', 'fluvius.unavailable', ARRAY['timeout'])");
        b.get("/account");
        b.post("/account/language", "language", "nl", "next", "/");

        assertThat(b.get("/meters/" + meter).bodyAsString()).contains("Fluvius is niet bereikbaar (timeout)")
                .doesNotContain("Try again later");
        b.post("/account/language", "language", "fr", "next", "/");
        assertThat(b.get("/").bodyAsString()).contains("Fluvius est injoignable (timeout)");
    }
}
