package be.meterkast.web;

import be.meterkast.domain.time.LocalDays;
import be.meterkast.analysis.DailyAnalysis;
import be.meterkast.analysis.PeriodSummary;
import be.meterkast.domain.Reading;
import be.meterkast.domain.Unit;
import be.meterkast.store.Meter;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;

/**
 * How pages and exports turn a meter's stored daily readings into local days, so that every page and file
 * shows the same numbers.
 */
public final class DailyData {
    public static final ZoneId ZONE = LocalDays.BRUSSELS;

    private DailyData() {
    }

    /** Electricity in kWh; gas in the unit the meter was set up with (m³ unless said otherwise). */
    public static Unit unitOf(Meter meter) {
        return meter.unit();
    }

    /** Where to start reading: the first local day's midnight. */
    public static Instant from(LocalDate first) {
        return first.atStartOfDay(ZONE).toInstant();
    }

    /** Where to stop reading: after the last day's gas day, which starts at 06:00 local time. */
    public static Instant to(LocalDate last) {
        return last.plusDays(1).atTime(6, 0).atZone(ZONE).toInstant();
    }

    /** The meter's days from {@code first} to {@code last} in its unit; days without data listed as missing. */
    public static PeriodSummary summary(List<Reading> readings, LocalDate first, LocalDate last, Unit unit) {
        return DailyAnalysis.summarize(DailyAnalysis.daily(DailyAnalysis.wholeDays(readings), ZONE, unit), first, last, unit);
    }

    /** The local date a reading's (gas) day belongs to. */
    public static LocalDate dayOf(Reading reading) {
        return reading.start().atZone(ZONE).toLocalDate();
    }

    /** The period parameters of a request; blank ones count as absent (an empty field of the picker). */
    public static Period.Either period(io.vertx.ext.web.RoutingContext ctx, java.time.Clock clock) {
        return Period.parse(param(ctx, "days"), param(ctx, "month"), param(ctx, "year"), param(ctx, "from"),
                param(ctx, "to"), Period.today(clock, ZONE));
    }

    public static String param(io.vertx.ext.web.RoutingContext ctx, String name) {
        String value = ctx.request().getParam(name);
        return value == null || value.isBlank() ? null : value.strip();
    }
}
