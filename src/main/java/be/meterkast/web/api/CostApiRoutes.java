package be.meterkast.web.api;

import be.meterkast.analysis.costs.CostLines;
import be.meterkast.analysis.costs.Costs;
import be.meterkast.analysis.costs.DayCost;
import be.meterkast.analysis.costs.Missing;
import be.meterkast.app.costs.CostService;
import be.meterkast.app.costs.TariffInput;
import be.meterkast.domain.TariffPeriod;
import be.meterkast.store.Meter;
import be.meterkast.web.Feature;
import be.meterkast.web.Period;
import be.meterkast.web.Templates;
import be.meterkast.web.meters.MeterAccess;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The API's tariffs and costs: {@code GET}/{@code PUT /households/{id}/tariffs} (owners) and
 * {@code GET /meters/{id}/costs} (members). Mounted on the API's sub-router by {@link ApiRoutes}, after its
 * token, ownership and meter checks, so these routes only say what they answer.
 */
public final class CostApiRoutes implements Feature {
    /** Under {@code /api/v1}; its PUT takes a body. */
    static final String TARIFFS = "/households/:householdId/tariffs";
    static final int DEFAULT_DAYS = 30;

    private final CostService costs;
    private final Supplier<LocalDate> today;

    CostApiRoutes(CostService costs, Supplier<LocalDate> today) {
        this.costs = costs;
        this.today = today;
    }

    /** {@code api} is the API's sub-router, not the root. */
    @Override
    public void mount(Router api) {
        api.get(TARIFFS).handler(this::listTariffs);
        api.put(TARIFFS).handler(this::replaceTariffs);
        api.get("/meters/:meterId/costs").handler(this::meterCosts);
    }

    private void listTariffs(RoutingContext ctx) {
        long householdId = Long.parseLong(ctx.pathParam("householdId"));
        costs.tariffs(householdId).onSuccess(periods -> ApiJson.send(ctx, 200, periods(periods))).onFailure(ctx::fail);
    }

    /** The whole list is replaced, or nothing is when one value is wrong (400 naming it). */
    private void replaceTariffs(RoutingContext ctx) {
        JsonArray sent;
        try {
            sent = ctx.body().asJsonArray();
        } catch (DecodeException | ClassCastException e) {
            sent = null;
        }
        if (sent == null) {
            ApiJson.error(ctx, 400, "bad_request", "The body must be a JSON list of tariff periods, [] for none.");
            return;
        }
        List<Map<String, String>> periods = new ArrayList<>();
        for (int i = 0; i < sent.size(); i++) {
            Optional<Map<String, String>> fields = fields(ctx, i, sent.getValue(i));
            if (fields.isEmpty()) {
                return;
            }
            periods.add(fields.get());
        }
        List<TariffPeriod> checked;
        try {
            checked = TariffInput.periods(periods);
        } catch (TariffInput.Refused refused) {
            invalid(ctx, refused.index(), refused.field(), Templates.text(Locale.ENGLISH, refused.messageKey()));
            return;
        }
        long householdId = Long.parseLong(ctx.pathParam("householdId"));
        costs.replaceTariffs(householdId, checked).onSuccess(stored -> ApiJson.send(ctx, 200, periods(stored)))
                .onFailure(ctx::fail);
    }

    /** A period's fields as text for {@link TariffInput}; unknown fields and nested values answer 400. */
    private static Optional<Map<String, String>> fields(RoutingContext ctx, int index, Object period) {
        if (!(period instanceof JsonObject object)) {
            ApiJson.error(ctx, 400, "invalid", "Period " + (index + 1) + " must be a JSON object.");
            return Optional.empty();
        }
        Map<String, String> fields = new LinkedHashMap<>();
        for (String name : object.fieldNames()) {
            Object value = object.getValue(name);
            if (!TariffInput.FIELDS.contains(name)) {
                invalid(ctx, index, name, "Not a field of a tariff period; the fields are " + TariffInput.FIELDS + ".");
                return Optional.empty();
            }
            if (value instanceof JsonObject || value instanceof JsonArray) {
                invalid(ctx, index, name, "Send a number, text or null.");
                return Optional.empty();
            }
            fields.put(name, value == null ? "" : value instanceof BigDecimal d ? d.toPlainString() : value.toString());
        }
        return Optional.of(fields);
    }

