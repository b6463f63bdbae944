package be.meterkast.web;

import be.meterkast.fluvius.sim.SimAccounts;
import io.vertx.core.json.JsonObject;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The visitors the hardening tests send requests as: nobody, the admin (owner of "Thuis", with a Fluvius account
 * and two meters), a member of "Thuis", and the owner of another household ("Bij Bert", with its own account and
 * meter), each with a browser and an API token, and the ids of both households' things.
 */
final class Roles {
    final Browser anonymous;
    final Browser admin;
    final Browser member;
    final Browser stranger;
    final String adminToken;
    final String memberToken;
    final String strangerToken;
    final long household;
    final long account;
    final long meter;
    final long secondMeter;
    final long strangersHousehold;
    final long strangersAccount;
    final long strangersMeter;

    Roles(PortalTestBase portal) {
        anonymous = portal.browser();
        admin = portal.setUpAdmin();
        household = portal.sql("SELECT id FROM households ORDER BY id LIMIT 1").iterator().next().getLong(0);
        account = linkAccount(portal, admin, household);
        meter = addMeter(admin, household, "Zon", SimAccounts.DEMO_SOLAR.ean(), SimAccounts.DEMO_SOLAR.serial());
        secondMeter = addMeter(admin, household, "Auto", SimAccounts.DEMO_EV.ean(), SimAccounts.DEMO_EV.serial());

        admin.get("/households/" + household);
        String page = admin.post("/households/" + household + "/invites", "role", "member").bodyAsString();
        String invite = page.replaceAll("(?s).*<code>http[^<]*(/invite/[^<]+)</code>.*", "$1");
        member = portal.browser();
        member.get(invite);
        var joined = member.post(invite, "username", "mia", "displayName", "Mia", "password", "password-mia",
                "confirm", "password-mia");
        assertThat(joined.statusCode()).as(joined.bodyAsString()).isEqualTo(302);

        stranger = portal.newUser(admin, "bert");
        stranger.get("/");
        strangersHousehold = PortalTestBase.idFrom(stranger.post("/households", "name", "Bij Bert").getHeader("Location"));
        strangersAccount = linkAccount(portal, stranger, strangersHousehold);
        strangersMeter = addMeter(stranger, strangersHousehold, "Bert zon", SimAccounts.DEMO_SOLAR.ean(),
                SimAccounts.DEMO_SOLAR.serial());

        adminToken = token(admin, "admin", "correct horse");
        memberToken = token(member, "mia", "password-mia");
        strangerToken = token(stranger, "bert", "password-bert");
    }

    private static long linkAccount(PortalTestBase portal, Browser owner, long household) {
        owner.get("/households/" + household);
        var linked = owner.post("/households/" + household + "/accounts", "email", SimAccounts.DEMO_EMAIL,
                "password", "secret-pw");
        assertThat(linked.statusCode()).as(linked.bodyAsString()).isEqualTo(302);
        return portal.sql("SELECT id FROM fluvius_accounts WHERE household_id = " + household).iterator().next().getLong(0);
    }

    private static long addMeter(Browser owner, long household, String label, String ean, String serial) {
        owner.get("/households/" + household);
        var added = owner.post("/households/" + household + "/meters", "label", label, "ean", ean, "serial", serial,
                "kind", "electricity");
        assertThat(added.statusCode()).as(added.bodyAsString()).isEqualTo(302);
        return PortalTestBase.idFrom(added.getHeader("Location"));
    }

    private static String token(Browser b, String username, String password) {
        var r = b.api("POST", "/api/v1/token", null, new JsonObject().put("username", username).put("password", password));
        assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(200);
        return r.bodyAsJsonObject().getString("token");
    }
}
