package be.meterkast.fluvius;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the B2C sign-in page tells a browser: {@code var SETTINGS = {...};} (CSRF token, transaction id,
 * where to post) and {@code var SA_FIELDS = {...};} (the names of the login and password fields).
 */
public record B2cPage(String csrf, String transId, String tenant, String policy, String api,
                      String loginField, String passwordField) {

    private static final Pattern ASSIGNMENT = Pattern.compile("var\\s+(SETTINGS|SA_FIELDS)\\s*=\\s*\\{");

    /** @throws FluviusException.PortalChanged naming what is missing */
    public static B2cPage parse(String html) {
        JsonObject settings = object(html, "SETTINGS")
                .orElseThrow(() -> changed("the page has no SETTINGS object"));
        JsonObject hosts = settings.getJsonObject("hosts", new JsonObject());
        String csrf = required(settings.getString("csrf"), "SETTINGS.csrf");
        String transId = required(settings.getString("transId"), "SETTINGS.transId");
        String tenant = required(hosts.getString("tenant"), "SETTINGS.hosts.tenant");
        String policy = required(hosts.getString("policy"), "SETTINGS.hosts.policy");
        String api = required(settings.getString("api"), "SETTINGS.api");

        String loginField = "signInName";
        String passwordField = "password";
        Optional<JsonObject> saFields = object(html, "SA_FIELDS");
        if (saFields.isPresent() && saFields.get().getValue("AttributeFields") instanceof JsonArray fields) {
            String firstPlain = null;
            String firstPassword = null;
            for (Object f : fields) {
                if (f instanceof JsonObject field && field.getValue("ID") instanceof String id) {
                    boolean isPassword = Boolean.TRUE.equals(field.getValue("IS_PASSWORD"))
                            || "password".equalsIgnoreCase(id);
                    if (isPassword && firstPassword == null) {
                        firstPassword = id;
                    } else if (!isPassword && firstPlain == null) {
                        firstPlain = id;
                    }
                }
            }
            loginField = firstPlain != null ? firstPlain : loginField;
            passwordField = firstPassword != null ? firstPassword : passwordField;
        }
        return new B2cPage(csrf, transId, ensureLeadingSlash(tenant), policy, api, loginField, passwordField);
    }

    /** Finds {@code var NAME = {...}} and decodes the object, reading braces outside JSON strings only. */
    static Optional<JsonObject> object(String html, String name) {
        Matcher m = ASSIGNMENT.matcher(html);
        while (m.find()) {
            if (!m.group(1).equals(name)) {
                continue;
            }
            int start = m.end() - 1;
            int end = matchingBrace(html, start);
            if (end < 0) {
                throw changed("the " + name + " object is not closed");
            }
            try {
                return Optional.of(new JsonObject(html.substring(start, end + 1)));
            } catch (DecodeException e) {
                throw changed("the " + name + " object is not valid JSON");
            }
        }
        return Optional.empty();
    }

    private static int matchingBrace(String s, int open) {
        int depth = 0;
        boolean inString = false;
        char quote = 0;
        for (int i = open; i < s.length(); i++) {
            char c = s.charAt(i);
            if (inString) {
                if (c == '\\') {
                    i++;
                } else if (c == quote) {
                    inString = false;
                }
            } else if (c == '"' || c == '\'') {
                inString = true;
                quote = c;
            } else if (c == '{') {
                depth++;
            } else if (c == '}' && --depth == 0) {
                return i;
            }
        }
        return -1;
    }

    private static String required(String value, String what) {
        if (value == null || value.isBlank()) {
            throw changed(what + " is missing");
        }
        return value;
    }

    private static String ensureLeadingSlash(String path) {
        return path.startsWith("/") ? path : "/" + path;
    }

    private static FluviusException.PortalChanged changed(String what) {
        return new FluviusException.PortalChanged("sign-in page", what);
    }
}
