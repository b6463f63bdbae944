package be.meterkast.fluvius.sim;

import be.meterkast.fluvius.sim.SignInState.AuthorizeRequest;
import be.meterkast.fluvius.sim.SignInState.CodeGrant;
import be.meterkast.fluvius.sim.SignInState.Transaction;
import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The browser-facing steps of the Azure AD B2C sign-in (authorization code with PKCE) of the simulated portal,
 * up to the redirect that carries the code; {@link TokenEndpoint} redeems it. Each step checks what the real
 * tenant checks and fails the way it does: HTML pages for the browser-facing steps, {@code {"status": ...}}
 * JSON for SelfAsserted.
 *
 * <p>It is at least as strict as B2C about cookies, because a client tested only against a lenient simulator
 * fails against the real tenant:
 * <ul>
 * <li>the cookie names and roles of Microsoft's "Azure AD B2C cookie definitions" (learn.microsoft.com):
 *     {@code x-ms-cpim-csrf}, {@code x-ms-cpim-trans}, a request-state {@code x-ms-cpim-cache} cookie and the
 *     {@code x-ms-cpim-sso} session cookie, spelled as in the Cookie header captured from the live Fluvius
 *     sign-in and published with a public script: {@code x-ms-cpim-sso:klanten.onmicrosoft.com/
 *     b2c_1a_customer_signup_signin_0} (not an RFC 6265 token, so strict cookie parsers drop it) and
 *     {@code x-ms-cpim-cache|<id>_0};</li>
 * <li>confirmation needs every one of them, byte for byte (standard base64 values) and current (the
 *     request-state value changes when the password is accepted), or answers an error page;</li>
 * <li>a quoted {@code x-ms-cpim-*} value is answered with 400 Bad Request, as noted in the Home Assistant
 *     integration, which turns cookie quoting off for that reason.</li>
 * </ul>
 */
final class B2cLogin {
    private static final String STATE_PROPERTIES = "StateProperties=";
    private static final String OPENID = "openid";
    /** What B2C answers when the sign-in's session cookies are gone: the user has no session to confirm. */
    private static final String SESSION_ERROR = "AADB2C90077";

    private final SimulatorConfig config;
    private final SimStats stats;
    private final SignInState state;

    B2cLogin(SimulatorConfig config, SimStats stats, SignInState state) {
        this.config = config;
        this.stats = stats;
        this.state = state;
    }

    void countAuthorize(RoutingContext ctx) {
        stats.authorizeRequest();
        ctx.next();
    }

    void authorize(RoutingContext ctx) {
        MultiMap params = ctx.request().params();
        Optional<String> problem = authorizeProblem(ctx, params);
        if (problem.isPresent()) {
            errorPage(ctx, 400, problem.get());
            return;
        }
        Transaction transaction = state.open(new AuthorizeRequest(params.get("client_id"),
                params.get("redirect_uri"), params.get("scope"), params.get("code_challenge"), params.get("state"),
                params.get("nonce"), params.get("login_hint"), "1".equals(params.get("client_info"))));
        B2cCookies.set(ctx, B2cCookies.CSRF, transaction.csrf(), "/");
        B2cCookies.set(ctx, B2cCookies.TRANS, transaction.trans(), "/");
        B2cCookies.set(ctx, transaction.cacheCookie(), transaction.cache(), B2cCookies.TENANT_PATH);
        stats.issued(transaction.csrf(), transaction.trans(), transaction.cache(), transId(transaction));
        JsonObject settings = B2cPages.settings(MsalConfigEndpoint.baseUrl(ctx), transaction.csrf(), transId(transaction),
                SimPaths.SIGN_IN_API);
        html(ctx, 200, B2cPages.signInPage(settings, B2cPages.signInFields(transaction.request().loginHint())));
    }

