package be.meterkast.web;

import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpResponse;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Requests that the audit sent and never got an answer to: each now gets one within 5 s (the browsers fail the
 * test with a TimeoutException otherwise). The request timeout under every route is in {@link DatabaseDownTest}.
 */
class UnansweredRequestsTest extends PortalTestBase {
    private static final Duration ANSWER = Duration.ofSeconds(5);
    private Roles roles;

    @BeforeEach
    void roles() {
        roles = new Roles(this);
        roles.admin.answeringWithin(ANSWER);
    }

    @Test
    @DisplayName("comparing two meters in month -999999999-01 answers 400 that names the month")
    void compareInAnExtremeMonth() {
        HttpResponse<Buffer> r = roles.admin.get("/compare?meter=" + roles.meter + "&meter=" + roles.secondMeter
                + "&month=-999999999-01");

        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.bodyAsString()).contains("The month (month) must lie between 2000 and 2100.");
    }

    @ParameterizedTest(name = "next holding U+{0}")
    @ValueSource(strings = {"000d", "000a", "000b", "000c", "0000"})
    @DisplayName("a login whose next holds CR, LF, VT, FF or NUL signs in and goes to the start page")
    void loginWithAControlCharacterInNext(String codePoint) {
        Browser b = browser().answeringWithin(ANSWER);
        b.get("/login");

        HttpResponse<Buffer> r = b.post("/login", "username", "admin", "password", "correct horse",
                "next", "/meters" + Character.toString(Integer.parseInt(codePoint, 16)) + "Set-Cookie: x=y");

        assertThat(r.statusCode()).isEqualTo(302);
        assertThat(r.getHeader("Location")).isEqualTo("/");
        assertThat(r.headers().getAll("Set-Cookie")).noneMatch(c -> c.startsWith("x="));
    }

    @ParameterizedTest(name = "next holding U+{0}")
    @ValueSource(strings = {"000d", "000a", "000b", "000c", "0000"})
    @DisplayName("changing the language with CR, LF, VT, FF or NUL in next goes to the start page")
    void languageWithAControlCharacterInNext(String codePoint) {
        roles.admin.get("/account");

        HttpResponse<Buffer> r = roles.admin.post("/account/language", "language", "en",
                "next", "/account" + Character.toString(Integer.parseInt(codePoint, 16)) + "x");

        assertThat(r.statusCode()).isEqualTo(302);
        assertThat(r.getHeader("Location")).isEqualTo("/");
    }
}
