package be.meterkast.analysis.costs;

import be.meterkast.analysis.CapacityTariff;
import be.meterkast.domain.CapacityFloor;
import be.meterkast.domain.MonthlyPeak;
import be.meterkast.domain.TariffPeriod;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The capacity tariff in euro for one electricity meter: per month its peak as Fluvius sent it and as the stored
 * quarter-hours give it (Fluvius' counts where both exist; a difference is shown), the running 12-month average
 * and the month's cost; this month so far; and what capping every monthly peak would save. Pure.
 */
public final class CapacityOverview {
    private static final int SCALE = 12;
    private static final BigDecimal TWELVE = BigDecimal.valueOf(12);
    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    private CapacityOverview() {
    }

    /**
     * A month: Fluvius' peak and the quarter-hours' (either may be absent), the one counted, whether the two
     * differ, the running average it gives, and the month's capacity cost before VAT (empty without a price).
     */
    public record Month(YearMonth month, Optional<MonthlyPeak> fluvius, Optional<MonthlyPeak> quarterHours,
                        MonthlyPeak counted, boolean differ, BigDecimal average, Optional<BigDecimal> cost) {
        public BigDecimal costInCents() {
            return cost.map(CostLines::cents).orElse(null);
        }
    }

    /** This month so far: its peak, and the month's capacity cost (before VAT) if no higher quarter-hour comes. */
    public record ThisMonth(YearMonth month, MonthlyPeak peak, BigDecimal average, Optional<BigDecimal> costIfItStays) {
        public BigDecimal costInCents() {
            return costIfItStays.map(CostLines::cents).orElse(null);
        }
    }

    /**
     * Capping every monthly peak of the last 12 months at {@code capKw}: the yearly capacity cost now and capped
     * (today's price and floor, VAT included as on the bill), the saving, and the months whose peak is above the cap.
     */
    public record WhatIf(BigDecimal capKw, BigDecimal yearNow, BigDecimal yearCapped, BigDecimal saving,
                         List<MonthlyPeak> above) {
        public BigDecimal savingInCents() {
            return CostLines.cents(saving);
        }

        public BigDecimal yearNowInCents() {
            return CostLines.cents(yearNow);
        }

        public BigDecimal yearCappedInCents() {
            return CostLines.cents(yearCapped);
        }
    }

    public record Overview(List<Month> months, Optional<ThisMonth> thisMonth, Optional<WhatIf> whatIf,
                           Optional<BigDecimal> pricePerKwYear, CapacityFloor floor) {
    }

    /**
     * @param today   this month is the month of {@code today}; the last 12 months end with it
     * @param capKw   the what-if cap, if one is asked
     */
    public static Overview of(List<MonthlyPeak> fluvius, List<MonthlyPeak> quarterHours, List<TariffPeriod> periods,
                              LocalDate today, Optional<BigDecimal> capKw) {
        List<TariffPeriod> sorted = periods.stream().sorted(Comparator.comparing(TariffPeriod::validFrom)).toList();
        Map<YearMonth, MonthlyPeak> fromFluvius = byMonth(fluvius);
        Map<YearMonth, MonthlyPeak> fromQuarters = byMonth(quarterHours);
        Map<YearMonth, MonthlyPeak> counted = new TreeMap<>(fromQuarters);
        counted.putAll(fromFluvius);
        List<MonthlyPeak> used = List.copyOf(counted.values());
        YearMonth thisMonth = YearMonth.from(today);
        List<Month> months = new ArrayList<>();
        for (MonthlyPeak peak : used) {
            YearMonth month = peak.month();
            CapacityFloor floor = periodOn(sorted, month.atDay(1)).map(TariffPeriod::capacityFloor)
                    .orElse(CapacityFloor.EACH_MONTH);
            BigDecimal average = CapacityTariff.exactAverage(used, month, floor).orElseThrow();
            Optional<MonthlyPeak> f = Optional.ofNullable(fromFluvius.get(month));
            Optional<MonthlyPeak> q = Optional.ofNullable(fromQuarters.get(month));
            boolean differ = f.isPresent() && q.isPresent()
                    && f.get().kilowatts().compareTo(q.get().kilowatts()) != 0;
            months.add(0, new Month(month, f, q, peak, differ, average, monthCost(sorted, month, average)));
        }
        Optional<ThisMonth> now = months.stream().filter(m -> m.month().equals(thisMonth)).findFirst()
                .map(m -> new ThisMonth(thisMonth, m.counted(), m.average(), m.cost()));
        Optional<TariffPeriod> current = periodOn(sorted, today);
        Optional<BigDecimal> price = current.flatMap(TariffPeriod::capacityPerKwYear);
        CapacityFloor floor = current.map(TariffPeriod::capacityFloor).orElse(CapacityFloor.EACH_MONTH);
        Optional<WhatIf> whatIf = capKw.flatMap(cap -> price.flatMap(p -> whatIf(used, thisMonth, cap, p,
                current.get(), floor)));
        return new Overview(months, now, whatIf, price, floor);
    }

    private static Optional<WhatIf> whatIf(List<MonthlyPeak> used, YearMonth thisMonth, BigDecimal cap, BigDecimal price,
                                           TariffPeriod current, CapacityFloor floor) {
        YearMonth from = thisMonth.minusMonths(11);
        List<MonthlyPeak> year = used.stream().filter(p -> !p.month().isBefore(from) && !p.month().isAfter(thisMonth))
                .toList();
        if (year.isEmpty()) {
            return Optional.empty();
        }
        YearMonth last = year.get(year.size() - 1).month();
        List<MonthlyPeak> capped = year.stream().map(p -> p.kilowatts().compareTo(cap) <= 0 ? p
                : new MonthlyPeak(p.month(), cap, p.start(), p.end())).toList();
        BigDecimal vatFactor = current.pricesIncludeVat() ? BigDecimal.ONE
                : BigDecimal.ONE.add(current.vatPercent().divide(HUNDRED, SCALE, RoundingMode.HALF_EVEN));
        BigDecimal now = CapacityTariff.exactAverage(year, last, floor).orElseThrow().multiply(price).multiply(vatFactor);
        BigDecimal then = CapacityTariff.exactAverage(capped, last, floor).orElseThrow().multiply(price).multiply(vatFactor);
        List<MonthlyPeak> above = year.stream().filter(p -> p.kilowatts().compareTo(cap) > 0)
                .sorted(Comparator.comparing(MonthlyPeak::kilowatts).reversed()).toList();
        return Optional.of(new WhatIf(cap, now, then, now.subtract(then), above));
    }

    /** The month's capacity before VAT: each day's share with the period valid on it, as the costs count it. */
    private static Optional<BigDecimal> monthCost(List<TariffPeriod> sorted, YearMonth month, BigDecimal average) {
        BigDecimal sum = BigDecimal.ZERO;
        boolean priced = false;
        for (int d = 1; d <= month.lengthOfMonth(); d++) {
            Optional<TariffPeriod> period = periodOn(sorted, month.atDay(d));
            if (period.isEmpty() || period.get().capacityPerKwYear().isEmpty()) {
                continue;
            }
            priced = true;
            BigDecimal share = average.multiply(period.get().capacityPerKwYear().get())
                    .divide(TWELVE.multiply(BigDecimal.valueOf(month.lengthOfMonth())), SCALE, RoundingMode.HALF_EVEN);
            if (period.get().pricesIncludeVat()) {
                share = share.divide(BigDecimal.ONE.add(period.get().vatPercent().divide(HUNDRED, SCALE,
                        RoundingMode.HALF_EVEN)), SCALE, RoundingMode.HALF_EVEN);
            }
            sum = sum.add(share);
        }
        return priced ? Optional.of(sum) : Optional.empty();
    }

    private static Optional<TariffPeriod> periodOn(List<TariffPeriod> sorted, LocalDate day) {
        return CostCalculation.periodOn(sorted, day);
    }

    private static Map<YearMonth, MonthlyPeak> byMonth(List<MonthlyPeak> peaks) {
        Map<YearMonth, MonthlyPeak> map = new TreeMap<>();
        peaks.forEach(p -> map.put(p.month(), p));
        return map;
    }
}
