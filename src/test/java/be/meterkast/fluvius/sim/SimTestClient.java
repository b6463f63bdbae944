package be.meterkast.fluvius.sim;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Drives the simulator over real HTTP from the JUnit thread, one sign-in step per method. The sign-in goes
 * through the JDK's HttpClient with no cookie handler and the hand-written {@link BrowserCookies}, so it
 * shares no cookie code with Meterkast's client nor with Vert.x: what the simulator demands of cookies is
 * checked against what a browser does, not against another implementation of the same blind spots.
 * Redirects are not followed so each hop can be checked. The data API needs no cookies and stays on Vert.x.
 */
final class SimTestClient {
    static final String VERIFIER = "dBjftJeZ4CVP-mJ92K27uhbUJU1p1r_wW1gFWFOEjXk-simulator-test";
    static final String STATE = "state-1234";
    static final String SCOPES = SimPaths.API_SCOPE + " openid offline_access";
    private static final Duration TIMEOUT = Duration.ofSeconds(20);
    private static final Pattern SETTINGS = Pattern.compile("^\\s*var SETTINGS = (\\{.*});$", Pattern.MULTILINE);
    private static final Pattern SA_FIELDS = Pattern.compile("^\\s*var SA_FIELDS = (\\{.*});$", Pattern.MULTILINE);

    final FluviusSimulator sim;
    final WebClient web;
    final BrowserCookies cookies = new BrowserCookies();
    private final HttpClient http = HttpClient.newBuilder()
            .followRedirects(HttpClient.Redirect.NEVER)
            // HTTP/2 may split the Cookie header into several fields; one header line is what B2C sees.
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(TIMEOUT)
            .build();

    /** One answer of the sign-in, as read off the wire. */
    record Reply(int status, HttpHeaders headers, String body) {
        String header(String name) {
            return headers.firstValue(name).orElse(null);
        }

        List<String> setCookies() {
            return headers.allValues("Set-Cookie");
        }

        JsonObject json() {
            return new JsonObject(body);
        }
    }

    /** The sign-in page as a client sees it. */
    record SignInPage(Reply response, JsonObject settings, JsonObject fields) {
        String csrf() {
            return settings.getString("csrf");
        }

        String transId() {
            return settings.getString("transId");
        }

        String tenant() {
            return settings.getJsonObject("hosts").getString("tenant");
        }

        String policy() {
            return settings.getJsonObject("hosts").getString("policy");
        }
    }

    SimTestClient(Vertx vertx, FluviusSimulator sim) {
        this.sim = sim;
        this.web = WebClient.create(vertx);
    }

