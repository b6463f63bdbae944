package be.meterkast.fluvius;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What B2C said when it stopped a sign-in: an {@code AADB2Cnnnnn} code and its message, as found in the JSON of
 * SelfAsserted ({@code errorCode}, {@code message}), an OAuth error ({@code error}, {@code error_description})
 * or the HTML error page ("AADB2C90077: User does not have an existing session ..."). These codes are what
 * Microsoft documents and what a user can look up, so every failure quotes them.
 */
public record B2cError(String code, String message) {
    private static final Pattern CODE = Pattern.compile("(AADB2C\\d{5})\\s*:?\\s*([^<\\r\\n\"]{0,400})");
    private static final Pattern TAGS = Pattern.compile("<[^>]*>");
    private static final int MAX_MESSAGE = 300;

    /** The error in a response body, if it holds one. */
    public static Optional<B2cError> in(String body) {
        if (body == null || body.isBlank()) {
            return Optional.empty();
        }
        String trimmed = body.strip();
        if (trimmed.startsWith("{")) {
            try {
                return fromJson(new JsonObject(trimmed));
            } catch (DecodeException notJson) {
                // fall through to the text search
            }
        }
        Matcher m = CODE.matcher(unescape(TAGS.matcher(body).replaceAll("\n")));
        return m.find() ? Optional.of(new B2cError(m.group(1), clip(m.group(2)))) : Optional.empty();
    }

    private static Optional<B2cError> fromJson(JsonObject json) {
        String code = text(json, "errorCode");
        String message = text(json, "message");
        if (message == null) {
            message = text(json, "error_description");
        }
        if (code == null && message != null) {
            Matcher m = CODE.matcher(message);
            if (m.find()) {
                code = m.group(1);
                message = m.group(2);
            }
        }
        if (code == null) {
            code = text(json, "error");
        }
        if (code == null && message == null) {
            return Optional.empty();
        }
        return Optional.of(new B2cError(code == null ? "" : code, clip(message == null ? "" : message)));
    }

    private static String text(JsonObject json, String key) {
        Object value = json.getValue(key);
        return value == null || value.toString().isBlank() ? null : value.toString().strip();
    }

    private static String unescape(String html) {
        return html.replace("&#39;", "'").replace("&quot;", "\"").replace("&lt;", "<").replace("&gt;", ">")
                .replace("&amp;", "&");
    }

    private static String clip(String message) {
        String m = message.strip();
        return m.length() <= MAX_MESSAGE ? m : m.substring(0, MAX_MESSAGE) + "…";
    }

    @Override
    public String toString() {
        return code.isEmpty() ? message : message.isEmpty() ? code : code + ": " + message;
    }
}