    void selfAsserted(RoutingContext ctx) {
        Optional<Transaction> transaction = namedTransaction(ctx, ctx.request().getHeader("X-CSRF-TOKEN"))
                .filter(t -> cookieProblem(ctx, t, false).isEmpty());
        if (transaction.isEmpty() || !"XMLHttpRequest".equals(ctx.request().getHeader("X-Requested-With"))) {
            ctx.response().setStatusCode(403);
            ctx.json(new JsonObject().put("status", "403")
                    .put("message", "The request was refused: missing or invalid B2C cookies, CSRF token or tx."));
            return;
        }
        MultiMap form = ctx.request().formAttributes();
        if (!"RESPONSE".equals(form.get("request_type"))) {
            ctx.json(credentialError("AADB2C90049", "Unsupported request_type."));
            return;
        }
        String email = form.get("signInName") == null ? "" : form.get("signInName").trim();
        String password = form.get("password");
        stats.passwordAttempt(email);
        SimAccounts accounts = config.accounts();
        Optional<SimAccount> account = accounts.find(email);
        if (account.isPresent() && accounts.isLocked(email)) {
            ctx.json(credentialError("AADB2C90225",
                    "Your account is temporarily locked to prevent unauthorized use. Try again later."));
        } else if (account.isPresent() && account.get().password().equals(password)) {
            accounts.recordAcceptedPassword(email);
            stats.signIn(email);
            state.authenticate(transaction.get().id(), account.get().email()).ifPresent(signedIn -> {
                B2cCookies.set(ctx, B2cCookies.SSO, signedIn.sso(), B2cCookies.TENANT_PATH);
                B2cCookies.set(ctx, signedIn.cacheCookie(), signedIn.cache(), B2cCookies.TENANT_PATH);
                stats.issued(signedIn.sso(), signedIn.cache());
            });
            ctx.json(new JsonObject().put("status", "200"));
        } else {
            account.ifPresent(a -> accounts.recordWrongPassword(a.email(),
                    config.options().lockoutThreshold(), config.options().lockoutDuration()));
            ctx.json(credentialError("AADB2C90054", "Invalid username or password."));
        }
    }

    void confirmed(RoutingContext ctx) {
        Optional<Transaction> transaction = namedTransaction(ctx, ctx.request().getParam("csrf_token"));
        if (transaction.isEmpty()) {
            errorPage(ctx, 403, "AADB2C90208: The request was refused: missing or invalid csrf_token or tx.");
            return;
        }
        Optional<String> problem = cookieProblem(ctx, transaction.get(), false);
        if (problem.isEmpty() && !transaction.get().authenticated()) {
            problem = Optional.of("The user has not signed in yet in this transaction.");
        }
        if (problem.isEmpty()) {
            problem = cookieProblem(ctx, transaction.get(), true);
        }
        if (problem.isEmpty() && config.options().takeLostSession()) {
            problem = Optional.of("User does not have an existing session and request prompt parameter has a value"
                    + " of 'None'.");
        }
        if (problem.isPresent()) {
            errorPage(ctx, 400, SESSION_ERROR + ": " + problem.get());
            return;
        }
        SimAccount account = config.accounts().find(transaction.get().account()).orElseThrow();
        if (account.mfaRequired()) {
            JsonObject settings = B2cPages.settings(MsalConfigEndpoint.baseUrl(ctx), transaction.get().csrf(),
                    transId(transaction.get()), SimPaths.MFA_API);
            html(ctx, 200, B2cPages.mfaPage(settings));
            return;
        }
        state.confirm(transaction.get().id());
        redirect(ctx, SimPaths.RESUME + "?tx=" + encode(transId(transaction.get())) + "&p=" + SimPaths.POLICY);
    }

    void resume(RoutingContext ctx) {
        Optional<Transaction> transaction = txTransaction(ctx.request().getParam("tx"))
                .filter(t -> t.trans().equals(B2cCookies.received(ctx).get(B2cCookies.TRANS)));
        Optional<CodeGrant> grant = transaction.flatMap(t -> state.issueCode(t.id(), config.options().codeLifetime()));
        if (grant.isEmpty()) {
            errorPage(ctx, 400, "AADB2C90077: There is no completed sign-in to resume.");
            return;
        }
        AuthorizeRequest request = transaction.get().request();
        SimAccount account = config.accounts().find(transaction.get().account()).orElseThrow();
        stats.issued(grant.get().code(), TokenEndpoint.clientInfo(account));
        redirect(ctx, request.redirectUri() + "?state=" + encode(request.state())
                + "&client_info=" + TokenEndpoint.clientInfo(account)
                + "&code=" + encode(grant.get().code()));
    }

