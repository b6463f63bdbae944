package be.meterkast.fluvius;

import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.core.buffer.Buffer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * Signs in to Fluvius the way its website does: Azure AD B2C authorization code flow with PKCE, over plain
 * HTTP with one {@link CookieJar} per attempt (never shared between accounts). All sign-in knowledge lives
 * here, one method and one kind of failure per step, so a change on Fluvius' side (it may move away from B2C)
 * is mended in one place. Every request and answer is written, redacted, to the attempt's {@link SignInTrace}.
 */
final class B2cSignIn {
    private static final Logger LOG = LoggerFactory.getLogger(B2cSignIn.class);

    /**
     * How long refreshes use the MSAL configuration the last sign-in or refresh fetched. Fluvius changes it
     * now and then, not between two refreshes; a refresh that fails as if it had changed fetches it anew.
     */
    static final Duration CONFIG_REUSE = Duration.ofHours(12);

    private final WebClient web;
    private final FluviusOptions options;
    private final Clock clock;
    /** The configuration last fetched and when; shared by every account this client signs in. */
    private final AtomicReference<FetchedConfig> lastConfig = new AtomicReference<>();

    private record FetchedConfig(MsalConfig config, Instant fetchedAt) {
    }

    /**
     * A refresh that failed the way a changed configuration makes it fail (another client id, authority or
     * scope): worth one more try with a freshly fetched configuration. Never leaves this class.
     */
    private static final class StaleConfig extends RuntimeException {
        private final FluviusException failure;

        StaleConfig(FluviusException failure) {
            super(failure.getMessage(), failure, false, false);
            this.failure = failure;
        }
    }

    B2cSignIn(WebClient web, FluviusOptions options, Clock clock) {
        this.web = web;
        this.options = options;
        this.clock = clock;
    }

    Future<Tokens> signIn(Credentials credentials, boolean rememberMe, SignInTrace trace) {
        B2cExchange attempt = new B2cExchange(web, options, clock, trace);
        Pkce pkce = Pkce.generate();
        String state = Pkce.randomToken(24);
        String nonce = Pkce.randomToken(24);
        return fetchConfig(attempt).compose(config ->
                openSignInPage(attempt, config, pkce, state, nonce, credentials.email())
                        .compose(page -> submitCredentials(attempt, config, page, credentials)
                                .compose(v -> confirm(attempt, config, page, rememberMe, state)))
                        .compose(code -> redeemCode(attempt, config, code, pkce)))
                .andThen(result -> {
                    if (result.succeeded()) {
                        trace.succeeded();
                    } else {
                        trace.failed(result.cause());
                    }
                });
    }

    /**
     * The refresh grant with the configuration kept from the last sign-in (fetched only when there is none
     * or it is older than {@link #CONFIG_REUSE}); when the token endpoint answers as if the configuration had
     * changed, once more with a fresh one.
     */
    Future<Tokens> refresh(String refreshToken) {
        B2cExchange attempt = new B2cExchange(web, options, clock, new SignInTrace(clock, options.portalBase()));
        FetchedConfig kept = lastConfig.get();
        if (kept == null || !kept.fetchedAt().plus(CONFIG_REUSE).isAfter(clock.instant())) {
            return fetchConfig(attempt).compose(config -> refreshWith(attempt, config, refreshToken))
                    .recover(B2cSignIn::unwrapStale);
        }
        return refreshWith(attempt, kept.config(), refreshToken).recover(err -> {
            if (!(err instanceof StaleConfig)) {
                return Future.failedFuture(err);
            }
            LOG.info("Token refresh failed with the kept sign-in configuration ({}); fetching it again",
                    err.getMessage());
            lastConfig.compareAndSet(kept, null);
            return fetchConfig(attempt).compose(config -> refreshWith(attempt, config, refreshToken));
        }).recover(B2cSignIn::unwrapStale);
    }

    private Future<Tokens> refreshWith(B2cExchange attempt, MsalConfig config, String refreshToken) {
        log(5, "refreshing the access token");
        MultiMap form = MultiMap.caseInsensitiveMultiMap()
                .add("client_id", config.clientId())
                .add("scope", config.scopeParameter())
                .add("refresh_token", refreshToken)
                .add("grant_type", "refresh_token");
        return tokenRequest(attempt, config, form, true);
    }

    private static Future<Tokens> unwrapStale(Throwable err) {
        return Future.failedFuture(err instanceof StaleConfig stale ? stale.failure : err);
    }

