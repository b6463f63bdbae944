package be.meterkast.app.readings;

import be.meterkast.domain.time.LocalDays;
import be.meterkast.analysis.DailyAnalysis;
import be.meterkast.analysis.DailyUsage;
import be.meterkast.analysis.PeriodSummary;
import be.meterkast.domain.Reading;
import be.meterkast.domain.Resolution;
import be.meterkast.domain.Unit;
import be.meterkast.store.Meter;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * How pages and exports turn a meter's stored daily readings into local days, so that every page and file
 * shows the same numbers.
 */
public final class DailyData {
    private DailyData() {
    }

    /** Electricity in kWh; gas in the unit the meter was set up with (m³ unless said otherwise). */
    public static Unit unitOf(Meter meter) {
        return meter.unit();
    }

    /** Where to start reading: the first local day's midnight. */
    public static Instant from(LocalDate first) {
        return first.atStartOfDay(LocalDays.BRUSSELS).toInstant();
    }

    /** Where to stop reading: after the last day's gas day, which starts at 06:00 local time. */
    public static Instant to(LocalDate last) {
        return last.plusDays(1).atTime(LocalDays.GAS_DAY_START).atZone(LocalDays.BRUSSELS).toInstant();
    }

    /** The meter's days from {@code first} to {@code last} in its unit; days without data listed as missing. */
    public static PeriodSummary summary(List<Reading> readings, LocalDate first, LocalDate last, Unit unit) {
        return DailyAnalysis.summarize(DailyAnalysis.daily(DailyAnalysis.wholeDays(readings), LocalDays.BRUSSELS, unit), first, last, unit);
    }

    /** As {@link #summary(List, LocalDate, LocalDate, Unit)}, the days Fluvius did not send whole marked incomplete. */
    public static PeriodSummary summary(StoredDays stored, LocalDate first, LocalDate last, Unit unit) {
        List<DailyUsage> days = DailyAnalysis.daily(DailyAnalysis.wholeDays(stored.readings()), LocalDays.BRUSSELS, unit);
        return DailyAnalysis.summarize(DailyAnalysis.markIncomplete(days, stored.incomplete(Resolution.DAY)), first, last,
                unit);
    }

    /** The local date a reading's (gas) day belongs to. */
    public static LocalDate dayOf(Reading reading) {
        return reading.start().atZone(LocalDays.BRUSSELS).toLocalDate();
    }

    /** Today in Brussels. */
    public static LocalDate today(Clock clock) {
        return LocalDate.now(clock.withZone(LocalDays.BRUSSELS));
    }
}
