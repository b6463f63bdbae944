package be.meterkast.web;

import io.vertx.ext.web.RoutingContext;

import java.util.LinkedHashMap;
import java.util.Map;

/** A submitted form: its values (to show again) and what is wrong with them, per field, as message keys. */
public final class Forms {
    private final Map<String, String> values = new LinkedHashMap<>();
    private final Map<String, String> errors = new LinkedHashMap<>();

    public static Forms of(RoutingContext ctx, String... fields) {
        Forms form = new Forms();
        for (String field : fields) {
            String value = ctx.request().getFormAttribute(field);
            form.values.put(field, value == null ? "" : value.strip());
        }
        return form;
    }

    public static Forms empty() {
        return new Forms();
    }

    public String get(String field) {
        return values.getOrDefault(field, "");
    }

    /** The raw value, spaces kept: passwords may start or end with one. */
    public static String raw(RoutingContext ctx, String field) {
        String value = ctx.request().getFormAttribute(field);
        return value == null ? "" : value;
    }

    public Forms set(String field, String value) {
        values.put(field, value);
        return this;
    }

    public Forms error(String field, String messageKey) {
        errors.putIfAbsent(field, messageKey);
        return this;
    }

    public boolean valid() {
        return errors.isEmpty();
    }

    public Map<String, String> values() {
        return values;
    }

    public Map<String, String> errors() {
        return errors;
    }
}
