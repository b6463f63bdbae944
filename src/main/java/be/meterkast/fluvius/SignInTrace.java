package be.meterkast.fluvius;

import io.vertx.core.MultiMap;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A record of one sign-in that a user can send to Meterkast's developers when signing in to the real Fluvius
 * fails: nobody else can see what Fluvius answered. It is redacted as it is written, so no secret ever
 * reaches it: per request the method, host, path and query parameter names; per answer the status, the names
 * (never the values) of the cookies set, the {@code Location} with every value outside a short list of
 * harmless ones replaced by {@code …}, B2C's error code and message, and the shapes (keys, never values) of
 * the MSAL configuration and the sign-in page's {@code SETTINGS}. Passwords, tokens, CSRF values, codes,
 * state and the email never appear.
 */
public final class SignInTrace {
    public static final String REDACTED = "…";

    /** Query parameters whose values say something about the flow and nothing about the person. */
    private static final Set<String> SHOWN_VALUES = Set.of("p", "rememberMe", "response_type", "response_mode",
            "prompt", "code_challenge_method", "scope", "client_id", "redirect_uri", "error",
            "error_description", "grant_type");

    private static final Pattern CACHE_ID = Pattern.compile("^(x-ms-cpim-cache[|:]).+?(_\\d+)$");

    private final JsonObject trace;
    private final JsonArray steps = new JsonArray();
    private final Clock clock;
    private JsonObject current;

    public SignInTrace(Clock clock, String portal) {
        this.clock = clock;
        this.trace = new JsonObject()
                .put("trace", "Meterkast sign-in trace (redacted: no password, token, code, CSRF value or email)")
                .put("startedAt", clock.instant().toString())
                .put("portal", redactUrl(portal))
                .put("steps", steps);
    }

    void request(String step, String method, URI uri, MultiMap query, MultiMap form, List<String> cookiesSent) {
        JsonObject params = new JsonObject();
        query.forEach(e -> params.put(e.getKey(), shown(e.getKey(), e.getValue())));
        JsonObject request = new JsonObject()
                .put("method", method)
                .put("host", uri.getHost() + (uri.getPort() >= 0 ? ":" + uri.getPort() : ""))
                .put("path", uri.getRawPath())
                .put("query", params)
                .put("cookiesSent", cookieNames(cookiesSent));
        if (form != null) {
            request.put("formFields", new JsonArray(form.entries().stream().map(Map.Entry::getKey).distinct().toList()));
        }
        current = new JsonObject().put("step", step).put("at", clock.instant().toString()).put("request", request);
        steps.add(current);
    }

    void response(int status, String contentType, List<String> cookiesSet, String location, B2cError error) {
        JsonObject response = new JsonObject()
                .put("status", status)
                .put("contentType", contentType)
                .put("cookiesSet", cookieNames(cookiesSet));
        if (location != null) {
            response.put("location", redactUrl(location));
        }
        if (error != null) {
            response.put("b2cError", new JsonObject().put("code", error.code()).put("message", error.message()));
        }
        step().put("response", response);
    }

    void transportFailure(String message) {
        step().put("transportFailure", message);
    }

    /** The keys of a JSON document Fluvius sent, so a changed layout shows without its values. */
    void shape(String name, JsonObject json) {
        JsonObject shapes = step().getJsonObject("shapes", new JsonObject());
        shapes.put(name, shapeOf(json));
        step().put("shapes", shapes);
    }

    void succeeded() {
        trace.put("outcome", "signed in");
    }

    void failed(Throwable failure) {
        trace.put("outcome", "failed");
        trace.put("failure", failure instanceof FluviusException ? failure.getMessage()
                : failure.getClass().getSimpleName());
    }

    public JsonObject toJson() {
        return trace.copy();
    }

    /** Pretty JSON, as written to a trace file or downloaded from the portal. */
    public String render() {
        return trace.encodePrettily() + "\n";
    }

    private JsonObject step() {
        if (current == null) {
            current = new JsonObject().put("step", "before the first request");
            steps.add(current);
        }
        return current;
    }

    /**
     * Cookie names as sent, their form intact ({@code x-ms-cpim-cache|…_0}), with the random request-state id
     * inside the cache cookie's name replaced: it names a session, and its value is no help to a diagnosis.
     */
    private static JsonArray cookieNames(List<String> names) {
        JsonArray out = new JsonArray();
        names.forEach(name -> out.add(CACHE_ID.matcher(name).replaceFirst("$1" + REDACTED + "$2")));
        return out;
    }

    private static String shown(String name, String value) {
        return SHOWN_VALUES.contains(name) ? value : REDACTED;
    }

    /** Scheme, host and path as they are; every query value outside {@link #SHOWN_VALUES} as {@code …}. */
    static String redactUrl(String url) {
        if (url == null) {
            return null;
        }
        int q = url.indexOf('?');
        int hash = url.indexOf('#');
        String base = q >= 0 ? url.substring(0, q) : hash >= 0 ? url.substring(0, hash) : url;
        String query = q < 0 ? "" : url.substring(q + 1, hash > q ? hash : url.length());
        String fragment = hash < 0 ? "" : url.substring(hash + 1);
        StringBuilder out = new StringBuilder(base);
        if (q >= 0) {
            out.append('?').append(redactParams(query));
        }
        if (hash >= 0) {
            // The implicit and form_post flows put tokens in the fragment: its names are enough.
            out.append('#').append(redactParams(fragment));
        }
        return out.toString();
    }

    private static String redactParams(String params) {
        StringBuilder out = new StringBuilder();
        for (String pair : params.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            if (!out.isEmpty()) {
                out.append('&');
            }
            int eq = pair.indexOf('=');
            String name = eq < 0 ? pair : pair.substring(0, eq);
            String decoded = URLDecoder.decode(name, StandardCharsets.UTF_8);
            out.append(name);
            if (eq >= 0) {
                out.append('=').append(SHOWN_VALUES.contains(decoded) ? pair.substring(eq + 1) : REDACTED);
            }
        }
        return out.toString();
    }

    private static Object shapeOf(Object value) {
        if (value instanceof JsonObject object) {
            JsonObject shape = new JsonObject();
            object.forEach(e -> shape.put(e.getKey(), shapeOf(e.getValue())));
            return shape;
        }
        if (value instanceof JsonArray array) {
            JsonArray shape = new JsonArray();
            if (!array.isEmpty()) {
                shape.add(shapeOf(array.getValue(0)));
            }
            return shape;
        }
        if (value == null) {
            return "null";
        }
        if (value instanceof Number) {
            return "number";
        }
        if (value instanceof Boolean) {
            return "boolean";
        }
        return "string";
    }
}
