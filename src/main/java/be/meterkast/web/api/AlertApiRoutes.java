package be.meterkast.web.api;

import be.meterkast.app.alerts.AlertInput;
import be.meterkast.app.alerts.AlertService;
import be.meterkast.app.alerts.AlertTexts;
import be.meterkast.store.AlertSettings;
import be.meterkast.store.StoredAlert;
import be.meterkast.store.User;
import be.meterkast.web.Feature;
import be.meterkast.web.Templates;
import be.meterkast.web.auth.CurrentUser;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The API's alerts, each user their own: {@code GET}/{@code PUT /alerts/settings} (the form's fields, the whole
 * set replaced; a field left out is off) and {@code GET /alerts} (the recent ones, newest first, with deliveries).
 */
public final class AlertApiRoutes implements Feature {
    /** Under {@code /api/v1}; its PUT takes a body. */
    static final String SETTINGS = "/alerts/settings";
    private static final java.util.Set<String> SWITCHES = java.util.Set.of(AlertInput.MQTT,
            AlertInput.PEAK_ABOVE_AVERAGE, AlertInput.ACCOUNT_ATTENTION);
    private static final java.util.Set<String> NUMBERS = java.util.Set.of(AlertInput.PEAK_KW,
            AlertInput.BASE_LOAD_PERCENT, AlertInput.NO_DATA_DAYS, AlertInput.UNUSUAL_DAY_FACTOR);

    private final AlertService alerts;

    AlertApiRoutes(AlertService alerts) {
        this.alerts = alerts;
    }

    /** {@code api} is the API's sub-router, not the root. */
    @Override
    public void mount(Router api) {
        api.get(SETTINGS).handler(this::showSettings);
        api.put(SETTINGS).handler(this::replaceSettings);
        api.get("/alerts").handler(this::recent);
    }

    private void showSettings(RoutingContext ctx) {
        alerts.settings(CurrentUser.user(ctx).id()).onSuccess(s -> ApiJson.send(ctx, 200, json(s))).onFailure(ctx::fail);
    }

    private void replaceSettings(RoutingContext ctx) {
        JsonObject sent;
        try {
            sent = ctx.body().asJsonObject();
        } catch (DecodeException | ClassCastException e) {
            sent = null;
        }
        if (sent == null) {
            ApiJson.error(ctx, 400, "bad_request", "The body must be a JSON object with the fields " + AlertInput.FIELDS + ".");
            return;
        }
        Map<String, String> fields = new LinkedHashMap<>();
        for (String name : sent.fieldNames()) {
            Object value = sent.getValue(name);
            if (!AlertInput.FIELDS.contains(name)) {
                invalid(ctx, name, "Not a field of the alert settings; the fields are " + AlertInput.FIELDS + ".");
                return;
            }
            if (value instanceof JsonObject || value instanceof JsonArray
                    || (SWITCHES.contains(name) && value != null && !(value instanceof Boolean))
                    || (NUMBERS.contains(name) && value != null && !(value instanceof Number))) {
                invalid(ctx, name, SWITCHES.contains(name) ? "Send true or false." : NUMBERS.contains(name)
                        ? "Send a number, or null for off." : "Send text, or null for none.");
                return;
            }
            fields.put(name, value == null ? "" : value instanceof BigDecimal d ? d.toPlainString() : value.toString());
        }
        AlertInput.Result result = AlertInput.parse(fields);
        if (result.settings().isEmpty()) {
            Map.Entry<String, String> first = result.errors().entrySet().iterator().next();
            invalid(ctx, first.getKey(), Templates.text(Locale.ENGLISH, first.getValue()));
            return;
        }
        alerts.save(CurrentUser.user(ctx).id(), result.settings().get())
                .onSuccess(saved -> ApiJson.send(ctx, 200, json(result.settings().get())))
                .onFailure(ctx::fail);
    }

    private static void invalid(RoutingContext ctx, String field, String message) {
        ApiJson.send(ctx, 400, new JsonObject().put("error", "invalid").put("message", field + ": " + message)
                .put("field", field));
    }

    private void recent(RoutingContext ctx) {
        User user = CurrentUser.user(ctx);
        Locale locale = AlertTexts.locale(user.locale());
        alerts.recent(user.id()).onSuccess(list -> ApiJson.send(ctx, 200,
                new JsonArray(list.stream().map(a -> alert(a, locale)).toList()))).onFailure(ctx::fail);
    }

    private JsonObject alert(StoredAlert a, Locale locale) {
        return new JsonObject().put("id", a.id()).put("rule", a.rule()).put("title", AlertTexts.title(locale, a))
                .put("message", AlertTexts.text(locale, a)).put("path", alerts.path(a))
                .put("raisedAt", a.raisedAt().toString()).put("day", a.day().map(Object::toString).orElse(null))
                .put("meterId", a.meterId().orElse(null)).put("householdId", a.householdId().orElse(null))
                .put("deliveries", new JsonArray(a.deliveries().stream().map(d -> new JsonObject()
                        .put("channel", d.channel()).put("attempts", d.attempts())
                        .put("deliveredAt", d.deliveredAt().map(Instant::toString).orElse(null))
                        .put("lastError", d.lastError().orElse(null))
                        .put("givenUp", d.deliveredAt().isEmpty() && d.attempts() >= AlertService.MAX_ATTEMPTS)).toList()));
    }

    static JsonObject json(AlertSettings s) {
        return new JsonObject().put(AlertInput.EMAIL, s.email().orElse(null))
                .put(AlertInput.WEBHOOK_URL, s.webhookUrl().orElse(null)).put(AlertInput.WEBHOOK_FORMAT, s.webhookFormat())
                .put(AlertInput.MQTT, s.mqtt())
                .put(AlertInput.PEAK_KW, s.peakKw().map(BigDecimal::stripTrailingZeros).orElse(null))
                .put(AlertInput.PEAK_ABOVE_AVERAGE, s.peakAboveAverage())
                .put(AlertInput.BASE_LOAD_PERCENT, s.baseLoadPercent().orElse(null))
                .put(AlertInput.NO_DATA_DAYS, s.noDataDays().orElse(null))
                .put(AlertInput.ACCOUNT_ATTENTION, s.accountAttention())
                .put(AlertInput.UNUSUAL_DAY_FACTOR, s.unusualDayFactor().map(BigDecimal::stripTrailingZeros).orElse(null));
    }

}
