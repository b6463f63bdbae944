package be.meterkast.web;

import be.meterkast.web.api.ApiJson;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The one rule for text that people send: no control characters (NUL, tabs, line breaks, DEL, C1) and no
 * bidirectional overrides or isolates, which make a name display as something else. PostgreSQL refuses NUL in
 * text (22021) and the rest has no place in a one-line name. {@link #guard} applies the rule at the edge, to
 * every query parameter, form field and top-level JSON string of every request, so a new form is covered
 * without doing anything; forms that want the error next to their field call {@link #problem} themselves.
 */
public final class TextInput {
    /**
     * Not names: a password is typed blind, never shown or stored as text, and may be anything its owner can type;
     * {@code next} is a path with its own rule ({@code Access.safeNext}), which sends a crafted one home.
     */
    private static final Set<String> NOT_TEXT = Set.of("password", "current", "confirm", "next");
    public static final String CONTROL_KEY = "input.error.control";
    public static final String PATH_KEY = "input.error.path";

    private TextInput() {
    }

    /** The message key of what is wrong with the text, or empty when it may be used. */
    public static Optional<String> problem(String text) {
        if (text == null) {
            return Optional.empty();
        }
        for (int i = 0; i < text.length(); i++) {
            if (forbidden(text.charAt(i))) {
                return Optional.of(CONTROL_KEY);
            }
        }
        return Optional.empty();
    }

    private static boolean forbidden(char c) {
        return Character.getType(c) == Character.CONTROL
                || (c >= '\u202a' && c <= '\u202e') // embeddings and overrides
                || (c >= '\u2066' && c <= '\u2069'); // isolates
    }

    /**
     * Refuses the request with 400 naming the first field with forbidden characters (JSON under
     * {@code /api/v1}, the error page elsewhere); runs after the body is read.
     */
    public static void guard(RoutingContext ctx) {
        Optional<String> path = decodedPath(ctx).flatMap(TextInput::problem);
        if (path.isPresent()) {
            refuse(ctx, null);
            return;
        }
        Optional<String> field = firstBad(ctx.queryParams().entries())
                .or(() -> firstBad(ctx.request().formAttributes().entries()))
                .or(() -> firstBadJson(ctx));
        if (field.isPresent()) {
            refuse(ctx, field.get());
        } else {
            ctx.next();
        }
    }

    private static Optional<String> decodedPath(RoutingContext ctx) {
        try {
            return Optional.of(URLDecoder.decode(ctx.request().path().replace("+", "%2B"), StandardCharsets.UTF_8));
        } catch (IllegalArgumentException malformed) {
            return Optional.of("\u0000"); // a broken escape names no page either
        }
    }

    private static Optional<String> firstBad(Iterable<Map.Entry<String, String>> entries) {
        for (Map.Entry<String, String> entry : entries) {
            if (problem(entry.getKey()).isPresent()) {
                return Optional.of("?");
            }
            if (!NOT_TEXT.contains(entry.getKey()) && problem(entry.getValue()).isPresent()) {
                return Optional.of(entry.getKey());
            }
        }
        return Optional.empty();
    }

    private static Optional<String> firstBadJson(RoutingContext ctx) {
        String type = ctx.request().getHeader("Content-Type");
        if (ctx.body() == null || ctx.body().length() == 0 || type == null || !type.contains("json")) {
            return Optional.empty();
        }
        JsonObject body;
        try {
            body = ctx.body().asJsonObject();
        } catch (RuntimeException notAnObject) {
            return Optional.empty(); // the route says what shape it wants
        }
        if (body == null) {
            return Optional.empty();
        }
        for (Map.Entry<String, Object> entry : body) {
            if (problem(entry.getKey()).isPresent()) {
                return Optional.of("?");
            }
            if (entry.getValue() instanceof String text && !NOT_TEXT.contains(entry.getKey())
                    && problem(text).isPresent()) {
                return Optional.of(entry.getKey());
            }
        }
        return Optional.empty();
    }

    private static void refuse(RoutingContext ctx, String field) {
        String key = field == null ? PATH_KEY : CONTROL_KEY;
        if (ctx.request().path().startsWith(Paths.API)) {
            JsonObject answer = new JsonObject().put("error", "invalid")
                    .put("message", Templates.text(java.util.Locale.ENGLISH, key, field));
            if (field != null) {
                answer.put("fields", new JsonObject().put(field, Templates.text(java.util.Locale.ENGLISH, key, field)));
            }
            ApiJson.send(ctx, 400, answer);
        } else {
            ctx.fail(400, new BadParameters(key, field));
        }
    }
}