    private Optional<String> authorizeProblem(RoutingContext ctx, MultiMap params) {
        String clientId = params.get("client_id");
        if (!SimPaths.CLIENT_ID.equals(clientId)) {
            return Optional.of("AADB2C90057: The application '" + clientId + "' is not registered in this tenant.");
        }
        if (!MsalConfigEndpoint.redirectUri(ctx).equals(params.get("redirect_uri"))) {
            return Optional.of("AADB2C90006: The redirect URI '" + params.get("redirect_uri")
                    + "' provided in the request is not registered for the client id '" + clientId + "'.");
        }
        if (!"code".equals(params.get("response_type"))) {
            return Optional.of("AADB2C90079: response_type must be 'code'.");
        }
        String scope = params.get("scope");
        if (!TokenEndpoint.scopes(scope).contains(OPENID)) {
            return Optional.of("AADB2C90055: The scope '" + scope + "' provided in request must include openid.");
        }
        if (params.get("code_challenge") == null || params.get("code_challenge").isBlank()) {
            return Optional.of("AADB2C99059: The supplied request must present a code_challenge.");
        }
        if (!"S256".equals(params.get("code_challenge_method"))) {
            return Optional.of("AADB2C90183: The supplied code_challenge_method is not supported; use S256.");
        }
        if (params.get("state") == null || params.get("state").isBlank()) {
            return Optional.of("AADB2C90013: The request must carry a state.");
        }
        return Optional.empty();
    }

    /** Answers 400 to a quoted {@code x-ms-cpim-*} cookie on every tenant path, before any step sees it. */
    void refuseQuotedCookies(RoutingContext ctx) {
        if (B2cCookies.anyQuoted(B2cCookies.received(ctx))) {
            ctx.response().setStatusCode(400).putHeader(HttpHeaders.CONTENT_TYPE, "text/html; charset=us-ascii")
                    .end("<!DOCTYPE html><html><head><title>Bad Request</title></head><body><h1>Bad Request</h1>"
                            + "<p>HTTP Error 400. The request is badly formed.</p></body></html>");
        } else {
            ctx.next();
        }
    }

    /**
     * The transaction the request's {@code tx} names, if the request also presents that transaction's CSRF
     * token (header or parameter, depending on the step). The cookies are checked separately, so that a
     * missing cookie can be told apart from a request that never came from the sign-in page.
     */
    private Optional<Transaction> namedTransaction(RoutingContext ctx, String presentedCsrf) {
        return txTransaction(ctx.request().getParam("tx")).filter(t -> t.csrf().equals(presentedCsrf));
    }

    private Optional<Transaction> txTransaction(String tx) {
        return transactionId(tx).flatMap(state::transaction);
    }

    /**
     * Which of the transaction's cookies the request lacks or has changed, if any: csrf, trans and the
     * current request-state value always; the SSO session too once the password has been accepted.
     */
    private static Optional<String> cookieProblem(RoutingContext ctx, Transaction transaction, boolean withSession) {
        Map<String, String> cookies = B2cCookies.received(ctx);
        Map<String, String> expected = new LinkedHashMap<>();
        expected.put(B2cCookies.CSRF, transaction.csrf());
        expected.put(B2cCookies.TRANS, transaction.trans());
        expected.put(transaction.cacheCookie(), transaction.cache());
        if (withSession) {
            expected.put(B2cCookies.SSO, transaction.sso());
        }
        return expected.entrySet().stream()
                .filter(e -> !e.getValue().equals(cookies.get(e.getKey())))
                .findFirst()
                .map(e -> "The session of this sign-in is missing or has expired: cookie '" + e.getKey() + "' "
                        + (cookies.containsKey(e.getKey()) ? "does not hold its current value." : "was not sent."));
    }

    /** {@code tx} is {@code StateProperties=} and base64url JSON naming the transaction as {@code TID}. */
    private static Optional<String> transactionId(String tx) {
        if (tx == null || !tx.startsWith(STATE_PROPERTIES)) {
            return Optional.empty();
        }
        try {
            byte[] json = Base64.getUrlDecoder().decode(tx.substring(STATE_PROPERTIES.length()));
            return Optional.ofNullable(new JsonObject(new String(json, StandardCharsets.UTF_8)).getString("TID"));
        } catch (IllegalArgumentException | DecodeException | ClassCastException e) {
            return Optional.empty();
        }
    }

    private static String transId(Transaction transaction) {
        return STATE_PROPERTIES + TokenEndpoint.base64Url(new JsonObject().put("TID", transaction.id()).encode());
    }

    private static JsonObject credentialError(String code, String message) {
        return new JsonObject().put("status", "400").put("errorCode", code).put("message", message);
    }

    private static void errorPage(RoutingContext ctx, int status, String message) {
        int colon = message.indexOf(':');
        html(ctx, status, B2cPages.errorPage(message.substring(0, colon), message.substring(colon + 1).trim()));
    }

    private static void html(RoutingContext ctx, int status, String page) {
        ctx.response().setStatusCode(status).putHeader(HttpHeaders.CONTENT_TYPE, "text/html; charset=utf-8").end(page);
    }

    private static void redirect(RoutingContext ctx, String location) {
        ctx.response().setStatusCode(302).putHeader(HttpHeaders.LOCATION, location).end();
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
