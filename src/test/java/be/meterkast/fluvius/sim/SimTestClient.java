package be.meterkast.fluvius.sim;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.ext.web.client.WebClientSession;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Drives the simulator over real HTTP from the JUnit thread, one sign-in step per method, with one cookie jar
 * per client like a browser. Redirects are not followed so each hop can be checked.
 */
final class SimTestClient {
    static final String VERIFIER = "dBjftJeZ4CVP-mJ92K27uhbUJU1p1r_wW1gFWFOEjXk-simulator-test";
    static final String STATE = "state-1234";
    private static final Pattern SETTINGS = Pattern.compile("^\\s*var SETTINGS = (\\{.*});$", Pattern.MULTILINE);
    private static final Pattern SA_FIELDS = Pattern.compile("^\\s*var SA_FIELDS = (\\{.*});$", Pattern.MULTILINE);

    final FluviusSimulator sim;
    final WebClientSession web;

    /** The sign-in page as a client sees it. */
    record SignInPage(HttpResponse<Buffer> response, JsonObject settings, JsonObject fields) {
        String csrf() {
            return settings.getString("csrf");
        }

        String transId() {
            return settings.getString("transId");
        }
    }

    SimTestClient(Vertx vertx, FluviusSimulator sim) {
        this.sim = sim;
        this.web = WebClientSession.create(WebClient.create(vertx, new WebClientOptions().setFollowRedirects(false)));
    }