    private static void invalid(RoutingContext ctx, int index, String field, String message) {
        ApiJson.send(ctx, 400, new JsonObject().put("error", "invalid")
                .put("message", "Period " + (index + 1) + ", " + field + ": " + message)
                .put("index", index).put("field", field));
    }

    private void meterCosts(RoutingContext ctx) {
        Meter meter = MeterAccess.meter(ctx);
        Period.Either period = Period.range(Period.param(ctx, "from"), Period.param(ctx, "to"), today.get(),
                DEFAULT_DAYS, Period.MAX_DAYS);
        if (period.period().isEmpty()) {
            String key = period.errorKey();
            ApiJson.error(ctx, 400, "invalid", !key.equals("period.error.order") && !key.equals("period.error.tooLong")
                    ? Templates.text(Locale.ENGLISH, key)
                    : "from must not be after to, and a request covers at most " + Period.MAX_DAYS + " days.");
            return;
        }
        LocalDate from = period.period().get().first();
        LocalDate to = period.period().get().last();
        costs.costs(meter, from, to).onSuccess(result -> ApiJson.send(ctx, 200, new JsonObject()
                        .put("meter", ApiJson.meter(meter)).put("from", from.toString()).put("to", to.toString())
                        .put("currency", "EUR").put("total", lines(result.total()))
                        .put("periods", periods(result.periodsUsed())).put("missing", missing(result))
                        .put("days", new JsonArray(result.days().stream().map(CostApiRoutes::day).toList()))))
                .onFailure(ctx::fail);
    }

    private static JsonObject day(DayCost day) {
        return lines(day.lines()).put("date", day.day().toString())
                .put("validFrom", day.period().map(p -> p.validFrom().toString()).orElse(null))
                .put("missing", new JsonArray(day.missing().stream().sorted().map(CostApiRoutes::code).toList()));
    }

    /** In euro, to the cent. */
    private static JsonObject lines(CostLines lines) {
        CostLines.Rounded r = lines.rounded();
        return new JsonObject().put("energy", r.energy()).put("injection", r.injection()).put("capacity", r.capacity())
                .put("fixed", r.fixed()).put("vat", r.vat()).put("total", r.total());
    }

    private static JsonArray missing(Costs costs) {
        JsonArray missing = new JsonArray();
        costs.missing().forEach((what, days) -> missing.add(new JsonObject().put("what", code(what))
                .put("message", Templates.text(Locale.ENGLISH, "costs.missing." + code(what)))
                .put("days", days.size()).put("dates", new JsonArray(days.stream().map(LocalDate::toString).toList()))));
        return missing;
    }

    private static String code(Missing missing) {
        return missing.name().toLowerCase(Locale.ROOT);
    }

    private static JsonArray periods(List<TariffPeriod> periods) {
        return new JsonArray(periods.stream().map(CostApiRoutes::period).toList());
    }

    static JsonObject period(TariffPeriod p) {
        return new JsonObject().put("validFrom", p.validFrom().toString())
                .put("energyDay", p.energyDay().orElse(null)).put("energyNight", p.energyNight().orElse(null))
                .put("energySingle", p.energySingle().orElse(null)).put("injection", p.injection().orElse(null))
                .put("gas", p.gas().orElse(null)).put("capacityPerKwYear", p.capacityPerKwYear().orElse(null))
                .put("fixedPerYear", p.fixedPerYear().orElse(null))
                .put("vatPercent", p.vatPercent().stripTrailingZeros()).put("pricesIncludeVat", p.pricesIncludeVat());
    }
}
