package be.meterkast.fluvius;

import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpResponse;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** What B2C's answers mean for the person signing in: a wrong password, a lockout, an extra step, another refusal. */
final class B2cAnswers {
    /** B2C error codes for a wrong email or password, and for smart lockout. */
    private static final Set<String> WRONG_CREDENTIAL_CODES = Set.of("AADB2C90052", "AADB2C90053", "AADB2C90054",
            "AADB2C99002");
    private static final Set<String> LOCKED_CODES = Set.of("AADB2C90225", "AADB2C90114");

    private B2cAnswers() {
    }

    static FluviusException rejection(String errorCode, String message) {
        String code = errorCode == null ? "" : errorCode.trim().toUpperCase(Locale.ROOT);
        String text = message == null ? "" : message.toLowerCase(Locale.ROOT);
        if (LOCKED_CODES.contains(code) || text.contains("locked") || text.contains("vergrendeld")) {
            return new FluviusException.AccountLocked(message);
        }
        if (WRONG_CREDENTIAL_CODES.contains(code) || text.contains("password") || text.contains("wachtwoord")
                || text.contains("can't seem to find your account")) {
            return new FluviusException.InvalidCredentials(message);
        }
        return new FluviusException.SignInRejected(message);
    }

    static FluviusException redirectError(Map<String, String> query) {
        String description = query.getOrDefault("error_description", query.get("error"));
        if (description.contains("AADB2C90118")) {
            return new FluviusException.InteractionRequired("password reset");
        }
        if ("interaction_required".equals(query.get("error")) || "login_required".equals(query.get("error"))) {
            return new FluviusException.InteractionRequired(description);
        }
        return new FluviusException.SignInRejected(description);
    }

    static String describeExtraStep(HttpResponse<Buffer> response) {
        String html = response.bodyAsString();
        try {
            String api = html == null ? null : B2cPage.object(html, "SETTINGS").map(s -> s.getString("api")).orElse(null);
            if (api != null) {
                String a = api.toLowerCase(Locale.ROOT);
                if (a.contains("phonefactor") || a.contains("mfa") || a.contains("otp") || a.contains("verif")) {
                    return "two-step verification";
                }
                return "page '" + api + "'";
            }
        } catch (FluviusException ignored) {
            // An unreadable page is still an extra step; the generic description below says so.
        }
        return "a page to fill in instead of the expected redirect";
    }

    static Map<String, String> queryOf(URI uri) {
        Map<String, String> params = new HashMap<>();
        String raw = uri.getRawQuery();
        if (raw == null) {
            return params;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String key = eq < 0 ? pair : pair.substring(0, eq);
            String value = eq < 0 ? "" : pair.substring(eq + 1);
            params.putIfAbsent(URLDecoder.decode(key, StandardCharsets.UTF_8),
                    URLDecoder.decode(value, StandardCharsets.UTF_8));
        }
        return params;
    }
}
