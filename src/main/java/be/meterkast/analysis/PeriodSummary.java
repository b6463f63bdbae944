package be.meterkast.analysis;

import be.meterkast.domain.Tariff;
import be.meterkast.domain.Unit;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * A run of local days: the days with data, the days without (never counted as zero), and the totals over
 * the days with data.
 */
public record PeriodSummary(LocalDate firstDay, LocalDate lastDay, Unit unit, List<DailyUsage> days,
                            List<LocalDate> missingDays, Map<Tariff, BigDecimal> offtake,
                            Map<Tariff, BigDecimal> injection) implements RegisterTotals {
    public PeriodSummary {
        days = List.copyOf(days);
        missingDays = List.copyOf(missingDays);
        offtake = Map.copyOf(offtake);
        injection = Map.copyOf(injection);
    }

    /** Net per day with data, to three decimals; zero when no day has data. */
    public BigDecimal averageNetPerDay() {
        return days.isEmpty() ? BigDecimal.ZERO
                : net().divide(BigDecimal.valueOf(days.size()), 3, RoundingMode.HALF_UP);
    }

    public BigDecimal averageOfftakePerDay() {
        return perDay(totalOfftake());
    }

    public BigDecimal averageInjectionPerDay() {
        return perDay(totalInjection());
    }

    /** The whole day with the most offtake, if any; an incomplete day's offtake is only what arrived. */
    public java.util.Optional<DailyUsage> busiestDay() {
        return days.stream().filter(d -> !d.isIncomplete()).max(java.util.Comparator.comparing(DailyUsage::totalOfftake));
    }

    /** The whole day with the least offtake, if any: a partial day would always look quietest. */
    public java.util.Optional<DailyUsage> quietestDay() {
        return days.stream().filter(d -> !d.isIncomplete()).min(java.util.Comparator.comparing(DailyUsage::totalOfftake));
    }

    private BigDecimal perDay(BigDecimal total) {
        return days.isEmpty() ? BigDecimal.ZERO : total.divide(BigDecimal.valueOf(days.size()), 3, RoundingMode.HALF_UP);
    }

    /** The days with data that Fluvius did not send whole: the totals hold only what arrived for them. */
    public List<LocalDate> incompleteDays() {
        return days.stream().filter(DailyUsage::isIncomplete).map(DailyUsage::day).toList();
    }

    public boolean singleRegister() {
        return days.stream().allMatch(DailyUsage::singleRegister);
    }

}
