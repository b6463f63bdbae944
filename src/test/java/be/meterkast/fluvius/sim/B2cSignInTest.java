package be.meterkast.fluvius.sim;

import static be.meterkast.fluvius.sim.SimTestClient.VERIFIER;
import static be.meterkast.fluvius.sim.SimTestClient.await;
import static org.assertj.core.api.Assertions.assertThat;

import be.meterkast.fluvius.sim.SimTestClient.Reply;
import be.meterkast.fluvius.sim.SimTestClient.SignInPage;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.ext.web.client.WebClientSession;
import io.vertx.junit5.VertxExtension;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
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
    private static final String BASE64 = "[A-Za-z0-9+/]+={0,2}";
    private static final String CSRF = "x-ms-cpim-csrf";
    private static final String TRANS = "x-ms-cpim-trans";
    private static final String SSO = "x-ms-cpim-sso:klanten.onmicrosoft.com/b2c_1a_customer_signup_signin_0";
    private static final String CACHE = "x-ms-cpim-cache|";
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
    @DisplayName("the authorize page holds parseable SETTINGS and SA_FIELDS")
    void authorizePage() {
        SignInPage page = client.openSignInPage(VERIFIER);

        assertThat(page.settings().getString("api")).isEqualTo("CombinedSigninAndSignup");
        assertThat(page.tenant()).isEqualTo(SimPaths.TENANT);
        assertThat(page.policy()).isEqualTo(SimPaths.POLICY);
        assertThat(page.transId()).startsWith("StateProperties=");
        assertThat(page.fields().getJsonArray("AttributeFields").stream().map(f -> ((JsonObject) f).getString("ID")))
                .containsExactly("signInName", "password");
    }

    @Test
    @DisplayName("the authorize page sets x-ms-cpim-csrf, x-ms-cpim-trans and x-ms-cpim-cache|<id>_0, HttpOnly and"
            + " not Secure over http, the cache cookie on the tenant path")
    void authorizeCookies() {
        SignInPage page = client.openSignInPage(VERIFIER);

        List<String> cookies = page.response().setCookies();
        assertThat(cookies).hasSize(3);
        assertThat(cookies).anySatisfy(c -> assertThat(c)
                .isEqualTo("x-ms-cpim-csrf=" + page.csrf() + "; Path=/; HttpOnly; SameSite=Lax"));
        assertThat(cookies).anySatisfy(c -> assertThat(c)
                .matches("x-ms-cpim-trans=" + BASE64 + "; Path=/; HttpOnly; SameSite=Lax"));
        assertThat(cookies).anySatisfy(c -> assertThat(c).matches("x-ms-cpim-cache\\|[a-z0-9_-]+_0=" + BASE64
                + "; Path=/klanten\\.onmicrosoft\\.com/; HttpOnly; SameSite=Lax"));
        assertThat(cookies).allSatisfy(c -> assertThat(c).doesNotContainIgnoringCase("secure"));
    }

    @Test
    @DisplayName("B2C's cookie values are standard base64 with +, / and =, which a client must send back untouched")
    void cookieValuesAreStandardBase64() {
        client.openSignInPage(VERIFIER);

        for (String name : List.of(CSRF, TRANS, client.cookies.nameStartingWith(CACHE))) {
            assertThat(client.cookies.get(name).orElseThrow()).matches(BASE64).contains("+", "/").endsWith("=");
        }
    }

    @Test
    @DisplayName("an accepted password sets x-ms-cpim-sso:klanten.onmicrosoft.com/b2c_1a_customer_signup_signin_0"
            + " and a new value for the same cache cookie")
    void selfAssertedSetsSessionCookies() {
        SignInPage page = client.openSignInPage(VERIFIER);
        String cacheName = client.cookies.nameStartingWith(CACHE);
        String cacheBefore = client.cookies.get(cacheName).orElseThrow();

        Reply accepted = client.submitPassword(page, SimAccounts.DEMO_EMAIL, SimAccounts.DEMO_PASSWORD);

        assertThat(accepted.json().getString("status")).isEqualTo("200");
        assertThat(accepted.setCookies()).hasSize(2);
        assertThat(accepted.setCookies()).anySatisfy(c -> assertThat(c)
                .matches("x-ms-cpim-sso:klanten\\.onmicrosoft\\.com/b2c_1a_customer_signup_signin_0=" + BASE64
                        + "; Path=/klanten\\.onmicrosoft\\.com/; HttpOnly; SameSite=Lax"));
        assertThat(accepted.setCookies()).anySatisfy(c -> assertThat(c).startsWith(cacheName + "=")
                .doesNotStartWith(cacheName + "=" + cacheBefore + ";"));
        assertThat(client.cookies.get(cacheName).orElseThrow()).matches(BASE64).isNotEqualTo(cacheBefore);
    }

    @Test
    @DisplayName("authorize with a redirect URI other than the config's answers a 400 error page")
    void authorizeRefusesForeignRedirect() {
        Map<String, String> params = client.authorizeParams(VERIFIER);
        params.put("redirect_uri", "https://evil.example/");

        Reply response = client.authorize(params);

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.header("Content-Type")).startsWith("text/html");
        assertThat(response.body()).contains("AADB2C90006");
    }

    @Test
    @DisplayName("authorize without a PKCE code_challenge answers 400")
    void authorizeRequiresPkce() {
        Map<String, String> params = client.authorizeParams(VERIFIER);
        params.remove("code_challenge");

        assertThat(client.authorize(params).status()).isEqualTo(400);
    }

    @Test
    @DisplayName("SelfAsserted without the X-CSRF-TOKEN header is refused with 403")
    void selfAssertedNeedsCsrfHeader() {
        SignInPage page = client.openSignInPage(VERIFIER);

        Reply response = client.selfAsserted(page, Map.of("X-Requested-With", "XMLHttpRequest"),
                SimTestClient.credentials(SimAccounts.DEMO_EMAIL, SimAccounts.DEMO_PASSWORD));

        assertThat(response.status()).isEqualTo(403);
        assertThat(response.json().getString("status")).isEqualTo("403");
    }

    @Test
    @DisplayName("the five steps by hand yield a JWT access token whose exp is iat plus the token lifetime")
    void fullManualFlow() {
        SignInPage page = client.openSignInPage(VERIFIER);
        Reply accepted = client.submitPassword(page, SimAccounts.DEMO_EMAIL, SimAccounts.DEMO_PASSWORD);
        Reply confirmed = client.confirm(page);
        String firstHop = confirmed.header("Location");
        Reply resumed = client.get(URI.create(sim.baseUrl() + "/").resolve(firstHop).toString());
        Map<String, String> redirect = SimTestClient.query(URI.create(resumed.header("Location")));
        Reply tokens = client.redeem(redirect.get("code"), VERIFIER);

        assertThat(accepted.json().getString("status")).isEqualTo("200");
        assertThat(confirmed.status()).isEqualTo(302);
        assertThat(firstHop).startsWith(SimPaths.TENANT + "/");
        assertThat(resumed.header("Location")).startsWith(sim.baseUrl() + "/?");
        assertThat(redirect.get("state")).isEqualTo(SimTestClient.STATE);
        assertThat(redirect).containsKey("client_info");
        assertThat(tokens.status()).isEqualTo(200);
        JsonObject body = tokens.json();
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

        Reply first = client.redeem(code, VERIFIER);
        Reply second = client.redeem(code, VERIFIER);

        assertThat(first.status()).isEqualTo(200);
        assertThat(second.status()).isEqualTo(400);
        assertThat(second.json().getString("error")).isEqualTo("invalid_grant");
    }

    @Test
    @DisplayName("a code_verifier that does not match the code_challenge is rejected")
    void wrongVerifierRejected() {
        String code = client.signInForCode(SimAccounts.DEMO_EMAIL, SimAccounts.DEMO_PASSWORD);

        Reply response = client.redeem(code, VERIFIER + "-wrong");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().getString("error")).isEqualTo("invalid_grant");
        assertThat(response.json().getString("error_description")).startsWith("AADB2C90183");
    }

    @Test
    @DisplayName("a code older than the code lifetime is rejected")
    void expiredCodeRejected() {
        String code = client.signInForCode(SimAccounts.DEMO_EMAIL, SimAccounts.DEMO_PASSWORD);
        sim.clock().advance(sim.options().codeLifetime().plusSeconds(1));

        Reply response = client.redeem(code, VERIFIER);

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().getString("error_description")).contains("expired");
    }

    @Test
    @DisplayName("a refresh returns a new refresh token and the used one is rejected afterwards")
    void refreshTokensRotate() {
        String first = client.signIn(SimAccounts.DEMO_EMAIL, SimAccounts.DEMO_PASSWORD).getString("refresh_token");

        Reply refreshed = client.refresh(first);
        Reply reused = client.refresh(first);

        assertThat(refreshed.status()).isEqualTo(200);
        assertThat(refreshed.json().getString("refresh_token")).isNotBlank().isNotEqualTo(first);
        assertThat(refreshed.json().getString("access_token")).isNotBlank();
        assertThat(reused.status()).isEqualTo(400);
        assertThat(reused.json().getString("error")).isEqualTo("invalid_grant");
    }

    @Test
    @DisplayName("after the threshold of wrong passwords the account is locked, even for the right password")
    void lockout() {
        for (int i = 0; i < 3; i++) {
            JsonObject wrong = client.submitPassword(client.openSignInPage(VERIFIER), LOCKABLE, "guess-" + i)
                    .json();
            assertThat(wrong.getString("errorCode")).isEqualTo("AADB2C90054");
        }

        JsonObject locked = client.submitPassword(client.openSignInPage(VERIFIER), LOCKABLE, "right-password")
                .json();
        sim.clock().advance(sim.options().lockoutDuration().plusMinutes(1));
        JsonObject later = client.submitPassword(client.openSignInPage(VERIFIER), LOCKABLE, "right-password")
                .json();

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
                .json();

        assertThat(answer.getString("errorCode")).isEqualTo("AADB2C90054");
        assertThat(answer.getString("message")).isEqualTo("Invalid username or password.");
    }

    @Test
    @DisplayName("for an account with two-step verification, confirmed answers a 200 MFA page without a code")
    void mfaAccountStopsAtMfaPage() {
        SignInPage page = client.openSignInPage(VERIFIER);
        client.submitPassword(page, SimAccounts.MFA_EMAIL, SimAccounts.MFA_PASSWORD);

        Reply confirmed = client.confirm(page);

        assertThat(confirmed.status()).isEqualTo(200);
        assertThat(confirmed.header("Location")).isNull();
        assertThat(SimTestClient.settingsOf(confirmed.body()).getString("api"))
                .isEqualTo("PhoneFactor-InputOrVerify");
    }

    @Test
    @DisplayName("confirmed before a password was accepted answers a 400 error page")
    void confirmedNeedsSignIn() {
        SignInPage page = client.openSignInPage(VERIFIER);

        Reply confirmed = client.confirm(page);

        assertThat(confirmed.status()).isEqualTo(400);
        assertThat(confirmed.header("Location")).isNull();
    }

    @Test
    @DisplayName("failNext(503, 1) fails the next sign-in request only, and leaves the MSAL config alone")
    void failNextServiceUnavailable() {
        sim.options().failNext(503, 1);

        JsonObject config = client.msalConfig();
        Reply failed = client.authorize(client.authorizeParams(VERIFIER));
        Reply next = client.authorize(client.authorizeParams(VERIFIER));

        assertThat(config.getJsonObject("auth")).isNotNull();
        assertThat(failed.status()).isEqualTo(503);
        assertThat(next.status()).isEqualTo(200);
    }

    @Test
    @DisplayName("failNext(429, 1) answers 429 with Retry-After in seconds")
    void failNextRateLimited() {
        sim.options().failNext(429, 1);

        Reply failed = client.authorize(client.authorizeParams(VERIFIER));

        assertThat(failed.status()).isEqualTo(429);
        assertThat(failed.header("Retry-After")).isEqualTo("30");
    }

    @Test
    @DisplayName("tokens carry times from the simulator clock, not the system clock")
    void tokenTimesFollowSimClock() {
        sim.clock().advance(Duration.ofDays(3));

        JsonObject tokens = client.signIn(SimAccounts.FAMILY_EMAIL, SimAccounts.FAMILY_PASSWORD);

        assertThat(tokens.getLong("expires_on")).isEqualTo(NOW.plus(Duration.ofDays(3)).getEpochSecond() + 3600);
    }

    @Test
    @DisplayName("errorRate 1 answers 500, 502 or 503 to every sign-in request but never to the MSAL config")
    void errorRateSparesConfig() {
        sim.options().errorRate(1);
        try {
            assertThat(client.get(SimPaths.MSAL_CONFIG).status()).isEqualTo(200);
            assertThat(client.authorize(client.authorizeParams(VERIFIER)).status()).isIn(500, 502, 503);
        } finally {
            sim.options().errorRate(0);
        }
    }

    @Test
    @DisplayName("faultsOnSignIn(false) spares the sign-in pages from the error rate; the data API still meets it")
    void dataFaultsOnly() {
        sim.options().errorRate(1).faultsOnSignIn(false);
        try {
            assertThat(client.authorize(client.authorizeParams(VERIFIER)).status()).isEqualTo(200);
        } finally {
            sim.options().errorRate(0).faultsOnSignIn(true);
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

    @Test
    @DisplayName("a sign-in that sends every cookie back as a browser does gets a code and, for it, tokens")
    void browserLikeSignIn() {
        JsonObject tokens = client.signIn(SimAccounts.DEMO_EMAIL, SimAccounts.DEMO_PASSWORD);

        assertThat(tokens.getString("access_token")).isNotBlank();
        assertThat(tokens.getString("id_token")).isNotBlank();
        assertThat(tokens.getString("refresh_token")).isNotBlank();
    }

    @Test
    @DisplayName("confirmation without the SSO cookie answers a 400 error page with AADB2C90077, not a redirect")
    void confirmationNeedsSsoCookie() {
        SignInPage page = signedInPage();
        client.cookies.remove(SSO);

        assertRefusedSession(client.confirm(page), SSO);
    }

    @Test
    @DisplayName("confirmation without the x-ms-cpim-cache cookie answers a 400 error page with AADB2C90077")
    void confirmationNeedsCacheCookie() {
        SignInPage page = signedInPage();
        String cache = client.cookies.nameStartingWith(CACHE);
        client.cookies.remove(cache);

        assertRefusedSession(client.confirm(page), cache);
    }

    @Test
    @DisplayName("confirmation with the cache value from before SelfAsserted answers a 400 error page with AADB2C90077")
    void confirmationNeedsCurrentCacheValue() {
        SignInPage page = client.openSignInPage(VERIFIER);
        String cache = client.cookies.nameStartingWith(CACHE);
        String stale = client.cookies.get(cache).orElseThrow();
        client.submitPassword(page, SimAccounts.DEMO_EMAIL, SimAccounts.DEMO_PASSWORD);
        client.cookies.put(cache, stale);

        assertRefusedSession(client.confirm(page), cache);
    }

    @Test
    @DisplayName("confirmation with the csrf cookie URL-encoded answers a 400 error page with AADB2C90077")
    void confirmationNeedsUnalteredCsrfCookie() {
        SignInPage page = signedInPage();
        client.cookies.put(CSRF, URLEncoder.encode(client.cookies.get(CSRF).orElseThrow(), StandardCharsets.UTF_8));

        assertRefusedSession(client.confirm(page), CSRF);
    }

    @Test
    @DisplayName("confirmation without the x-ms-cpim-trans cookie answers a 400 error page with AADB2C90077")
    void confirmationNeedsTransCookie() {
        SignInPage page = signedInPage();
        client.cookies.remove(TRANS);

        assertRefusedSession(client.confirm(page), TRANS);
    }

    @Test
    @DisplayName("SelfAsserted without the x-ms-cpim-cache cookie is refused with 403 and counts no password attempt")
    void selfAssertedNeedsCacheCookie() {
        SignInPage page = client.openSignInPage(VERIFIER);
        client.cookies.remove(client.cookies.nameStartingWith(CACHE));
        long attempts = sim.stats().passwordAttempts(SimAccounts.FAMILY_EMAIL);

        Reply response = client.submitPassword(page, SimAccounts.FAMILY_EMAIL, SimAccounts.FAMILY_PASSWORD);

        assertThat(response.status()).isEqualTo(403);
        assertThat(response.json().getString("status")).isEqualTo("403");
        assertThat(sim.stats().passwordAttempts(SimAccounts.FAMILY_EMAIL)).isEqualTo(attempts);
    }

    @Test
    @DisplayName("an x-ms-cpim-* cookie value wrapped in double quotes answers 400 Bad Request on every B2C path")
    void quotedCookieValueIsBadRequest() {
        SignInPage page = signedInPage();
        client.cookies.put(TRANS, "\"" + client.cookies.get(TRANS).orElseThrow() + "\"");

        List<Reply> replies = List.of(client.confirm(page), client.authorize(client.authorizeParams(VERIFIER)),
                client.submitPassword(page, SimAccounts.DEMO_EMAIL, SimAccounts.DEMO_PASSWORD),
                client.redeem("any-code", VERIFIER));

        assertThat(replies).allSatisfy(reply -> {
            assertThat(reply.status()).isEqualTo(400);
            assertThat(reply.body()).contains("<title>Bad Request</title>");
        });
    }

    @Test
    @DisplayName("without the API scope the token response holds an id token but no access token")
    void noAccessTokenWithoutApiScope() {
        Map<String, String> params = client.authorizeParams(VERIFIER);
        params.put("scope", "openid offline_access");
        Map<String, String> form = client.redemption(
                client.signInForCode(params, SimAccounts.DEMO_EMAIL, SimAccounts.DEMO_PASSWORD), VERIFIER);
        form.remove("scope");

        JsonObject tokens = client.token(form).json();

        assertThat(tokens.containsKey("access_token")).isFalse();
        assertThat(tokens.getString("id_token")).isNotBlank();
        assertThat(tokens.getString("refresh_token")).isNotBlank();
    }

    @Test
    @DisplayName("without offline_access the token response holds no refresh token")
    void noRefreshTokenWithoutOfflineAccess() {
        Map<String, String> params = client.authorizeParams(VERIFIER);
        params.put("scope", SimPaths.API_SCOPE + " openid");
        Map<String, String> form = client.redemption(
                client.signInForCode(params, SimAccounts.DEMO_EMAIL, SimAccounts.DEMO_PASSWORD), VERIFIER);
        form.remove("scope");

        JsonObject tokens = client.token(form).json();

        assertThat(tokens.containsKey("refresh_token")).isFalse();
        assertThat(tokens.getString("access_token")).isNotBlank();
    }

    @Test
    @DisplayName("the token response carries client_info, naming account and tenant, when client_info=1 was sent")
    void clientInfoWhenAsked() {
        Map<String, String> params = client.authorizeParams(VERIFIER);
        params.remove("client_info");
        String code = client.signInForCode(params, SimAccounts.DEMO_EMAIL, SimAccounts.DEMO_PASSWORD);
        Map<String, String> form = client.redemption(code, VERIFIER);
        form.put("client_info", "1");

        JsonObject onAuthorize = client.signIn(SimAccounts.DEMO_EMAIL, SimAccounts.DEMO_PASSWORD);
        JsonObject onTokenRequest = client.token(form).json();

        assertThat(List.of(onAuthorize, onTokenRequest)).allSatisfy(tokens -> {
            JsonObject info = SimTestClient.base64UrlJson(tokens.getString("client_info"));
            assertThat(info.getString("uid")).endsWith("-b2c_1a_customer_signup_signin");
            assertThat(info.getString("utid")).isEqualTo(SimPaths.TENANT_ID);
        });
    }

    @Test
    @DisplayName("without client_info=1 on authorize or token request the token response has no client_info")
    void noClientInfoUnlessAsked() {
        Map<String, String> params = client.authorizeParams(VERIFIER);
        params.remove("client_info");

        JsonObject tokens = client.redeem(client.signInForCode(params, SimAccounts.DEMO_EMAIL,
                SimAccounts.DEMO_PASSWORD), VERIFIER).json();

        assertThat(tokens.containsKey("client_info")).isFalse();
        assertThat(tokens.getString("access_token")).isNotBlank();
    }

    @Test
    @DisplayName("the access token's audience is the client id, and its scp the API permission")
    void accessTokenAudienceIsClientId() {
        JsonObject tokens = client.signIn(SimAccounts.DEMO_EMAIL, SimAccounts.DEMO_PASSWORD);

        JsonObject claims = SimTestClient.jwtClaims(tokens.getString("access_token"));
        assertThat(claims.getString("aud")).isEqualTo(SimPaths.CLIENT_ID);
        assertThat(claims.getString("scp")).isEqualTo("user_impersonation");
        assertThat(tokens.getString("resource")).isEqualTo(SimPaths.CLIENT_ID);
    }

    @Test
    @DisplayName("the data API accepts the access token and refuses the id token, though both name the client")
    void dataApiTellsAccessTokenFromIdToken() {
        JsonObject tokens = client.signIn(SimAccounts.DEMO_EMAIL, SimAccounts.DEMO_PASSWORD);
        SimMeter meter = sim.accounts().find(SimAccounts.DEMO_EMAIL).orElseThrow().meters().get(0);

        HttpResponse<Buffer> withAccess = client.history(tokens.getString("access_token"), meter,
                "2025-11-20T00:00:00.000+01:00", "2025-11-20T23:59:59.999+01:00", "4");
        HttpResponse<Buffer> withId = client.history(tokens.getString("id_token"), meter,
                "2025-11-20T00:00:00.000+01:00", "2025-11-20T23:59:59.999+01:00", "4");

        assertThat(withAccess.statusCode()).isEqualTo(200);
        assertThat(withId.statusCode()).isEqualTo(401);
    }

    @Test
    @DisplayName("Vert.x WebClientSession, which keeps only RFC 6265 cookie names, gets no further than a 400 at"
            + " confirmation")
    void webClientSessionIsCaughtAtConfirmation() {
        WebClientSession session = WebClientSession.create(WebClient.create(vertx,
                new WebClientOptions().setFollowRedirects(false)));
        var authorize = session.getAbs(sim.baseUrl() + SimPaths.AUTHORIZE);
        client.authorizeParams(VERIFIER).forEach(authorize::addQueryParam);
        JsonObject settings = SimTestClient.settingsOf(await(authorize.send()).bodyAsString());
        String tenant = sim.baseUrl() + settings.getJsonObject("hosts").getString("tenant");

        HttpResponse<Buffer> accepted = await(session.postAbs(tenant + "/SelfAsserted")
                .addQueryParam("tx", settings.getString("transId"))
                .addQueryParam("p", SimPaths.POLICY)
                .putHeader("X-CSRF-TOKEN", settings.getString("csrf"))
                .putHeader("X-Requested-With", "XMLHttpRequest")
                .sendForm(MultiMap.caseInsensitiveMultiMap().addAll(
                        SimTestClient.credentials(SimAccounts.DEMO_EMAIL, SimAccounts.DEMO_PASSWORD))));
        HttpResponse<Buffer> confirmed = await(session.getAbs(tenant + "/api/" + settings.getString("api")
                        + "/confirmed")
                .addQueryParam("rememberMe", "false")
                .addQueryParam("csrf_token", settings.getString("csrf"))
                .addQueryParam("tx", settings.getString("transId"))
                .addQueryParam("p", SimPaths.POLICY)
                .send());

        assertThat(accepted.bodyAsJsonObject().getString("status")).isEqualTo("200");
        assertThat(confirmed.statusCode()).isEqualTo(400);
        assertThat(confirmed.getHeader("Location")).isNull();
        assertThat(confirmed.bodyAsString()).contains("AADB2C90077: ").contains(SSO);
    }

    /** A sign-in page whose password has just been accepted, so only the confirmation step is left. */
    private SignInPage signedInPage() {
        SignInPage page = client.openSignInPage(VERIFIER);
        Reply accepted = client.submitPassword(page, SimAccounts.DEMO_EMAIL, SimAccounts.DEMO_PASSWORD);
        assertThat(accepted.json().getString("status")).isEqualTo("200");
        return page;
    }

    private static void assertRefusedSession(Reply confirmed, String cookie) {
        assertThat(confirmed.status()).isEqualTo(400);
        assertThat(confirmed.header("Location")).isNull();
        assertThat(confirmed.header("Content-Type")).startsWith("text/html");
        assertThat(confirmed.body()).contains("AADB2C90077: ").contains("'" + cookie + "'");
    }
}
