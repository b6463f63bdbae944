package be.meterkast.analysis;

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
            YearMonth from = peak.month().minusMonths(MONTHS - 1L);
            List<BigDecimal> window = sorted.stream()
                    .filter(p -> !p.month().isBefore(from) && !p.month().isAfter(peak.month()))
                    .map(p -> p.kilowatts().max(MINIMUM_KW)).toList();
            BigDecimal average = window.stream().reduce(BigDecimal.ZERO, BigDecimal::add)
                    .divide(BigDecimal.valueOf(window.size()), 3, RoundingMode.HALF_UP);
            rows.add(0, new Row(peak, average, window.size()));
        }
        return rows;
    }
}
