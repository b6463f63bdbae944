package be.meterkast.web;

import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpResponse;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SetupAndLoginTest extends PortalTestBase {

    @Test
    @DisplayName("a fresh install sends everyone to setup, which creates the admin and a first household")
    void firstRunSetup() {
        Browser b = browser();
        assertThat(b.get("/").getHeader("Location")).isEqualTo("/setup");
        assertThat(b.get("/setup").bodyAsString()).contains("Welcome to Meterkast");

        HttpResponse<Buffer> created = b.post("/setup", "username", "anna", "displayName", "Anna", "password",
                "correct horse", "confirm", "correct horse", "household", "Thuis");

        assertThat(created.statusCode()).isEqualTo(302);
        assertThat(created.cookies()).anyMatch(c -> c.startsWith("meterkast_session=") && c.toLowerCase().contains("httponly")
                && c.contains("SameSite=Lax"));
        HttpResponse<Buffer> home = b.get("/");
        assertThat(home.statusCode()).isEqualTo(200);
        assertThat(home.bodyAsString()).contains("Thuis").contains("Welcome to Meterkast.");
        assertThat(browser().get("/setup").getHeader("Location")).as("setup only runs once").isEqualTo("/login");
    }

    @Test
    @DisplayName("once set up, posting the setup form goes to the login page and makes no user")
    void setupPostAfterSetup() {
        setUpAdmin();
        Browser b = browser();
        b.get("/login");

        HttpResponse<Buffer> r = b.post("/setup", "username", "mallory", "displayName", "M", "password",
                "mallory-password", "confirm", "mallory-password", "household", "Elders");

        assertThat(r.getHeader("Location")).isEqualTo("/login");
        assertThat(sql("SELECT count(*) FROM users").iterator().next().getLong(0)).isEqualTo(1);
    }

    @Test
    @DisplayName("setup explains what to fix and keeps what was typed")
    void setupValidation() {
        Browser b = browser();
        b.get("/setup");

        HttpResponse<Buffer> r = b.post("/setup", "username", "a", "displayName", "Anna", "password", "short",
                "confirm", "short", "household", "Thuis");

        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.bodyAsString()).contains("Use 2 to 40 letters").contains("at least 10 characters")
                .contains("value=\"Anna\"");
        assertThat(sql("SELECT count(*) FROM users").iterator().next().getLong(0)).isZero();
    }

    @Test
    @DisplayName("login with the right password opens the home page; a wrong one says so and keeps the name")
    void login() {
        setUpAdmin();
        Browser b = browser();
        b.get("/login");

        HttpResponse<Buffer> wrong = b.post("/login", "username", "admin", "password", "not it at all");
        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(wrong.bodyAsString()).contains("Wrong username or password").contains("value=\"admin\"");

        HttpResponse<Buffer> right = b.post("/login", "username", "admin", "password", "correct horse");
        assertThat(right.statusCode()).isEqualTo(302);
        assertThat(b.get("/").statusCode()).isEqualTo(200);
    }

    @Test
    @DisplayName("pages need a login and return to where the user was going")
    void loginRequired() {
        setUpAdmin();
        Browser b = browser();

        HttpResponse<Buffer> r = b.get("/households/1");

        assertThat(r.statusCode()).isEqualTo(302);
        assertThat(r.getHeader("Location")).isEqualTo("/login?next=%2Fhouseholds%2F1");
        b.get(r.getHeader("Location"));
        HttpResponse<Buffer> login = b.post("/login", "username", "admin", "password", "correct horse", "next", "/households/1");
        assertThat(login.getHeader("Location")).isEqualTo("/households/1");
    }

    @Test
    @DisplayName("login never redirects to another site")
    void noOpenRedirect() {
        setUpAdmin();
        Browser b = browser();
        b.get("/login");

        HttpResponse<Buffer> login = b.post("/login", "username", "admin", "password", "correct horse",
                "next", "//evil.example/steal");

        assertThat(login.getHeader("Location")).isEqualTo("/");
    }

    @Test
    @DisplayName("after five wrong passwords the account is throttled, even for the right password")
    void throttling() {
        setUpAdmin();
        Browser b = browser();
        b.get("/login");
        for (int i = 0; i < 5; i++) {
            assertThat(b.post("/login", "username", "admin", "password", "guess " + i).statusCode()).isEqualTo(401);
        }

        HttpResponse<Buffer> r = b.post("/login", "username", "admin", "password", "correct horse");

        assertThat(r.statusCode()).isEqualTo(429);
        assertThat(r.getHeader("Retry-After")).isNotBlank();
        assertThat(r.bodyAsString()).contains("Too many failed attempts");
    }

    @Test
    @DisplayName("logout ends the session on the server: the old cookie no longer works")
    void logoutRevokes() {
        Browser b = setUpAdmin();
        String cookie = b.client().cookieStore().get(false, "127.0.0.1", "/").iterator().next().value();
        b.get("/");

        assertThat(b.post("/logout").getHeader("Location")).isEqualTo("/login");

        Browser thief = browser();
        thief.client().addHeader("Cookie", "meterkast_session=" + cookie);
        assertThat(thief.get("/").getHeader("Location")).startsWith("/login");
    }

    @Test
    @DisplayName("changing the password ends the sessions on other devices, not this one")
    void passwordChangeRevokesOthers() {
        Browser laptop = setUpAdmin();
        Browser phone = browser();
        phone.get("/login");
        phone.post("/login", "username", "admin", "password", "correct horse");
        assertThat(phone.get("/").statusCode()).isEqualTo(200);

        laptop.get("/account");
        HttpResponse<Buffer> changed = laptop.post("/account/password", "current", "correct horse",
                "password", "battery staple", "confirm", "battery staple");

        assertThat(changed.statusCode()).as(changed.bodyAsString()).isEqualTo(302);
        assertThat(laptop.get("/").statusCode()).isEqualTo(200);
        assertThat(phone.get("/").statusCode()).isEqualTo(302);
    }

    @Test
    @DisplayName("a signed-in session cannot guess the password on the account page: five wrong tries, then 429")
    void passwordChangeThrottled() {
        Browser b = setUpAdmin();
        b.get("/account");
        for (int i = 0; i < 5; i++) {
            assertThat(b.post("/account/password", "current", "guess " + i,
                    "password", "battery staple", "confirm", "battery staple").statusCode()).isEqualTo(400);
        }

        HttpResponse<Buffer> r = b.post("/account/password", "current", "correct horse",
                "password", "battery staple", "confirm", "battery staple");

        assertThat(r.statusCode()).isEqualTo(429);
        assertThat(r.getHeader("Retry-After")).isNotBlank();
        assertThat(r.bodyAsString()).contains("Too many failed attempts");
        Browser other = browser();
        other.get("/login");
        assertThat(other.post("/login", "username", "admin", "password", "battery staple").statusCode())
                .as("the password did not change").isNotEqualTo(302);
    }

    @Test
    @DisplayName("every page carries the security headers")
    void securityHeaders() {
        HttpResponse<Buffer> r = browser().get("/setup");

        assertThat(r.getHeader("Content-Security-Policy")).contains("frame-ancestors 'none'").contains("default-src 'self'");
        assertThat(r.getHeader("X-Frame-Options")).isEqualTo("DENY");
        assertThat(r.getHeader("Referrer-Policy")).isEqualTo("same-origin");
        assertThat(r.getHeader("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(r.getHeader("Content-Type")).isEqualTo("text/html; charset=utf-8");
    }
}
