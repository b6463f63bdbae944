package be.meterkast.web.exports;

import be.meterkast.analysis.PeriodSummary;
import be.meterkast.domain.Reading;
import be.meterkast.store.Meter;
import be.meterkast.web.BadParameters;
import be.meterkast.web.DailyData;
import be.meterkast.web.Paths;
import be.meterkast.web.Period;
import be.meterkast.web.PortalServices;
import be.meterkast.web.auth.CurrentUser;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

import java.util.List;
import java.util.Optional;

/**
 * Downloads of one meter's days over a period (the period picker's parameters): {@code long.csv} (one row per
 * stored reading), {@code wide.csv} (one row per day) and {@code daily.json}. Computed by the same analysis
 * as the pages; meters outside the user's households answer 404.
 */
public final class ExportRoutes {
    public static final String LONG_CSV = "long.csv";
    public static final String WIDE_CSV = "wide.csv";
    public static final String DAILY_JSON = "daily.json";
    private static final String METER_KEY = "exportMeter";
    private static final String PERIOD_KEY = "exportPeriod";

    private final Vertx vertx;
    private final PortalServices services;

    public ExportRoutes(Vertx vertx, PortalServices services) {
        this.vertx = vertx;
        this.services = services;
    }

    public Router router() {
        Router router = Router.router(vertx);
        router.get("/meters/:meterId/:file").handler(this::requireVisible).handler(this::requirePeriod)
                .handler(this::sendExport);
        return router;
    }

    private void requireVisible(RoutingContext ctx) {
        Optional<Long> id = Paths.id(ctx.pathParam("meterId"));
        if (id.isEmpty() || !List.of(LONG_CSV, WIDE_CSV, DAILY_JSON).contains(ctx.pathParam("file"))) {
            ctx.fail(404);
            return;
        }
        services.meters().findForUser(CurrentUser.user(ctx).id(), id.get()).onSuccess(meter -> {
            if (meter.isEmpty()) {
                ctx.fail(404);
            } else {
                ctx.put(METER_KEY, meter.get());
                ctx.next();
            }
        }).onFailure(ctx::fail);
    }

    private void requirePeriod(RoutingContext ctx) {
        Period.Either period = DailyData.period(ctx, services.clock());
        if (period.period().isEmpty()) {
            ctx.fail(400, new BadParameters(period.errorKey()));
            return;
        }
        ctx.put(PERIOD_KEY, period.period().get());
        ctx.next();
    }

    private void sendExport(RoutingContext ctx) {
        Meter meter = ctx.get(METER_KEY);
        Period period = ctx.get(PERIOD_KEY);
        String file = ctx.pathParam("file");
        services.readings().days(meter.id(), DailyData.from(period.first()), DailyData.to(period.last()))
                .onSuccess(readings -> {
                    int dot = file.indexOf('.');
                    String name = DailyExport.fileName(meter, period.first(), period.last(), file.substring(0, dot))
                            + file.substring(dot);
                    ctx.response().putHeader("Content-Disposition", "attachment; filename=\"" + name + "\"")
                            .putHeader("Cache-Control", "no-store");
                    switch (file) {
                        case LONG_CSV -> csv(ctx, DailyExport.longCsv(meter, readings, period.first(), period.last()));
                        case WIDE_CSV -> csv(ctx, DailyExport.wideCsv(meter, summary(meter, readings, period)));
                        default -> ctx.response().putHeader("Content-Type", "application/json; charset=utf-8")
                                .end(DailyExport.dailyJson(meter, summary(meter, readings, period)).encodePrettily());
                    }
                })
                .onFailure(ctx::fail);
    }

    private static PeriodSummary summary(Meter meter, List<Reading> readings, Period period) {
        return DailyData.summary(readings, period.first(), period.last(), DailyData.unitOf(meter));
    }

    private static void csv(RoutingContext ctx, String body) {
        ctx.response().putHeader("Content-Type", "text/csv; charset=utf-8").end(body);
    }
}
