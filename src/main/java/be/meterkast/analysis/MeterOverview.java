package be.meterkast.analysis;

import be.meterkast.domain.time.LocalDays;
import be.meterkast.domain.Defect;
import be.meterkast.domain.Reading;
import be.meterkast.domain.Unit;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the home page shows per meter: the last 7 and 30 days against the 7 and 30 before them, the last
 * 30 days' net (offtake for gas) day by day, and the newest day with data.
 */
public record MeterOverview(PeriodSummary week, PeriodSummary previousWeek, PeriodSummary month,
                            PeriodSummary previousMonth, List<BigDecimal> last30Days, Optional<LocalDate> newestDay) {

    /** {@code readings} should cover the 60 days up to {@code lastDay}. */
    public static MeterOverview of(List<Reading> readings, ZoneId zone, Unit unit, LocalDate lastDay) {
        return of(readings, Map.of(), zone, unit, lastDay);
    }

    /** As {@link #of(List, ZoneId, Unit, LocalDate)}, with the days Fluvius did not send whole marked. */
    public static MeterOverview of(List<Reading> readings, Map<LocalDate, Defect> incomplete, ZoneId zone, Unit unit,
                                   LocalDate lastDay) {
        List<DailyUsage> days = DailyAnalysis.markIncomplete(DailyAnalysis.daily(DailyAnalysis.wholeDays(readings), zone, unit),
                incomplete);
        Map<LocalDate, DailyUsage> byDay = new HashMap<>();
        days.forEach(d -> byDay.put(d.day(), d));
        List<BigDecimal> spark = new ArrayList<>();
        for (LocalDate day : LocalDays.between(lastDay.minusDays(29), lastDay)) {
            DailyUsage d = byDay.get(day);
            spark.add(d == null ? null : d.net());
        }
        Optional<LocalDate> newest = days.stream().map(DailyUsage::day).filter(d -> !d.isAfter(lastDay)).max(LocalDate::compareTo);
        return new MeterOverview(
                DailyAnalysis.summarize(days, lastDay.minusDays(6), lastDay, unit),
                DailyAnalysis.summarize(days, lastDay.minusDays(13), lastDay.minusDays(7), unit),
                DailyAnalysis.summarize(days, lastDay.minusDays(29), lastDay, unit),
                DailyAnalysis.summarize(days, lastDay.minusDays(59), lastDay.minusDays(30), unit),
                spark, newest);
    }

    /**
     * Percentage change of net use per day against the previous period, as the compare page computes it,
     * to whole percents; empty when either period has no data or the previous one averages zero.
     */
    public static Optional<Integer> change(PeriodSummary now, PeriodSummary before) {
        return Comparison.difference(now, before, Comparison.Measure.NET).percent()
                .map(percent -> percent.setScale(0, RoundingMode.HALF_UP).intValue());
    }

    public Optional<Integer> weekChange() {
        return change(week, previousWeek);
    }

    public Optional<Integer> monthChange() {
        return change(month, previousMonth);
    }
}