    /**
     * Step 1: the MSAL configuration, fresh for every sign-in because Fluvius rotates it; kept for the
     * refreshes that follow.
     */
    private Future<MsalConfig> fetchConfig(B2cExchange attempt) {
        String url = options.portalBase() + "/api/global/msal/config";
        log(1, "fetching sign-in configuration");
        return attempt.send(HttpMethod.GET, url, r -> r.putHeader("Accept", "application/json"), null,
                "sign-in configuration").map(response -> {
                    B2cExchange.failOnStatus(response, "MSAL config", 200);
                    JsonObject json;
                    try {
                        json = response.bodyAsJsonObject();
                    } catch (DecodeException | ClassCastException e) {
                        json = null;
                    }
                    if (json == null) {
                        throw new FluviusException.PortalChanged("MSAL config", "the configuration is not JSON");
                    }
                    attempt.trace().shape("msalConfig", json);
                    MsalConfig config = MsalConfig.parse(json);
                    lastConfig.set(new FetchedConfig(config, clock.instant()));
                    return config;
                });
    }

    /** Step 2: the B2C sign-in page, which sets the CSRF and transaction cookies. */
    private Future<B2cPage> openSignInPage(B2cExchange attempt, MsalConfig config, Pkce pkce, String state,
                                           String nonce, String loginHint) {
        log(2, "opening the sign-in page");
        Consumer<HttpRequest<Buffer>> query = request -> request
                .addQueryParam("client_id", config.clientId())
                .addQueryParam("redirect_uri", config.redirectUri())
                .addQueryParam("response_type", "code")
                .addQueryParam("response_mode", "query")
                .addQueryParam("scope", config.scopeParameter())
                .addQueryParam("code_challenge", pkce.challenge())
                .addQueryParam("code_challenge_method", "S256")
                .addQueryParam("state", state)
                .addQueryParam("nonce", nonce)
                .addQueryParam("prompt", "login")
                .addQueryParam("client_info", "1")
                .addQueryParam("login_hint", loginHint)
                .putHeader("Accept", "text/html");
        return attempt.send(HttpMethod.GET, config.authorizeEndpoint(), query, null, "sign-in page").map(response -> {
            B2cExchange.failOnStatus(response, "sign-in page", 200);
            String html = response.bodyAsString();
            B2cPage.object(html == null ? "" : html, "SETTINGS").ifPresent(s -> attempt.trace().shape("SETTINGS", s));
            return B2cPage.parse(html == null ? "" : html);
        });
    }

    /** Step 3: post the credentials as the page's script would. Never repeated for the same password. */
    private Future<Void> submitCredentials(B2cExchange attempt, MsalConfig config, B2cPage page,
                                           Credentials credentials) {
        log(3, "submitting credentials");
        Consumer<HttpRequest<Buffer>> headers = request -> request
                .addQueryParam("tx", page.transId())
                .addQueryParam("p", page.policy())
                .putHeader("X-CSRF-TOKEN", page.csrf())
                .putHeader("X-Requested-With", "XMLHttpRequest")
                .putHeader("Accept", "application/json, text/javascript, */*; q=0.01");
        MultiMap form = MultiMap.caseInsensitiveMultiMap()
                .add("request_type", "RESPONSE")
                .add(page.loginField(), credentials.email())
                .add(page.passwordField(), credentials.password());
        String url = config.authorityOrigin() + page.tenant() + "/SelfAsserted";
        return attempt.send(HttpMethod.POST, url, headers, form, "credential check").map(response -> {
            B2cExchange.failOnStatus(response, "credential check", 200);
            JsonObject body;
            try {
                body = response.bodyAsJsonObject();
            } catch (DecodeException e) {
                throw new FluviusException.PortalChanged("credential check", "the answer is not JSON");
            }
            if (body == null || body.getValue("status") == null) {
                throw new FluviusException.PortalChanged("credential check", "the answer has no status");
            }
            if ("200".equals(String.valueOf(body.getValue("status")))) {
                return null;
            }
            throw B2cAnswers.rejection(body.getString("errorCode"), body.getString("message"));
        });
    }

    /** Step 4: confirm, then follow the redirects by hand until one carries the authorization code. */
    private Future<String> confirm(B2cExchange attempt, MsalConfig config, B2cPage page, boolean rememberMe,
                                   String state) {
        log(4, "confirming the sign-in");
        String url = config.authorityOrigin() + page.tenant() + "/api/" + page.api() + "/confirmed";
        Consumer<HttpRequest<Buffer>> query = request -> request
                .addQueryParam("rememberMe", Boolean.toString(rememberMe))
                .addQueryParam("csrf_token", page.csrf())
                .addQueryParam("tx", page.transId())
                .addQueryParam("p", page.policy());
        return attempt.send(HttpMethod.GET, url, query, null, "sign-in confirmation")
                .compose(response -> followToCode(attempt, url, response, state, 0));
    }

