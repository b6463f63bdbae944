package be.meterkast.web.api;

import be.meterkast.app.imports.ImportReport;
import be.meterkast.domain.IncompleteDay;
import be.meterkast.domain.Reading;
import be.meterkast.store.Membership;
import be.meterkast.store.Meter;
import be.meterkast.store.MeterSync;
import be.meterkast.store.StatusText;
import be.meterkast.web.PageCache;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

import java.util.Locale;
import java.util.Optional;

/** The API's JSON: request bodies in, records and {@code {"error", "message"}} out. */
public final class ApiJson {
    private ApiJson() {
    }

    public static void error(RoutingContext ctx, int status, String error, String message) {
        send(ctx, status, new JsonObject().put("error", error).put("message", message));
    }

    public static void send(RoutingContext ctx, int status, Object body) {
        PageCache.respond(ctx, status, "application/json",
                body instanceof JsonObject o ? o.toBuffer() : ((JsonArray) body).toBuffer(), Optional.empty());
    }

    /** The request's JSON object; else answers 400 and is empty. */
    static Optional<JsonObject> body(RoutingContext ctx) {
        try {
            JsonObject body = ctx.body().asJsonObject();
            if (body != null) {
                return Optional.of(body);
            }
        } catch (DecodeException | ClassCastException ignored) {
            // answered below
        }
        error(ctx, 400, "bad_request", "The body must be a JSON object.");
        return Optional.empty();
    }

    /** A field as text, stripped; absent is empty. */
    static String text(JsonObject body, String field) {
        Object value = body.getValue(field);
        return value == null ? "" : String.valueOf(value).strip();
    }

    static JsonObject household(Membership m) {
        return new JsonObject().put("id", m.householdId()).put("name", m.householdName())
                .put("role", m.role().name().toLowerCase(Locale.ROOT));
    }

    static JsonObject meter(Meter m) {
        return new JsonObject().put("id", m.id()).put("householdId", m.householdId())
                .put("accountId", m.accountId().orElse(null)).put("ean", m.ean()).put("serial", m.serial())
                .put("kind", m.kind().name().toLowerCase(Locale.ROOT)).put("label", m.label())
                .put("gasUnit", m.gasUnit().map(u -> u.symbol()).orElse(null)).put("filesOnly", m.filesOnly());
    }

    static JsonObject sync(MeterSync s) {
        return new JsonObject().put("backfillDone", s.backfillDone())
                .put("progressDone", s.progressDone()).put("progressTotal", s.progressTotal())
                .put("lastSuccessAt", s.lastSuccessAt().map(Object::toString).orElse(null))
                .put("lastError", s.lastError().orElse(null))
                // a stable code for clients that word the problem themselves (see status.* in the message bundles)
                .put("lastErrorCode", s.error().flatMap(StatusText::code).orElse(null))
                .put("nextRunAt", s.nextRunAt().map(Object::toString).orElse(null));
    }

    static JsonObject reading(Reading r) {
        return new JsonObject().put("start", r.start().toString()).put("end", r.end().toString())
                .put("tariff", r.tariff().name().toLowerCase(Locale.ROOT))
                .put("direction", r.direction().name().toLowerCase(Locale.ROOT))
                .put("unit", r.unit().symbol()).put("value", r.value()).put("estimated", r.estimated());
    }

    /** What importing a file did; a problem about several lines has no line number. */
    static JsonObject importReport(ImportReport r) {
        return new JsonObject().put("fileName", r.fileName()).put("imported", r.imported()).put("unchanged", r.unchanged())
                .put("skipped", r.skipped()).put("nothingNew", r.nothingNew())
                .put("problems", new JsonArray(r.problems().stream().map(p -> new JsonObject()
                        .put("line", p.line() == 0 ? null : p.line()).put("reason", p.reason())).toList()))
                .put("firstDay", r.firstDay().map(Object::toString).orElse(null))
                .put("lastDay", r.lastDay().map(Object::toString).orElse(null));
    }

    /** A day Fluvius did not send whole: {@code {"date","reason"}}, the reason in snake case. */
    static JsonObject incompleteDay(IncompleteDay d) {
        return new JsonObject().put("date", d.day().toString()).put("reason", d.defect().name().toLowerCase(Locale.ROOT));
    }
}