    static <T> T await(Future<T> future) {
        try {
            return future.await(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            throw new AssertionError("no answer from the simulator within " + TIMEOUT.toSeconds() + " s", e);
        }
    }

    /** A path on the simulator or an absolute URL, with this client's cookies. */
    Reply get(String pathOrUrl) {
        return send(java.net.http.HttpRequest.newBuilder(uri(pathOrUrl)).GET());
    }

    Reply post(String path, Map<String, String> headers, Map<String, String> form) {
        java.net.http.HttpRequest.Builder request = java.net.http.HttpRequest.newBuilder(uri(path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(formEncode(form)));
        headers.forEach(request::header);
        return send(request);
    }

    /** Sends the cookies a browser would send and keeps the ones the answer sets. */
    private Reply send(java.net.http.HttpRequest.Builder request) {
        cookies.header().ifPresent(header -> request.header("Cookie", header));
        try {
            java.net.http.HttpResponse<String> response = http.send(request.timeout(TIMEOUT).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
            cookies.receive(response.headers().allValues("Set-Cookie"));
            return new Reply(response.statusCode(), response.headers(), response.body());
        } catch (IOException e) {
            throw new AssertionError("the simulator could not be reached", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while waiting for the simulator", e);
        }
    }

    JsonObject msalConfig() {
        return get(SimPaths.MSAL_CONFIG).json();
    }

    Map<String, String> authorizeParams(String verifier) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("client_id", SimPaths.CLIENT_ID);
        params.put("redirect_uri", sim.baseUrl() + "/");
        params.put("response_type", "code");
        params.put("response_mode", "query");
        params.put("scope", SCOPES);
        params.put("code_challenge", TokenEndpoint.s256(verifier));
        params.put("code_challenge_method", "S256");
        params.put("state", STATE);
        params.put("nonce", "nonce-5678");
        params.put("prompt", "login");
        params.put("client_info", "1");
        return params;
    }

    Reply authorize(Map<String, String> params) {
        return get(SimPaths.AUTHORIZE + "?" + formEncode(params));
    }

    SignInPage openSignInPage(String verifier) {
        return openSignInPage(authorizeParams(verifier));
    }

    SignInPage openSignInPage(Map<String, String> params) {
        Reply response = authorize(params);
        if (response.status() != 200) {
            throw new AssertionError("authorize answered " + response.status() + ": " + response.body());
        }
        return new SignInPage(response, script(SETTINGS, response.body()), script(SA_FIELDS, response.body()));
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

    Reply submitPassword(SignInPage page, String email, String password) {
        return selfAsserted(page, Map.of("X-CSRF-TOKEN", page.csrf(), "X-Requested-With", "XMLHttpRequest"),
                credentials(email, password));
    }

    Reply selfAsserted(SignInPage page, Map<String, String> headers, Map<String, String> form) {
        return post(page.tenant() + "/SelfAsserted?tx=" + encode(page.transId()) + "&p=" + encode(page.policy()),
                headers, form);
    }

    static Map<String, String> credentials(String email, String password) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("request_type", "RESPONSE");
        form.put("signInName", email);
        form.put("password", password);
        return form;
    }

    Reply confirm(SignInPage page) {
        return get(page.tenant() + "/api/" + page.settings().getString("api") + "/confirmed?rememberMe=false"
                + "&csrf_token=" + encode(page.csrf()) + "&tx=" + encode(page.transId())
                + "&p=" + encode(page.policy()));
    }

    /** Follows Location hops by hand, resolving relative ones, until one carries the code. */
    Map<String, String> followToCode(Reply response) {
        URI current = URI.create(sim.baseUrl() + "/");
        for (int hop = 0; hop < 5; hop++) {
            if (response.status() != 302) {
                throw new AssertionError("expected a redirect, got " + response.status() + ": " + response.body());
            }
            URI next = current.resolve(response.header("Location"));
            Map<String, String> query = query(next);
            if (query.containsKey("code")) {
                return query;
            }
            current = next;
            response = get(next.toString());
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

    Reply redeem(String code, String verifier) {
        return token(redemption(code, verifier));
    }

    /** The form of a code redemption; tests change or drop fields before sending it with {@link #token}. */
    Map<String, String> redemption(String code, String verifier) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "authorization_code");
        form.put("client_id", SimPaths.CLIENT_ID);
        form.put("code", code);
        form.put("redirect_uri", sim.baseUrl() + "/");
        form.put("code_verifier", verifier);
        form.put("scope", SCOPES);
        return form;
    }

    Reply refresh(String refreshToken) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "refresh_token");
        form.put("client_id", SimPaths.CLIENT_ID);
        form.put("refresh_token", refreshToken);
        form.put("scope", SCOPES);
        return token(form);
    }

    Reply token(Map<String, String> form) {
        return post(SimPaths.TOKEN, Map.of(), form);
    }

    /** The code of a complete sign-in up to (not including) the token call. */
    String signInForCode(String email, String password) {
        return signInForCode(authorizeParams(VERIFIER), email, password);
    }

    String signInForCode(Map<String, String> authorizeParams, String email, String password) {
        SignInPage page = openSignInPage(authorizeParams);
        Reply accepted = submitPassword(page, email, password);
        if (!"200".equals(accepted.json().getString("status"))) {
            throw new AssertionError("sign-in refused: " + accepted.body());
        }
        return followToCode(confirm(page)).get("code");
    }

    /** The whole sign-in; returns the token response. */
    JsonObject signIn(String email, String password) {
        Reply tokens = redeem(signInForCode(email, password), VERIFIER);
        if (tokens.status() != 200) {
            throw new AssertionError("token call answered " + tokens.status() + ": " + tokens.body());
        }
        return tokens.json();
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
        return base64UrlJson(jwt.split("\\.")[1]);
    }

    static JsonObject base64UrlJson(String text) {
        return new JsonObject(new String(Base64.getUrlDecoder().decode(text), StandardCharsets.UTF_8));
    }

    private URI uri(String pathOrUrl) {
        return URI.create(pathOrUrl.startsWith("http") ? pathOrUrl : sim.baseUrl() + pathOrUrl);
    }

    private static String formEncode(Map<String, String> fields) {
        return fields.entrySet().stream().map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
                .collect(Collectors.joining("&"));
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    private static String decode(String text) {
        return URLDecoder.decode(text, StandardCharsets.UTF_8);
    }
}