    private Future<String> followToCode(B2cExchange attempt, String currentUrl, HttpResponse<Buffer> response,
                                        String state, int hops) {
        int status = response.statusCode();
        FluviusException down = HttpOutcomes.throttledOrDown(response, "sign-in confirmation");
        if (down != null) {
            return Future.failedFuture(down);
        }
        if (status == 200) {
            return Future.failedFuture(new FluviusException.InteractionRequired(B2cAnswers.describeExtraStep(response)));
        }
        String location = response.getHeader("Location");
        if (status >= 400) {
            Optional<B2cError> error = B2cError.in(response.bodyAsString());
            if (error.isPresent()) {
                return Future.failedFuture(new FluviusException.SignInError("sign-in confirmation", status, error.get()));
            }
        }
        if (status < 300 || status >= 400 || location == null) {
            return Future.failedFuture(new FluviusException.PortalChanged("sign-in confirmation",
                    "unexpected HTTP " + status + (location == null ? " without a redirect" : "") + B2cExchange.saidBy(response)));
        }
        URI next = URI.create(currentUrl).resolve(location.trim());
        Map<String, String> query = B2cAnswers.queryOf(next);
        if (query.containsKey("error")) {
            return Future.failedFuture(B2cAnswers.redirectError(query));
        }
        if (query.containsKey("code")) {
            if (!state.equals(query.get("state"))) {
                return Future.failedFuture(new FluviusException.PortalChanged("sign-in confirmation",
                        "the redirect's state does not match the request (possible tampering)"));
            }
            return Future.succeededFuture(query.get("code"));
        }
        if (hops + 1 >= options.maxRedirects()) {
            return Future.failedFuture(new FluviusException.PortalChanged("sign-in confirmation",
                    "more than " + options.maxRedirects() + " redirects without an authorization code"));
        }
        LOG.debug("Following redirect to {}", Redact.url(next.toString()));
        return attempt.send(HttpMethod.GET, next.toString(), r -> { }, null, "sign-in redirect")
                .compose(r -> followToCode(attempt, next.toString(), r, state, hops + 1));
    }

    /** Step 5: trade the code and the PKCE verifier for tokens. */
    private Future<Tokens> redeemCode(B2cExchange attempt, MsalConfig config, String code, Pkce pkce) {
        log(5, "redeeming the authorization code");
        MultiMap form = MultiMap.caseInsensitiveMultiMap()
                .add("client_id", config.clientId())
                .add("scope", config.scopeParameter())
                .add("code", code)
                .add("redirect_uri", config.redirectUri())
                .add("grant_type", "authorization_code")
                .add("code_verifier", pkce.verifier());
        return tokenRequest(attempt, config, form, false);
    }

    private Future<Tokens> tokenRequest(B2cExchange attempt, MsalConfig config, MultiMap form, boolean refresh) {
        String step = refresh ? "token refresh" : "token exchange";
        return attempt.send(HttpMethod.POST, config.tokenEndpoint(), r -> r.putHeader("Accept", "application/json"),
                form, step).map(response -> {
                    FluviusException down = HttpOutcomes.throttledOrDown(response, step);
                    if (down != null) {
                        throw down;
                    }
                    JsonObject body;
                    try {
                        body = response.bodyAsJsonObject();
                    } catch (DecodeException e) {
                        throw staleIfRefresh(refresh,
                                new FluviusException.PortalChanged(step, "HTTP " + response.statusCode() + ", not JSON"));
                    }
                    if (response.statusCode() != 200 || body == null || body.getString("access_token") == null) {
                        String code = body == null ? "" : body.getString("error", "");
                        String error = code + " " + (body == null ? "" : body.getString("error_description", ""));
                        if (refresh && response.statusCode() == 400) {
                            FluviusException refused = new FluviusException.Unauthorized("refresh token refused: "
                                    + error.strip());
                            // invalid_grant is about the refresh token itself; the others name the client or scope
                            throw "invalid_grant".equals(code) ? refused : new StaleConfig(refused);
                        }
                        throw staleIfRefresh(refresh, new FluviusException.PortalChanged(step, "HTTP "
                                + response.statusCode() + " " + error.strip()));
                    }
                    long expiresIn = body.getValue("expires_in") instanceof Number n ? n.longValue()
                            : parseLong(body.getValue("expires_in"), 3600);
                    Instant issuedAt = clock.instant();
                    Instant expiresAt = issuedAt.plusSeconds(expiresIn);
                    LOG.info("Signed in; access token valid until {}", expiresAt);
                    return new Tokens(body.getString("access_token"), body.getString("refresh_token"),
                            body.getString("id_token"), body.getString("token_type", "Bearer"), expiresAt, issuedAt);
                });
    }

    /** A token endpoint that is gone or answers nonsense may have moved with the configuration. */
    private static RuntimeException staleIfRefresh(boolean refresh, FluviusException failure) {
        return refresh ? new StaleConfig(failure) : failure;
    }

    private static long parseLong(Object value, long fallback) {
        try {
            return value == null ? fallback : Long.parseLong(value.toString());
        } catch (NumberFormatException e) {
            return fallback;
        }
    }

    private static void log(int step, String what) {
        LOG.info("Sign-in step {}/5: {}", step, what);
    }
}
