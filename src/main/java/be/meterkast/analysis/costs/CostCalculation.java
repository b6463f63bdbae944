package be.meterkast.analysis.costs;

import be.meterkast.analysis.CapacityTariff;
import be.meterkast.analysis.DailyUsage;
import be.meterkast.domain.DayAheadPrice;
import be.meterkast.domain.MeterKind;
import be.meterkast.domain.Reading;
import be.meterkast.domain.MonthlyPeak;
import be.meterkast.domain.Tariff;
import be.meterkast.domain.TariffPeriod;
import be.meterkast.domain.time.LocalDays;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * What a meter's days cost under the household's tariff periods. Pure: the caller brings the days (in kWh),
 * the monthly peaks and the periods. Each day is priced with the period valid on it:
 * <ul>
 *   <li>energy: each offtake register × its price (gas meters: the kWh × the gas price); on a dynamic period each
 *   quarter-hour's (or hour's) offtake × {@code factor × day-ahead price + adder} ({@link DynamicPricing});</li>
 *   <li>injection: the injected kWh × the injection price, negative, without VAT (households do not charge VAT
 *   on what they sell back);</li>
 *   <li>capacity (electricity): the month's running 12-month average of monthly peaks, each month counted for at
 *   least 2.5 kW, × €/kW/year ÷ 12, spread evenly over the month's days;</li>
 *   <li>fixed fees (electricity): €/year ÷ the days of the year;</li>
 *   <li>VAT on energy, capacity and fixed fees. With prices entered including VAT, each line is the price's
 *   share before VAT and the VAT is the rest, so the total is what the entered prices add up to.</li>
 * </ul>
 * A price that is not known counts as zero and is reported in the day's {@link Missing}.
 */
public final class CostCalculation {
    private static final int SCALE = 12;
    private static final BigDecimal TWELVE = BigDecimal.valueOf(12);
    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    private CostCalculation() {
    }

    /**
     * @param kind             electricity meters pay capacity and fixed fees, gas meters the gas price
     * @param days             the meter's days in kWh (gas: Fluvius' own kWh values)
     * @param daysWithoutKwh   days stored in another unit only (gas in m³): reported as {@link Missing#GAS_KWH}
     * @param peaks            the meter's monthly peaks, as far back as 11 months before {@code first}
     */
    /**
     * @param intervals        electricity's quarter-hour and hour readings (kWh), for the days on a dynamic period
     * @param dayAheadPrices   the day-ahead prices over those days
     */
    public record Input(MeterKind kind, LocalDate first, LocalDate last, List<DailyUsage> days,
                        Set<LocalDate> daysWithoutKwh, List<MonthlyPeak> peaks, List<TariffPeriod> periods,
                        List<Reading> intervals, List<DayAheadPrice> dayAheadPrices) {
        public Input {
            days = List.copyOf(days);
            daysWithoutKwh = Set.copyOf(daysWithoutKwh);
            peaks = List.copyOf(peaks);
            periods = periods.stream().sorted(Comparator.comparing(TariffPeriod::validFrom)).toList();
            intervals = List.copyOf(intervals);
            dayAheadPrices = List.copyOf(dayAheadPrices);
        }

        /** Without quarter-hours and day-ahead prices: fixed-price periods only. */
        public Input(MeterKind kind, LocalDate first, LocalDate last, List<DailyUsage> days,
                     Set<LocalDate> daysWithoutKwh, List<MonthlyPeak> peaks, List<TariffPeriod> periods) {
            this(kind, first, last, days, daysWithoutKwh, peaks, periods, List.of(), List.of());
        }
    }

    public static Costs costs(Input input) {
        Map<LocalDate, DailyUsage> byDay = new TreeMap<>();
        input.days().forEach(d -> byDay.put(d.day(), d));
        DynamicPricing dynamic = new DynamicPricing(input.intervals(), input.dayAheadPrices());
        List<DayCost> days = new ArrayList<>();
        for (LocalDate day : LocalDays.between(input.first(), input.last())) {
            days.add(day(input, dynamic, day, Optional.ofNullable(byDay.get(day))));
        }
        return new Costs(input.first(), input.last(), days);
    }

    /** The period valid on {@code day}: the last one starting on or before it. */
    static Optional<TariffPeriod> periodOn(List<TariffPeriod> sorted, LocalDate day) {
        TariffPeriod found = null;
        for (TariffPeriod p : sorted) {
            if (!p.validFrom().isAfter(day)) {
                found = p;
            }
        }
        return Optional.ofNullable(found);
    }

