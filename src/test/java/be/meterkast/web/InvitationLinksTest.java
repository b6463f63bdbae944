package be.meterkast.web;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Without METERKAST_PUBLIC_URL, invitation links are built from the address the inviting browser used. */
class InvitationLinksTest extends PortalTestBase {
    private static final String WARNING = "METERKAST_PUBLIC_URL is not set: invitation links use the address this browser opened the portal at";

    @Test
    @DisplayName("the invite forms of the household and admin pages warn that links use this browser's address")
    void warnsWithoutPublicUrl() {
        Browser admin = setUpAdmin();
        long household = sql("SELECT id FROM households").iterator().next().getLong(0);

        String householdPage = admin.get("/households/" + household).bodyAsString();
        String created = admin.post("/households/" + household + "/invites", "role", "member").bodyAsString();

        assertThat(householdPage).contains(WARNING);
        assertThat(created).contains(WARNING).contains("<code>http://127.0.0.1:" + server.port() + "/invite/");
        assertThat(admin.get("/admin/").bodyAsString()).contains(WARNING);
    }
}
