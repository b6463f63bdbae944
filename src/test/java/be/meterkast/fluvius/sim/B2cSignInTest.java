package be.meterkast.fluvius.sim;

import static be.meterkast.fluvius.sim.SimTestClient.VERIFIER;
import static be.meterkast.fluvius.sim.SimTestClient.await;
import static org.assertj.core.api.Assertions.assertThat;

import be.meterkast.fluvius.sim.SimTestClient.SignInPage;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
@DisplayName("Simulated B2C sign-in")
class B2cSignInTest {
    private static final Instant NOW = Instant.parse("2025-11-30T10:00:00Z");
    private static final String LOCKABLE = "lockable@meterkast.test";
    private static final SimMeter LOCKABLE_METER =
            new SimMeter(SimMeter.withCheckDigit("54144882000000099"), "1SAG1100000099", Profile.PLAIN);

    private static FluviusSimulator sim;
    private static Vertx vertx;
    private SimTestClient client;

    @BeforeAll
    static void start(Vertx v) {
        vertx = v;
        SimAccounts accounts = SimAccounts.withDefaults()
                .add(new SimAccount(LOCKABLE, "right-password", false, List.of(LOCKABLE_METER)));
        sim = await(FluviusSimulator.start(vertx, 0, new SimulatorOptions().lockoutThreshold(3), accounts,
                SimClock.fixed(NOW)));
    }

    @AfterAll
    static void stop() {
        await(sim.close());
    }

    @BeforeEach
    void freshClient() {
        sim.clock().set(NOW);
        sim.options().configShape(ConfigShape.NESTED);
        client = new SimTestClient(vertx, sim);
    }

    @Test
    @DisplayName("the nested MSAL config names client, authority, redirect and API scope on the request's own origin")
    void nestedConfig() {
        JsonObject config = client.msalConfig();

        JsonObject auth = config.getJsonObject("auth");
        assertThat(auth.getString("clientId")).isEqualTo(SimPaths.CLIENT_ID);
        assertThat(auth.getString("authority")).isEqualTo(sim.baseUrl() + "/klanten.onmicrosoft.com/B2C_1A_customer_signup_signin");
        assertThat(auth.getString("redirectUri")).isEqualTo(sim.baseUrl() + "/");
        assertThat(config.getJsonArray("protectedResourceMap").getJsonArray(0).getJsonArray(1).getString(0))
                .isEqualTo("https://klanten.onmicrosoft.com/MijnFluvius/user_impersonation");
    }

    @Test
    @DisplayName("the flat MSAL config puts clientId, authority, redirectUri and scopes at the top level")
    void flatConfig() {
        sim.options().configShape(ConfigShape.FLAT);

        JsonObject config = client.msalConfig();

        assertThat(config.containsKey("auth")).isFalse();
        assertThat(config.getString("clientId")).isEqualTo(SimPaths.CLIENT_ID);
        assertThat(config.getString("authority")).isEqualTo(sim.baseUrl() + SimPaths.TENANT);
        assertThat(config.getString("redirectUri")).isEqualTo(sim.baseUrl() + "/");
        assertThat(config.getJsonArray("scopes").getList()).containsExactly(SimPaths.API_SCOPE);
    }

    @Test
    @DisplayName("the authorize page holds parseable SETTINGS and SA_FIELDS and sets non-Secure B2C cookies")
    void authorizePage() {
        SignInPage page = client.openSignInPage(VERIFIER);

        assertThat(page.settings().getString("api")).isEqualTo("CombinedSigninAndSignup");
        assertThat(page.settings().getJsonObject("hosts").getString("tenant")).isEqualTo(SimPaths.TENANT);
        assertThat(page.settings().getJsonObject("hosts").getString("policy")).isEqualTo(SimPaths.POLICY);
        assertThat(page.transId()).startsWith("StateProperties=");
        assertThat(page.fields().getJsonArray("AttributeFields").stream().map(f -> ((JsonObject) f).getString("ID")))
                .containsExactly("signInName", "password");
        List<String> cookies = page.response().cookies();
        assertThat(cookies).anySatisfy(c -> assertThat(c).startsWith("x-ms-cpim-csrf=" + page.csrf() + ";"));
        assertThat(cookies).anySatisfy(c -> assertThat(c).startsWith("x-ms-cpim-trans="));
        assertThat(cookies).allSatisfy(c -> assertThat(c).doesNotContainIgnoringCase("secure"));
    }