    private static DayCost day(Input input, DynamicPricing dynamic, LocalDate day, Optional<DailyUsage> usage) {
        Optional<TariffPeriod> found = periodOn(input.periods(), day);
        if (found.isEmpty()) {
            return new DayCost(day, found, CostLines.ZERO, Set.of(Missing.TARIFF));
        }
        TariffPeriod period = found.get();
        Set<Missing> missing = EnumSet.noneOf(Missing.class);
        boolean electricity = input.kind() == MeterKind.ELECTRICITY;
        if (usage.isEmpty()) {
            missing.add(!electricity && input.daysWithoutKwh().contains(day) ? Missing.GAS_KWH : Missing.READINGS);
        } else if (usage.get().isIncomplete()) {
            missing.add(Missing.INCOMPLETE_DAY);
        }
        BigDecimal energy = BigDecimal.ZERO;
        BigDecimal injection = BigDecimal.ZERO;
        BigDecimal capacity = BigDecimal.ZERO;
        BigDecimal fixed = BigDecimal.ZERO;
        if (electricity && period.dynamic().isPresent()) {
            energy = dynamic.energy(day, period.dynamic().get(), missing);
        }
        if (usage.isPresent()) {
            DailyUsage used = usage.get();
            if (electricity && period.dynamic().isPresent()) {
                injection = priced(used.totalInjection(), period.injection(), Missing.INJECTION_PRICE, missing).negate();
            } else if (electricity) {
                for (Map.Entry<Tariff, BigDecimal> register : used.offtake().entrySet()) {
                    energy = energy.add(priced(register.getValue(), period.energy(register.getKey()),
                            missingPrice(register.getKey()), missing));
                }
                injection = priced(used.totalInjection(), period.injection(), Missing.INJECTION_PRICE, missing).negate();
            } else {
                energy = priced(used.totalOfftake(), period.gas(), Missing.GAS_PRICE, missing);
            }
        }
        if (electricity) {
            capacity = capacity(input.peaks(), period, day, missing);
            fixed = period.fixedPerYear().map(f -> f.divide(BigDecimal.valueOf(day.lengthOfYear()), SCALE,
                    RoundingMode.HALF_EVEN)).orElse(BigDecimal.ZERO);
        }
        return new DayCost(day, found, withVat(period, energy, injection, capacity, fixed), missing);
    }

    private static CostLines withVat(TariffPeriod period, BigDecimal energy, BigDecimal injection, BigDecimal capacity,
                                     BigDecimal fixed) {
        BigDecimal rate = period.vatPercent().divide(HUNDRED, SCALE, RoundingMode.HALF_EVEN);
        if (!period.pricesIncludeVat()) {
            BigDecimal vat = energy.add(capacity).add(fixed).multiply(rate);
            return new CostLines(energy, injection, capacity, fixed, vat);
        }
        BigDecimal factor = BigDecimal.ONE.add(rate);
        BigDecimal netEnergy = energy.divide(factor, SCALE, RoundingMode.HALF_EVEN);
        BigDecimal netCapacity = capacity.divide(factor, SCALE, RoundingMode.HALF_EVEN);
        BigDecimal netFixed = fixed.divide(factor, SCALE, RoundingMode.HALF_EVEN);
        BigDecimal vat = energy.add(capacity).add(fixed).subtract(netEnergy).subtract(netCapacity).subtract(netFixed);
        return new CostLines(netEnergy, injection, netCapacity, netFixed, vat);
    }

    /** The day's share of its month's capacity cost. */
    private static BigDecimal capacity(List<MonthlyPeak> peaks, TariffPeriod period, LocalDate day, Set<Missing> missing) {
        if (period.capacityPerKwYear().isEmpty()) {
            missing.add(Missing.CAPACITY_PRICE);
            return BigDecimal.ZERO;
        }
        YearMonth month = YearMonth.from(day);
        Optional<BigDecimal> average = CapacityTariff.exactAverage(peaks, month, period.capacityFloor());
        if (average.isEmpty()) {
            missing.add(Missing.PEAK);
            return BigDecimal.ZERO;
        }
        return average.get().multiply(period.capacityPerKwYear().get())
                .divide(TWELVE.multiply(BigDecimal.valueOf(month.lengthOfMonth())), SCALE, RoundingMode.HALF_EVEN);
    }

    /** {@code kwh × price}; zero with {@code ifUnknown} reported when there is energy but no price. */
    private static BigDecimal priced(BigDecimal kwh, Optional<BigDecimal> price, Missing ifUnknown, Set<Missing> missing) {
        if (kwh.signum() == 0) {
            return BigDecimal.ZERO;
        }
        if (price.isEmpty()) {
            missing.add(ifUnknown);
            return BigDecimal.ZERO;
        }
        return kwh.multiply(price.get());
    }

    private static Missing missingPrice(Tariff register) {
        return switch (register) {
            case DAY -> Missing.DAY_PRICE;
            case NIGHT -> Missing.NIGHT_PRICE;
            case SINGLE -> Missing.SINGLE_PRICE;
        };
    }
}
