package be.meterkast.web.api;

import be.meterkast.analysis.costs.CostLines;
import be.meterkast.analysis.costs.Costs;
import be.meterkast.analysis.costs.DayCost;
import be.meterkast.analysis.costs.Missing;
import be.meterkast.app.costs.CostService;
import be.meterkast.app.costs.PriceFile;
import be.meterkast.app.costs.TariffInput;
import be.meterkast.app.imports.LineSource;
import be.meterkast.web.Uploads;
import be.meterkast.web.auth.CurrentUser;
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
    /** Under {@code /api/v1}; takes a price file as its body or multipart field {@code file}. */
    static final String PRICES = "/prices";
    static final int DEFAULT_DAYS = 30;
    /** The fields as the API spells them. */
    private static final List<String> API_FIELDS;

    static {
        List<String> fields = new ArrayList<>(TariffInput.FIELDS.stream().filter(f -> !f.startsWith("dynamic.")).toList());
        fields.add("dynamic");
        API_FIELDS = List.copyOf(fields);
    }

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
        api.post(PRICES).handler(this::requirePriceImporter).handler(this::importPrices);
        api.get("/meters/:meterId/capacity").handler(this::capacity);
    }

    /** The capacity tariff in euro: per month, this month so far, and with {@code cap} what capping the peaks saves. */
    private void capacity(RoutingContext ctx) {
        Meter meter = MeterAccess.meter(ctx);
        if (!meter.electricity()) {
            ApiJson.error(ctx, 400, "invalid", "Only electricity meters have a capacity tariff.");
            return;
        }
        String capText = Period.param(ctx, "cap");
        Optional<BigDecimal> cap = Optional.empty();
        if (capText != null && !capText.isBlank()) {
            try {
                BigDecimal kw = new BigDecimal(capText.strip());
                if (kw.compareTo(new BigDecimal("0.1")) < 0 || kw.compareTo(new BigDecimal("100")) > 0) {
                    throw new NumberFormatException();
                }
                cap = Optional.of(kw);
            } catch (NumberFormatException e) {
                ApiJson.error(ctx, 400, "invalid", "cap is a peak in kW from 0.1 to 100, like 3.5.");
                return;
            }
        }
        costs.capacity(meter, today.get(), cap).onSuccess(o -> {
            JsonObject body = new JsonObject().put("meter", ApiJson.meter(meter)).put("currency", "EUR")
                    .put("pricePerKwYear", o.pricePerKwYear().orElse(null))
                    .put("floor", o.floor() == be.meterkast.domain.CapacityFloor.AVERAGE ? "average" : "each_month")
                    .put("months", new JsonArray(o.months().stream().map(m -> new JsonObject()
                            .put("month", m.month().toString())
                            .put("fluviusKw", m.fluvius().map(be.meterkast.domain.MonthlyPeak::kilowatts).orElse(null))
                            .put("quarterHoursKw", m.quarterHours().map(be.meterkast.domain.MonthlyPeak::kilowatts).orElse(null))
                            .put("differ", m.differ()).put("peak", peak(m.counted()))
                            .put("averageKw", m.average().setScale(3, java.math.RoundingMode.HALF_UP))
                            .put("capacity", m.costInCents())).toList()));
            body.put("thisMonth", o.thisMonth().map(t -> new JsonObject().put("month", t.month().toString())
                    .put("peak", peak(t.peak())).put("averageKw", t.average().setScale(3, java.math.RoundingMode.HALF_UP))
                    .put("capacityIfItStays", t.costInCents())).orElse(null));
            body.put("whatIf", o.whatIf().map(w -> new JsonObject().put("capKw", w.capKw())
                    .put("yearNow", w.yearNowInCents()).put("yearCapped", w.yearCappedInCents())
                    .put("savingPerYear", w.savingInCents()).put("vatIncluded", true)
                    .put("peaksAbove", new JsonArray(w.above().stream().map(CostApiRoutes::peak).toList()))).orElse(null));
            ApiJson.send(ctx, 200, body);
        }).onFailure(ctx::fail);
    }

    private static JsonObject peak(be.meterkast.domain.MonthlyPeak p) {
        return new JsonObject().put("month", p.month().toString()).put("kw", p.kilowatts())
                .put("start", p.start().toString()).put("end", p.end().toString());
    }

    private void requirePriceImporter(RoutingContext ctx) {
        if (CostService.mayImportPrices(CurrentUser.user(ctx).admin())) {
            ctx.next();
        } else {
            ApiJson.error(ctx, 403, "forbidden", "Day-ahead prices are shared by every household: only an "
                    + "administrator imports them.");
        }
    }

    /** A day-ahead price file, stored whole or not at all: a wrong line answers 422 naming it. */
    private void importPrices(RoutingContext ctx) {
        Optional<Uploads.Upload> file = Uploads.files(ctx).stream()
                .filter(upload -> upload.field().isEmpty() || upload.field().equals("file")).findFirst();
        if (file.isEmpty()) {
            ApiJson.error(ctx, 400, "invalid", "Send the price file (start;price in €/MWh) as the body "
                    + "(Content-Type: text/csv) or as the multipart field 'file'.");
            return;
        }
        costs.importPrices(LineSource.file(ctx.vertx(), file.get().path()))
                .eventually(() -> Uploads.discard(ctx))
                .onSuccess(imported -> ApiJson.send(ctx, 200, new JsonObject().put("prices", imported.prices())
                        .put("from", imported.from().toString()).put("to", imported.to().toString())
                        .put("resolution", imported.quarterHours() ? "quarter_hour" : "hour")))
                .onFailure(err -> {
                    if (err instanceof PriceFile.Refused refused) {
                        ApiJson.send(ctx, 422, new JsonObject().put("error", "refused")
                                .put("message", "Nothing was stored: " + priceError(Locale.ENGLISH, refused))
                                .put("line", refused.line()));
                    } else {
                        ctx.fail(err);
                    }
                });
    }

    /** "Line 7: …", in {@code locale}. */
    public static String priceError(Locale locale, PriceFile.Refused refused) {
        return Templates.text(locale, "costs.prices.error.line", refused.line(),
                Templates.text(locale, refused.messageKey(), refused.arguments()));
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
            if (name.equals("dynamic")) {
                if (!dynamic(ctx, index, value, fields)) {
                    return Optional.empty();
                }
                continue;
            }
            if (!TariffInput.FIELDS.contains(name) || name.startsWith("dynamic.")) {
                invalid(ctx, index, name, "Not a field of a tariff period; the fields are " + API_FIELDS + ".");
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

    /** {@code dynamic: {factor, adder}} (or null: a fixed-price period) as the two fields {@link TariffInput} reads. */
    private static boolean dynamic(RoutingContext ctx, int index, Object value, Map<String, String> fields) {
        if (value == null) {
            return true;
        }
        if (!(value instanceof JsonObject dynamic)) {
            invalid(ctx, index, "dynamic", "Send {\"factor\": …, \"adder\": …} or null.");
            return false;
        }
        for (String name : dynamic.fieldNames()) {
            Object part = dynamic.getValue(name);
            if (!name.equals("factor") && !name.equals("adder")) {
                invalid(ctx, index, "dynamic." + name, "Not a field of a dynamic price; send factor and adder.");
                return false;
            }
            if (part instanceof JsonObject || part instanceof JsonArray) {
                invalid(ctx, index, "dynamic." + name, "Send a number.");
                return false;
            }
            fields.put("dynamic." + name, part == null ? "" : part instanceof BigDecimal d ? d.toPlainString() : part.toString());
        }
        return true;
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
                .put("vatPercent", p.vatPercent().stripTrailingZeros()).put("pricesIncludeVat", p.pricesIncludeVat())
                .put("dynamic", p.dynamic().map(d -> new JsonObject().put("factor", d.factor()).put("adder", d.adder()))
                        .orElse(null))
                .put("capacityFloor", TariffInput.floor(p.capacityFloor()));
    }
}