    @Test
    @DisplayName("authorize with a redirect URI other than the config's answers a 400 error page")
    void authorizeRefusesForeignRedirect() {
        Map<String, String> params = client.authorizeParams(VERIFIER);
        params.put("redirect_uri", "https://evil.example/");

        HttpResponse<Buffer> response = client.authorize(params);

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.getHeader("Content-Type")).startsWith("text/html");
        assertThat(response.bodyAsString()).contains("AADB2C90006");
    }

    @Test
    @DisplayName("authorize without a PKCE code_challenge answers 400")
    void authorizeRequiresPkce() {
        Map<String, String> params = client.authorizeParams(VERIFIER);
        params.remove("code_challenge");

        assertThat(client.authorize(params).statusCode()).isEqualTo(400);
    }

    @Test
    @DisplayName("SelfAsserted without the X-CSRF-TOKEN header is refused with 403")
    void selfAssertedNeedsCsrfHeader() {
        SignInPage page = client.openSignInPage(VERIFIER);

        HttpResponse<Buffer> response = await(client.selfAssertedRequest(page)
                .putHeader("X-Requested-With", "XMLHttpRequest")
                .sendForm(SimTestClient.credentials(SimAccounts.DEMO_EMAIL, SimAccounts.DEMO_PASSWORD)));

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.bodyAsJsonObject().getString("status")).isEqualTo("403");
    }

    @Test
    @DisplayName("the five steps by hand yield a JWT access token whose exp is iat plus the token lifetime")
    void fullManualFlow() {
        SignInPage page = client.openSignInPage(VERIFIER);
        HttpResponse<Buffer> accepted = client.submitPassword(page, SimAccounts.DEMO_EMAIL, SimAccounts.DEMO_PASSWORD);
        HttpResponse<Buffer> confirmed = client.confirm(page);
        String firstHop = confirmed.getHeader("Location");
        HttpResponse<Buffer> resumed = await(client.web.getAbs(URI.create(sim.baseUrl() + "/").resolve(firstHop)
                .toString()).send());
        Map<String, String> redirect = SimTestClient.query(URI.create(resumed.getHeader("Location")));
        HttpResponse<Buffer> tokens = client.redeem(redirect.get("code"), VERIFIER);

        assertThat(accepted.bodyAsJsonObject().getString("status")).isEqualTo("200");
        assertThat(confirmed.statusCode()).isEqualTo(302);
        assertThat(firstHop).startsWith(SimPaths.TENANT + "/");
        assertThat(resumed.getHeader("Location")).startsWith(sim.baseUrl() + "/?");
        assertThat(redirect.get("state")).isEqualTo(SimTestClient.STATE);
        assertThat(redirect).containsKey("client_info");
        assertThat(tokens.statusCode()).isEqualTo(200);
        JsonObject body = tokens.bodyAsJsonObject();
        assertThat(body.getString("token_type")).isEqualTo("Bearer");
        assertThat(body.getLong("expires_in")).isEqualTo(3600);
        assertThat(body.getString("refresh_token")).isNotBlank();
        JsonObject claims = SimTestClient.jwtClaims(body.getString("access_token"));
        assertThat(claims.getLong("iat")).isEqualTo(NOW.getEpochSecond());
        assertThat(claims.getLong("exp")).isEqualTo(NOW.getEpochSecond() + 3600);
        assertThat(claims.getJsonArray("emails").getString(0)).isEqualTo(SimAccounts.DEMO_EMAIL);
        assertThat(SimTestClient.jwtClaims(body.getString("id_token")).getString("nonce")).isEqualTo("nonce-5678");
    }

    @Test
    @DisplayName("an authorization code can be redeemed once; the second use is invalid_grant")
    void codeIsSingleUse() {
        String code = client.signInForCode(SimAccounts.DEMO_EMAIL, SimAccounts.DEMO_PASSWORD);

        HttpResponse<Buffer> first = client.redeem(code, VERIFIER);
        HttpResponse<Buffer> second = client.redeem(code, VERIFIER);

        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(second.statusCode()).isEqualTo(400);
        assertThat(second.bodyAsJsonObject().getString("error")).isEqualTo("invalid_grant");
    }

    @Test
    @DisplayName("a code_verifier that does not match the code_challenge is rejected")
    void wrongVerifierRejected() {
        String code = client.signInForCode(SimAccounts.DEMO_EMAIL, SimAccounts.DEMO_PASSWORD);

        HttpResponse<Buffer> response = client.redeem(code, VERIFIER + "-wrong");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.bodyAsJsonObject().getString("error")).isEqualTo("invalid_grant");
        assertThat(response.bodyAsJsonObject().getString("error_description")).startsWith("AADB2C90183");
    }

    @Test
    @DisplayName("a code older than the code lifetime is rejected")
    void expiredCodeRejected() {
        String code = client.signInForCode(SimAccounts.DEMO_EMAIL, SimAccounts.DEMO_PASSWORD);
        sim.clock().advance(sim.options().codeLifetime().plusSeconds(1));

        HttpResponse<Buffer> response = client.redeem(code, VERIFIER);

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.bodyAsJsonObject().getString("error_description")).contains("expired");
    }

    @Test
    @DisplayName("a refresh returns a new refresh token and the used one is rejected afterwards")
    void refreshTokensRotate() {
        String first = client.signIn(SimAccounts.DEMO_EMAIL, SimAccounts.DEMO_PASSWORD).getString("refresh_token");

        HttpResponse<Buffer> refreshed = client.refresh(first);
        HttpResponse<Buffer> reused = client.refresh(first);

        assertThat(refreshed.statusCode()).isEqualTo(200);
        assertThat(refreshed.bodyAsJsonObject().getString("refresh_token")).isNotBlank().isNotEqualTo(first);
        assertThat(refreshed.bodyAsJsonObject().getString("access_token")).isNotBlank();
        assertThat(reused.statusCode()).isEqualTo(400);
        assertThat(reused.bodyAsJsonObject().getString("error")).isEqualTo("invalid_grant");
    }

    @Test
    @DisplayName("after the threshold of wrong passwords the account is locked, even for the right password")
    void lockout() {
        for (int i = 0; i < 3; i++) {
            JsonObject wrong = client.submitPassword(client.openSignInPage(VERIFIER), LOCKABLE, "guess-" + i)
                    .bodyAsJsonObject();
            assertThat(wrong.getString("errorCode")).isEqualTo("AADB2C90054");
        }

        JsonObject locked = client.submitPassword(client.openSignInPage(VERIFIER), LOCKABLE, "right-password")
                .bodyAsJsonObject();
        sim.clock().advance(sim.options().lockoutDuration().plusMinutes(1));
        JsonObject later = client.submitPassword(client.openSignInPage(VERIFIER), LOCKABLE, "right-password")
                .bodyAsJsonObject();

        assertThat(locked.getString("status")).isEqualTo("400");
        assertThat(locked.getString("errorCode")).isEqualTo("AADB2C90225");
        assertThat(later.getString("status")).isEqualTo("200");
        assertThat(sim.stats().passwordAttempts(LOCKABLE)).isEqualTo(5);
        assertThat(sim.stats().acceptedPasswords(LOCKABLE)).isEqualTo(1);
    }

    @Test
    @DisplayName("an unknown e-mail gets the same answer as a wrong password")
    void unknownEmail() {
        JsonObject answer = client.submitPassword(client.openSignInPage(VERIFIER), "nobody@meterkast.test", "x")
                .bodyAsJsonObject();

        assertThat(answer.getString("errorCode")).isEqualTo("AADB2C90054");
        assertThat(answer.getString("message")).isEqualTo("Invalid username or password.");
    }

    @Test
    @DisplayName("for an account with two-step verification, confirmed answers a 200 MFA page without a code")
    void mfaAccountStopsAtMfaPage() {
        SignInPage page = client.openSignInPage(VERIFIER);
        client.submitPassword(page, SimAccounts.MFA_EMAIL, SimAccounts.MFA_PASSWORD);

        HttpResponse<Buffer> confirmed = client.confirm(page);

        assertThat(confirmed.statusCode()).isEqualTo(200);
        assertThat(confirmed.getHeader("Location")).isNull();
        assertThat(SimTestClient.settingsOf(confirmed.bodyAsString()).getString("api"))
                .isEqualTo("PhoneFactor-InputOrVerify");
    }

    @Test
    @DisplayName("confirmed before a password was accepted answers a 400 error page")
    void confirmedNeedsSignIn() {
        SignInPage page = client.openSignInPage(VERIFIER);

        HttpResponse<Buffer> confirmed = client.confirm(page);

        assertThat(confirmed.statusCode()).isEqualTo(400);
        assertThat(confirmed.getHeader("Location")).isNull();
    }

    @Test
    @DisplayName("failNext(503, 1) fails the next sign-in request only, and leaves the MSAL config alone")
    void failNextServiceUnavailable() {
        sim.options().failNext(503, 1);

        JsonObject config = client.msalConfig();
        HttpResponse<Buffer> failed = client.authorize(client.authorizeParams(VERIFIER));
        HttpResponse<Buffer> next = client.authorize(client.authorizeParams(VERIFIER));

        assertThat(config.getJsonObject("auth")).isNotNull();
        assertThat(failed.statusCode()).isEqualTo(503);
        assertThat(next.statusCode()).isEqualTo(200);
    }

    @Test
    @DisplayName("failNext(429, 1) answers 429 with Retry-After in seconds")
    void failNextRateLimited() {
        sim.options().failNext(429, 1);

        HttpResponse<Buffer> failed = client.authorize(client.authorizeParams(VERIFIER));

        assertThat(failed.statusCode()).isEqualTo(429);
        assertThat(failed.getHeader("Retry-After")).isEqualTo("30");
    }

    @Test
    @DisplayName("tokens carry times from the simulator clock, not the system clock")
    void tokenTimesFollowSimClock() {
        sim.clock().advance(Duration.ofDays(3));

        JsonObject tokens = client.signIn(SimAccounts.FAMILY_EMAIL, SimAccounts.FAMILY_PASSWORD);

        assertThat(tokens.getLong("expires_on")).isEqualTo(NOW.plus(Duration.ofDays(3)).getEpochSecond() + 3600);
    }

    @Test
    @DisplayName("errorRate 1 answers 503 to every sign-in request but never to the MSAL config")
    void errorRateSparesConfig() {
        sim.options().errorRate(1);
        try {
            assertThat(client.get(SimPaths.MSAL_CONFIG).statusCode()).isEqualTo(200);
            assertThat(client.authorize(client.authorizeParams(VERIFIER)).statusCode()).isEqualTo(503);
        } finally {
            sim.options().errorRate(0);
        }
    }

    @Test
    @DisplayName("latency delays every response by at least the configured time")
    void latency() {
        sim.options().latency(Duration.ofMillis(300));
        try {
            long started = System.nanoTime();
            client.msalConfig();
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(300));
        } finally {
            sim.options().latency(Duration.ZERO);
        }
    }

    @Test
    @DisplayName("URLs in the config follow the origin the request was sent to")
    void configFollowsRequestOrigin() {
        HttpResponse<Buffer> response = await(client.web.getAbs("http://localhost:" + sim.port() + SimPaths.MSAL_CONFIG)
                .send());

        assertThat(response.bodyAsJsonObject().getJsonObject("auth").getString("redirectUri"))
                .isEqualTo("http://localhost:" + sim.port() + "/");
    }
}