    static <T> T await(Future<T> future) {
        try {
            return future.await(20, TimeUnit.SECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError("no answer from the simulator within 20 s", e);
        }
    }

    HttpResponse<Buffer> get(String path) {
        return await(web.getAbs(sim.baseUrl() + path).send());
    }

    JsonObject msalConfig() {
        return get(SimPaths.MSAL_CONFIG).bodyAsJsonObject();
    }

    Map<String, String> authorizeParams(String verifier) {
        Map<String, String> params = new HashMap<>();
        params.put("client_id", SimPaths.CLIENT_ID);
        params.put("redirect_uri", sim.baseUrl() + "/");
        params.put("response_type", "code");
        params.put("response_mode", "query");
        params.put("scope", SimPaths.API_SCOPE + " openid offline_access");
        params.put("code_challenge", B2cLogin.s256(verifier));
        params.put("code_challenge_method", "S256");
        params.put("state", STATE);
        params.put("nonce", "nonce-5678");
        params.put("prompt", "login");
        params.put("client_info", "1");
        return params;
    }

    HttpResponse<Buffer> authorize(Map<String, String> params) {
        HttpRequest<Buffer> request = web.getAbs(sim.baseUrl() + SimPaths.AUTHORIZE);
        params.forEach(request::addQueryParam);
        return await(request.send());
    }

    SignInPage openSignInPage(String verifier) {
        HttpResponse<Buffer> response = authorize(authorizeParams(verifier));
        if (response.statusCode() != 200) {
            throw new AssertionError("authorize answered " + response.statusCode() + ": " + response.bodyAsString());
        }
        return new SignInPage(response, script(SETTINGS, response.bodyAsString()),
                script(SA_FIELDS, response.bodyAsString()));
    }

    static JsonObject script(Pattern pattern, String html) {
        Matcher matcher = pattern.matcher(html);
        if (!matcher.find()) {
            throw new AssertionError("no " + pattern + " in page");
        }
        return new JsonObject(matcher.group(1));
    }

    static JsonObject settingsOf(String html) {
        return script(SETTINGS, html);
    }

    HttpResponse<Buffer> submitPassword(SignInPage page, String email, String password) {
        return await(selfAssertedRequest(page)
                .putHeader("X-CSRF-TOKEN", page.csrf())
                .putHeader("X-Requested-With", "XMLHttpRequest")
                .sendForm(credentials(email, password)));
    }

    HttpRequest<Buffer> selfAssertedRequest(SignInPage page) {
        return web.postAbs(sim.baseUrl() + page.settings().getJsonObject("hosts").getString("tenant") + "/SelfAsserted")
                .addQueryParam("tx", page.transId())
                .addQueryParam("p", page.settings().getJsonObject("hosts").getString("policy"));
    }

    static io.vertx.core.MultiMap credentials(String email, String password) {
        return io.vertx.core.MultiMap.caseInsensitiveMultiMap()
                .add("request_type", "RESPONSE").add("signInName", email).add("password", password);
    }

    HttpResponse<Buffer> confirm(SignInPage page) {
        return await(web.getAbs(sim.baseUrl() + page.settings().getJsonObject("hosts").getString("tenant")
                        + "/api/" + page.settings().getString("api") + "/confirmed")
                .addQueryParam("rememberMe", "false")
                .addQueryParam("csrf_token", page.csrf())
                .addQueryParam("tx", page.transId())
                .addQueryParam("p", page.settings().getJsonObject("hosts").getString("policy"))
                .send());
    }

    /** Follows Location hops by hand, resolving relative ones, until one carries the code. */
    Map<String, String> followToCode(HttpResponse<Buffer> response) {
        URI current = URI.create(sim.baseUrl() + "/");
        for (int hop = 0; hop < 5; hop++) {
            if (response.statusCode() != 302) {
                throw new AssertionError("expected a redirect, got " + response.statusCode());
            }
            URI next = current.resolve(response.getHeader("Location"));
            Map<String, String> query = query(next);
            if (query.containsKey("code")) {
                return query;
            }
            current = next;
            response = await(web.getAbs(next.toString()).send());
        }
        throw new AssertionError("no code after 5 redirects");
    }

    static Map<String, String> query(URI uri) {
        Map<String, String> query = new HashMap<>();
        if (uri.getRawQuery() != null) {
            for (String pair : uri.getRawQuery().split("&")) {
                String[] kv = pair.split("=", 2);
                query.put(decode(kv[0]), kv.length > 1 ? decode(kv[1]) : "");
            }
        }
        return query;
    }

    HttpResponse<Buffer> redeem(String code, String verifier) {
        return await(web.postAbs(sim.baseUrl() + SimPaths.TOKEN).sendForm(io.vertx.core.MultiMap
                .caseInsensitiveMultiMap()
                .add("grant_type", "authorization_code")
                .add("client_id", SimPaths.CLIENT_ID)
                .add("code", code)
                .add("redirect_uri", sim.baseUrl() + "/")
                .add("code_verifier", verifier)
                .add("scope", SimPaths.API_SCOPE + " openid offline_access")));
    }

    HttpResponse<Buffer> refresh(String refreshToken) {
        return await(web.postAbs(sim.baseUrl() + SimPaths.TOKEN).sendForm(io.vertx.core.MultiMap
                .caseInsensitiveMultiMap()
                .add("grant_type", "refresh_token")
                .add("client_id", SimPaths.CLIENT_ID)
                .add("refresh_token", refreshToken)
                .add("scope", SimPaths.API_SCOPE + " openid offline_access")));
    }

    /** The code of a complete sign-in up to (not including) the token call. */
    String signInForCode(String email, String password) {
        SignInPage page = openSignInPage(VERIFIER);
        JsonObject accepted = submitPassword(page, email, password).bodyAsJsonObject();
        if (!"200".equals(accepted.getString("status"))) {
            throw new AssertionError("sign-in refused: " + accepted);
        }
        return followToCode(confirm(page)).get("code");
    }

    /** The whole sign-in; returns the token response. */
    JsonObject signIn(String email, String password) {
        HttpResponse<Buffer> tokens = redeem(signInForCode(email, password), VERIFIER);
        if (tokens.statusCode() != 200) {
            throw new AssertionError("token call answered " + tokens.statusCode() + ": " + tokens.bodyAsString());
        }
        return tokens.bodyAsJsonObject();
    }

    HttpResponse<Buffer> history(String token, SimMeter meter, String from, String until, String granularity) {
        HttpRequest<Buffer> request = web.getAbs(sim.baseUrl() + "/verbruik/api/meter-measurement-history/" + meter.ean())
                .addQueryParam("historyFrom", from)
                .addQueryParam("historyUntil", until)
                .addQueryParam("granularity", granularity)
                .addQueryParam("asServiceProvider", "false")
                .addQueryParam("meterSerialNumber", meter.serial());
        if (token != null) {
            request.bearerTokenAuthentication(token);
        }
        return await(request.send());
    }

    HttpResponse<Buffer> spikes(String token, SimMeter meter, String from, String until) {
        return await(web.getAbs(sim.baseUrl() + "/verbruik/api/meter-measurement-spikes/" + meter.ean())
                .addQueryParam("historyFrom", from)
                .addQueryParam("historyUntil", until)
                .addQueryParam("asServiceProvider", "false")
                .addQueryParam("meterSerialNumber", meter.serial())
                .bearerTokenAuthentication(token)
                .send());
    }

    static JsonObject jwtClaims(String jwt) {
        String payload = jwt.split("\\.")[1];
        return new JsonObject(new String(Base64.getUrlDecoder().decode(payload), StandardCharsets.UTF_8));
    }

    static Instant epoch(long seconds) {
        return Instant.ofEpochSecond(seconds);
    }

    private static String decode(String text) {
        return java.net.URLDecoder.decode(text, StandardCharsets.UTF_8);
    }
}
