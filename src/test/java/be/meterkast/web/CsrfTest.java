package be.meterkast.web;

import io.vertx.core.MultiMap;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CsrfTest extends PortalTestBase {

    @Test
    @DisplayName("a form posted without its CSRF token is refused and changes nothing")
    void missingToken() {
        Browser b = setUpAdmin();

        var r = b.postRaw("/households", MultiMap.caseInsensitiveMultiMap().add("name", "Forged"));

        assertThat(r.statusCode()).isEqualTo(403);
        assertThat(r.bodyAsString()).contains("expired or came from another site");
        assertThat(sql("SELECT count(*) FROM households WHERE name = 'Forged'").iterator().next().getLong(0)).isZero();
    }

    @Test
    @DisplayName("a token from another session is refused")
    void otherSessionsToken() {
        Browser anna = setUpAdmin();
        Browser bert = newUser(anna, "bert");
        bert.get("/");
        String bertsToken = bert.csrf();

        var r = anna.postRaw("/households", MultiMap.caseInsensitiveMultiMap().add("_csrf", bertsToken).add("name", "Forged"));

        assertThat(r.statusCode()).isEqualTo(403);
    }

    @Test
    @DisplayName("the token stays the same across pages, so a second open tab keeps working")
    void secondTab() {
        Browser b = setUpAdmin();
        b.get("/");
        String firstTab = b.csrf();
        b.get("/account");
        b.get("/admin");

        var r = b.postRaw("/households", MultiMap.caseInsensitiveMultiMap().add("_csrf", firstTab).add("name", "Bij oma"));

        assertThat(b.csrf()).isEqualTo(firstTab);
        assertThat(r.statusCode()).isEqualTo(302);
    }

    @Test
    @DisplayName("the login form is protected too, before anyone is signed in")
    void loginForm() {
        setUpAdmin();
        Browser b = browser();

        var r = b.postRaw("/login", MultiMap.caseInsensitiveMultiMap().add("username", "admin").add("password", "correct horse"));

        assertThat(r.statusCode()).isEqualTo(403);
    }
}
