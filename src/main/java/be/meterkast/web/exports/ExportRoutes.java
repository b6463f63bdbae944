package be.meterkast.web.exports;

import be.meterkast.analysis.PeriodSummary;
import be.meterkast.app.meters.MeterService;
import be.meterkast.app.readings.DailyData;
import be.meterkast.app.readings.ReadingService;
import be.meterkast.app.readings.StoredDays;
import be.meterkast.store.Meter;
import be.meterkast.web.BadParameters;
import be.meterkast.web.Feature;
import be.meterkast.web.PageCache;
import be.meterkast.web.Paths;
import be.meterkast.web.Period;
import be.meterkast.web.auth.Access;
import be.meterkast.web.meters.MeterAccess;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

import java.util.List;
import java.util.Optional;

/**
 * Downloads of one meter's days over a period (the period picker's parameters): {@code long.csv} (one row per
 * stored reading), {@code wide.csv} (one row per day) and {@code daily.json}. Computed by the same analysis
 * as the pages; meters outside the user's households answer 404.
 */
public final class ExportRoutes implements Feature {
    public static final String LONG_CSV = "long.csv";
    public static final String WIDE_CSV = "wide.csv";
    public static final String DAILY_JSON = "daily.json";
    private static final String PERIOD_KEY = "exportPeriod";
    private static final Optional<String> NO_STORE = Optional.of("no-store");

    private final Vertx vertx;
    private final MeterService meters;
    private final ReadingService readings;

    public ExportRoutes(Vertx vertx, MeterService meters, ReadingService readings) {
        this.vertx = vertx;
        this.meters = meters;
        this.readings = readings;
    }

    @Override
    public void mount(Router root) {
        Router router = Router.router(vertx);
        router.get("/meters/:meterId/:file").handler(ExportRoutes::requireKnownFile)
                .handler(MeterAccess.require(meters, ctx -> ctx.fail(404))).handler(this::requirePeriod)
                .handler(this::sendExport);
        root.route(Paths.EXPORT + "*").handler(Access::requireUser);
        root.route(Paths.EXPORT + "/*").subRouter(router);
    }

    private static void requireKnownFile(RoutingContext ctx) {
        if (List.of(LONG_CSV, WIDE_CSV, DAILY_JSON).contains(ctx.pathParam("file"))) {
            ctx.next();
        } else {
            ctx.fail(404);
        }
    }

    private void requirePeriod(RoutingContext ctx) {
        Period.Either period = Period.of(ctx, readings.today());
        if (period.period().isEmpty()) {
            ctx.fail(400, new BadParameters(period.errorKey()));
            return;
        }
        ctx.put(PERIOD_KEY, period.period().get());
        ctx.next();
    }

    private void sendExport(RoutingContext ctx) {
        Meter meter = MeterAccess.meter(ctx);
        Period period = ctx.get(PERIOD_KEY);
        String file = ctx.pathParam("file");
        readings.days(meter, period.first(), period.last())
                .onSuccess(stored -> {
                    int dot = file.indexOf('.');
                    String name = DailyExport.fileName(meter, period.first(), period.last(), file.substring(0, dot))
                            + file.substring(dot);
                    ctx.response().putHeader("Content-Disposition", "attachment; filename=\"" + name + "\"");
                    switch (file) {
                        case LONG_CSV -> csv(ctx, DailyExport.longCsv(meter, stored, period.first(), period.last()));
                        case WIDE_CSV -> csv(ctx, DailyExport.wideCsv(meter, summary(meter, stored, period)));
                        default -> PageCache.respond(ctx, 200, "application/json; charset=utf-8",
                                Buffer.buffer(DailyExport.dailyJson(meter, summary(meter, stored, period)).encodePrettily()), NO_STORE);
                    }
                })
                .onFailure(ctx::fail);
    }

    private static PeriodSummary summary(Meter meter, StoredDays readings, Period period) {
        return DailyData.summary(readings, period.first(), period.last(), DailyData.unitOf(meter));
    }

    private static void csv(RoutingContext ctx, String body) {
        PageCache.respond(ctx, 200, "text/csv; charset=utf-8", Buffer.buffer(body), NO_STORE);
    }
}
