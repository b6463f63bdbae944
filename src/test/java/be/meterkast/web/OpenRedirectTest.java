package be.meterkast.web;

import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpResponse;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** A login link with a crafted next must not send the fresh session to another site. */
class OpenRedirectTest extends PortalTestBase {

    @Test
    @DisplayName("next=/%09/evil.example (a tab, read by browsers as //evil.example) goes to the start page")
    void tabBeforeASecondSlash() {
        setUpAdmin();
        Browser b = browser();
        b.get("/login?next=/%09/evil.example");

        HttpResponse<Buffer> r = b.post("/login", "username", "admin", "password", "correct horse",
                "next", "/\t/evil.example");

        assertThat(r.statusCode()).isEqualTo(302);
        assertThat(r.getHeader("Location")).isEqualTo("/");
    }

    @Test
    @DisplayName("the login page does not put a tabbed next into its form")
    void loginPageForm() {
        setUpAdmin();

        String page = browser().get("/login?next=/%09/evil.example").bodyAsString();

        assertThat(page).doesNotContain("evil.example");
    }
}
