package be.meterkast.analysis.costs;

import be.meterkast.analysis.DailyUsage;
import be.meterkast.domain.Tariff;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * kWh and euro side by side, per day or per month: what the month and year views show. Pure. A bucket's
 * averages are per day with data (kWh) and per calendar day (euro: capacity and fixed fees run on every day).
 */
public final class UsageAndCost {
    private UsageAndCost() {
    }

    /**
     * One day or month: its first day, its calendar days and those with data, offtake per register, injection,
     * net (offtake − injection) in kWh, and its cost lines (exact).
     */
    public record Bucket(LocalDate first, int days, int daysWithData, BigDecimal offtakeDay, BigDecimal offtakeNight,
                         BigDecimal offtakeSingle, BigDecimal injection, CostLines cost) {
        public BigDecimal offtake() {
            return offtakeDay.add(offtakeNight).add(offtakeSingle);
        }

        public BigDecimal net() {
            return offtake().subtract(injection);
        }

        public YearMonth month() {
            return YearMonth.from(first);
        }

        public CostLines.Rounded costRounded() {
            return cost.rounded();
        }

        /** Net kWh per day with data; null without data. */
        public BigDecimal netPerDay() {
            return daysWithData == 0 ? null : net().divide(BigDecimal.valueOf(daysWithData), 3, RoundingMode.HALF_UP);
        }

        /** Euro per calendar day, to the cent. */
        public BigDecimal costPerDay() {
            return days == 0 ? null : CostLines.cents(cost.total().divide(BigDecimal.valueOf(days), 12, RoundingMode.HALF_EVEN));
        }

        Bucket plus(Bucket other) {
            return new Bucket(first.isBefore(other.first) ? first : other.first, days + other.days,
                    daysWithData + other.daysWithData, offtakeDay.add(other.offtakeDay),
                    offtakeNight.add(other.offtakeNight), offtakeSingle.add(other.offtakeSingle),
                    injection.add(other.injection), cost.plus(other.cost));
        }
    }

    /** One bucket per day of {@code costs}, in order. */
    public static List<Bucket> byDay(Costs costs, List<DailyUsage> usage) {
        return buckets(costs, usage, day -> day);
    }

    /** One bucket per calendar month of {@code costs} (the part of it asked for), in order. */
    public static List<Bucket> byMonth(Costs costs, List<DailyUsage> usage) {
        return buckets(costs, usage, day -> day.withDayOfMonth(1));
    }

    /** All of them in one. */
    public static Bucket total(List<Bucket> buckets, LocalDate first) {
        return buckets.stream().reduce(empty(first), Bucket::plus);
    }

    private static Bucket empty(LocalDate first) {
        return new Bucket(first, 0, 0, BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO, CostLines.ZERO);
    }

    private static List<Bucket> buckets(Costs costs, List<DailyUsage> usage, Function<LocalDate, LocalDate> key) {
        Map<LocalDate, DailyUsage> byDay = new HashMap<>();
        usage.forEach(u -> byDay.put(u.day(), u));
        Map<LocalDate, Bucket> buckets = new java.util.LinkedHashMap<>();
        for (DayCost day : costs.days()) {
            DailyUsage used = byDay.get(day.day());
            Bucket one = used == null
                    ? new Bucket(day.day(), 1, 0, BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO, day.lines())
                    : new Bucket(day.day(), 1, 1, used.offtake(Tariff.DAY), used.offtake(Tariff.NIGHT),
                    used.offtake(Tariff.SINGLE), used.totalInjection(), day.lines());
            buckets.merge(key.apply(day.day()), one, Bucket::plus);
        }
        return new ArrayList<>(buckets.values());
    }
}
