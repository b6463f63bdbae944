package be.meterkast.analysis;

import be.meterkast.domain.CapacityFloor;
import be.meterkast.domain.MonthlyPeak;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Flanders' capacity tariff: each month's highest quarter-hour power, and the running average of the last 12
 * months that the grid fee is based on, where a month counts for at least 2.5 kW.
 */
public final class CapacityTariff {
    public static final BigDecimal MINIMUM_KW = new BigDecimal("2.5");
    static final int MONTHS = 12;

    private CapacityTariff() {
    }

    /** A month's peak with the 12-month running average up to and including that month. */
    public record Row(MonthlyPeak peak, BigDecimal runningAverage, int monthsInAverage) {
    }

    /** One row per month with a peak, newest first. */
    public static List<Row> rows(List<MonthlyPeak> peaks) {
        List<MonthlyPeak> sorted = peaks.stream().sorted(Comparator.comparing(MonthlyPeak::month)).toList();
        List<Row> rows = new ArrayList<>();
        for (MonthlyPeak peak : sorted) {
            List<BigDecimal> window = window(sorted, peak.month());
            rows.add(0, new Row(peak, average(window, 3), window.size()));
        }
        return rows;
    }

    /**
     * The running average {@code month}'s capacity cost is based on, unrounded (to 12 decimals) for costs that
     * are rounded once at the end; empty when {@code month} has no peak.
     */
    public static java.util.Optional<BigDecimal> exactAverage(List<MonthlyPeak> peaks, YearMonth month) {
        return exactAverage(peaks, month, CapacityFloor.EACH_MONTH);
    }

    /** As {@link #exactAverage(List, YearMonth)}, the 2.5 kW minimum applied as {@code floor} says. */
    public static java.util.Optional<BigDecimal> exactAverage(List<MonthlyPeak> peaks, YearMonth month,
                                                             CapacityFloor floor) {
        if (peaks.stream().noneMatch(p -> p.month().equals(month))) {
            return java.util.Optional.empty();
        }
        if (floor == CapacityFloor.EACH_MONTH) {
            return java.util.Optional.of(average(window(peaks, month), 12));
        }
        YearMonth from = month.minusMonths(MONTHS - 1L);
        List<BigDecimal> raw = peaks.stream().filter(p -> !p.month().isBefore(from) && !p.month().isAfter(month))
                .map(MonthlyPeak::kilowatts).toList();
        return java.util.Optional.of(average(raw, 12).max(MINIMUM_KW));
    }

    /** The 12 months up to and including {@code month} that have a peak, each counted for at least the minimum. */
    private static List<BigDecimal> window(List<MonthlyPeak> peaks, YearMonth month) {
        YearMonth from = month.minusMonths(MONTHS - 1L);
        return peaks.stream().filter(p -> !p.month().isBefore(from) && !p.month().isAfter(month))
                .map(p -> p.kilowatts().max(MINIMUM_KW)).toList();
    }

    private static BigDecimal average(List<BigDecimal> window, int scale) {
        return window.stream().reduce(BigDecimal.ZERO, BigDecimal::add)
                .divide(BigDecimal.valueOf(window.size()), scale, RoundingMode.HALF_UP);
    }
}
