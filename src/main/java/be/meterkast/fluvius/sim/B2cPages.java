package be.meterkast.fluvius.sim;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.UUID;

/**
 * The HTML pages of the simulated B2C tenant. They imitate the real self-asserted pages closely enough that
 * a client must find {@code var SETTINGS = {...};} and {@code var SA_FIELDS = {...};} among other scripts.
 */
final class B2cPages {
    private B2cPages() {
    }

    static JsonObject settings(String base, String csrf, String transId, String api) {
        return new JsonObject()
                .put("remoteResource", base + "/static/selfAsserted.html")
                .put("retryLimit", 3)
                .put("trimSpacesInPassword", true)
                .put("api", api)
                .put("csrf", csrf)
                .put("transId", transId)
                .put("pageViewId", SignInState.randomId(12))
                .put("suppressElementCss", false)
                .put("isPageViewIdSentWithHeader", false)
                .put("allowAutoFocusOnPasswordField", true)
                .put("pageMode", 0)
                .put("config", new JsonObject()
                        .put("showSignupLink", "False")
                        .put("sendHintOnSignup", "False")
                        .put("forgotPasswordLinkLocation", "AfterLabel")
                        .put("operatingMode", "Email"))
                .put("hosts", new JsonObject()
                        .put("tenant", SimPaths.TENANT)
                        .put("policy", SimPaths.POLICY)
                        .put("static", base + "/static/"))
                .put("locale", new JsonObject().put("lang", "nl").put("country", "BE"))
                .put("xhrSettings", new JsonObject()
                        .put("retryEnabled", true)
                        .put("retryMaxAttempts", 3)
                        .put("retryDelay", 200)
                        .put("retryExponent", 2)
                        .put("retryOn", new JsonArray().add("error").add("timeout")));
    }

    static JsonObject signInFields(String loginHint) {
        return new JsonObject().put("AttributeFields", new JsonArray()
                .add(field("signInName", "E-mailadres", false, loginHint == null ? "" : loginHint)
                        .put("IS_EMAIL", true)
                        .put("PAT", "^[a-zA-Z0-9.!#$%&'*+/=?^_`{|}~-]+@[a-zA-Z0-9-]+(?:\\.[a-zA-Z0-9-]+)*$")
                        .put("PAT_DESC", "Geef een geldig e-mailadres op.")
                        .put("UX_INPUT_TYPE", "EmailBox"))
                .add(field("password", "Wachtwoord", true, "")
                        .put("IS_EMAIL", false)
                        .put("UX_INPUT_TYPE", "Password")));
    }

    static String signInPage(JsonObject settings, JsonObject fields) {
        return """
                <!DOCTYPE html>
                <html lang="nl">
                <head>
                  <meta charset="utf-8">
                  <title>Aanmelden - Mijn Fluvius</title>
                  <meta name="viewport" content="width=device-width, initial-scale=1">
                  <link href="/static/css/fluvius.css" rel="stylesheet" type="text/css">
                  <script>if (window.top !== window.self) { window.top.location = window.self.location; }</script>
                  <script>
                  var CONTENT = {"button_signin":"Aanmelden","forgotpassword_link":"Wachtwoord vergeten?","remember_me":"Aangemeld blijven"};
                  var SETTINGS = %s;
                  var SA_FIELDS = %s;
                  var PAGE_LOAD_STATE = {"loaded": false};
                  </script>
                  <script src="/static/js/selfasserted.js" defer></script>
                </head>
                <body>
                  <div id="api" role="main">
                    <form id="localAccountForm" action="#" onsubmit="return false">
                      <h1>Aanmelden bij Mijn Fluvius</h1>
                      <label for="signInName">E-mailadres</label>
                      <input type="email" id="signInName" name="signInName" autocomplete="username">
                      <label for="password">Wachtwoord</label>
                      <input type="password" id="password" name="password" autocomplete="current-password">
                      <button id="next" type="submit">Aanmelden</button>
                    </form>
                  </div>
                </body>
                </html>
                """.formatted(script(settings), script(fields));
    }

    static String mfaPage(JsonObject settings) {
        return """
                <!DOCTYPE html>
                <html lang="nl">
                <head>
                  <meta charset="utf-8">
                  <title>Verificatie in twee stappen - Mijn Fluvius</title>
                  <script>
                  var SETTINGS = %s;
                  var PHONE_NUMBERS = [{"id":"1","number":"XXX-XXX-X42","type":"mobile"}];
                  </script>
                </head>
                <body>
                  <div id="api" role="main">
                    <h1>Verificatie in twee stappen</h1>
                    <p>We sturen een code naar uw telefoon. Geef die code in om verder te gaan.</p>
                    <form id="phoneVerification"><input id="verificationCode" name="verificationCode">
                    <button id="verifyCode" type="submit">Code verifiëren</button></form>
                  </div>
                </body>
                </html>
                """.formatted(script(settings));
    }

    /** B2C's own error page shows the code in front of the message and a correlation id to quote to support. */
    static String errorPage(String code, String message) {
        return """
                <!DOCTYPE html>
                <html lang="en">
                <head><meta charset="utf-8"><title>Sorry, but we're having trouble signing you in.</title></head>
                <body>
                  <h1>Sorry, but we're having trouble signing you in.</h1>
                  <p>We track these errors automatically, but if the problem persists feel free to contact us.</p>
                  <div id="errorDetails">
                    <p id="correlationId">Correlation ID: %s</p>
                    <p id="errorCode">%s</p>
                    <p id="errorMessage">%s: %s</p>
                  </div>
                </body>
                </html>
                """.formatted(UUID.randomUUID(), html(code), html(code), html(message));
    }

    private static JsonObject field(String id, String label, boolean password, String input) {
        return new JsonObject()
                .put("IS_REQ", true)
                .put("IS_RHB", false)
                .put("IS_ADV", false)
                .put("IS_EDIT", true)
                .put("IS_PASSWORD", password)
                .put("DN", label)
                .put("ID", id)
                .put("U_HELP", "")
                .put("IS_TEXT", false)
                .put("VAL", new JsonArray())
                .put("U_INPUT", input)
                .put("OPTIONS", new JsonArray())
                .put("IS_RDO", false)
                .put("IS_DTP", false);
    }

    /** JSON inside a script element: a {@code <} could close the element, so it is escaped. */
    private static String script(JsonObject json) {
        return json.encode().replace("<", "\\u003c");
    }

    private static String html(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
