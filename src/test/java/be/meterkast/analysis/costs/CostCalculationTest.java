package be.meterkast.analysis.costs;

import be.meterkast.analysis.DailyAnalysis;
import be.meterkast.analysis.DailyUsage;
import be.meterkast.domain.Direction;
import be.meterkast.domain.MeterKind;
import be.meterkast.domain.MonthlyPeak;
import be.meterkast.domain.Reading;
import be.meterkast.domain.Tariff;
import be.meterkast.domain.TariffPeriod;
import be.meterkast.domain.Unit;
import be.meterkast.domain.time.LocalDays;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** Every expected figure below is worked out by hand in the comment above it. */
class CostCalculationTest {

    @Test
    @DisplayName("a tariff change in the middle of a month prices each day with the period valid on it")
    void tariffChangeMidMonth() {
        TariffPeriod spring = period("2025-01-01").day("0.30").night("0.20").build();
        TariffPeriod summer = period("2025-06-16").day("0.40").night("0.25").build();
        List<DailyUsage> days = List.of(dayNight("2025-06-15", "10", "5"), dayNight("2025-06-16", "10", "5"));

        Costs costs = electricity("2025-06-15", "2025-06-16", days, List.of(), summer, spring);

        // 15 June: 10 × 0.30 + 5 × 0.20 = 4.00; 16 June: 10 × 0.40 + 5 × 0.25 = 5.25
        assertThat(costs.days().get(0).lines().rounded().energy()).isEqualByComparingTo("4.00");
        assertThat(costs.days().get(1).lines().rounded().energy()).isEqualByComparingTo("5.25");
        assertThat(costs.days().get(0).period()).contains(spring);
        assertThat(costs.days().get(1).period()).contains(summer);
        // VAT 6 %: 0.24 + 0.315 = 0.555, to cents once at the end: 0.56; total 9.25 + 0.555 = 9.805 → 9.81
        CostLines.Rounded total = costs.total().rounded();
        assertThat(total.energy()).isEqualByComparingTo("9.25");
        assertThat(total.vat()).isEqualByComparingTo("0.56");
        assertThat(total.total()).isEqualByComparingTo("9.81");
        assertThat(costs.periodsUsed()).containsExactly(spring, summer);
    }

    @Test
    @DisplayName("capacity: the running average of monthly peaks, each month at least 2.5 kW, × €/kW/year ÷ 12, spread over the month")
    void capacityRunningAverage() {
        TariffPeriod tariff = period("2025-01-01").capacity("60").build();
        List<MonthlyPeak> peaks = List.of(peak(2025, 1, "2.0"), peak(2025, 2, "4.0"), peak(2025, 3, "3.0"));

        Costs march = electricity("2025-03-01", "2025-03-31", List.of(), peaks, tariff);

        // January counts for 2.5 kW: (2.5 + 4.0 + 3.0) / 3 = 3.1666… kW; × 60 / 12 = 15.8333… € for March,
        // 0.5107… € a day over its 31 days; VAT 6 % of 15.8333… = 0.95; total 16.7833… → 16.78
        CostLines.Rounded total = march.total().rounded();
        assertThat(total.capacity()).isEqualByComparingTo("15.83");
        assertThat(march.days().get(0).lines().rounded().capacity()).isEqualByComparingTo("0.51");
        assertThat(total.vat()).isEqualByComparingTo("0.95");
        assertThat(total.total()).isEqualByComparingTo("16.78");
        assertThat(march.missing()).containsOnlyKeys(Missing.READINGS);
    }

    @Test
    @DisplayName("a month whose peak is below 2.5 kW pays for 2.5 kW")
    void capacityMinimum() {
        TariffPeriod tariff = period("2025-01-01").capacity("48").vat("0").build();

        Costs april = electricity("2025-04-01", "2025-04-30", List.of(), List.of(peak(2025, 4, "1.2")), tariff);

        // 2.5 kW × 48 / 12 = 10.00 € for April, 1/3 € on each of its 30 days
        assertThat(april.total().rounded().capacity()).isEqualByComparingTo("10.00");
        assertThat(april.days().get(0).lines().rounded().capacity()).isEqualByComparingTo("0.33");
    }

    @Test
    @DisplayName("the 25-hour DST day is one day: its kWh at the day's price and one day's fixed fees; prices with VAT included add up to the total")
    void dstDayWithVatIncluded() {
        // 2025-10-26 in Brussels runs from 22:00 UTC on the 25th to 23:00 UTC on the 26th
        Reading longDay = new Reading(Instant.parse("2025-10-25T22:00:00Z"), Instant.parse("2025-10-26T23:00:00Z"),
                Tariff.SINGLE, Direction.OFFTAKE, Unit.KWH, new BigDecimal("25"), false);
        List<DailyUsage> days = DailyAnalysis.daily(List.of(longDay), LocalDays.BRUSSELS, Unit.KWH);
        TariffPeriod tariff = period("2025-01-01").single("0.24").fixed("365").includingVat().build();

        Costs costs = electricity("2025-10-26", "2025-10-26", days, List.of(), tariff);

        // with VAT: 25 × 0.24 = 6.00 energy and 365 / 365 = 1.00 fixed, 7.00 in all;
        // before VAT 6.00 / 1.06 = 5.660… → 5.66 and 1.00 / 1.06 = 0.943… → 0.94; VAT 7.00 − 6.603… = 0.396… → 0.40
        CostLines.Rounded day = costs.total().rounded();
        assertThat(costs.days()).hasSize(1);
        assertThat(day.energy()).isEqualByComparingTo("5.66");
        assertThat(day.fixed()).isEqualByComparingTo("0.94");
        assertThat(day.vat()).isEqualByComparingTo("0.40");
        assertThat(day.total()).isEqualByComparingTo("7.00");
        assertThat(costs.missing()).containsOnlyKeys(Missing.CAPACITY_PRICE);
    }

    @Test
    @DisplayName("injection is paid back: negative, without VAT")
    void injectionNegative() {
        TariffPeriod tariff = period("2025-01-01").day("0.30").night("0.20").injection("0.05").capacity("0").build();
        DailyUsage day = new DailyUsage(LocalDate.parse("2025-06-15"), Unit.KWH,
                Map.of(Tariff.DAY, new BigDecimal("2"), Tariff.NIGHT, BigDecimal.ZERO),
                Map.of(Tariff.DAY, new BigDecimal("8"), Tariff.NIGHT, BigDecimal.ZERO), false);

        Costs costs = electricity("2025-06-15", "2025-06-15", List.of(day), List.of(peak(2025, 6, "3")), tariff);

        // energy 2 × 0.30 = 0.60, VAT 0.036 → 0.04; injection −8 × 0.05 = −0.40; total 0.60 + 0.036 − 0.40 = 0.236 → 0.24
        CostLines.Rounded total = costs.total().rounded();
        assertThat(total.injection()).isEqualByComparingTo("-0.40");
        assertThat(total.vat()).isEqualByComparingTo("0.04");
        assertThat(total.total()).isEqualByComparingTo("0.24");
    }

    @Test
    @DisplayName("what is not known is said: no tariff before the first period, no night price, no peak for the month")
    void missing() {
        TariffPeriod tariff = period("2025-06-02").day("0.30").capacity("50").build();
        List<DailyUsage> days = List.of(dayNight("2025-06-01", "4", "3"), dayNight("2025-06-02", "4", "3"));

        Costs costs = electricity("2025-06-01", "2025-06-02", days, List.of(), tariff);

        assertThat(costs.days().get(0).lines()).isEqualTo(CostLines.ZERO);
        assertThat(costs.days().get(0).period()).isEmpty();
        // the day register is priced, the night register's 3 kWh are not: 4 × 0.30 = 1.20
        assertThat(costs.days().get(1).lines().rounded().energy()).isEqualByComparingTo("1.20");
        assertThat(costs.missing()).containsOnly(
                Map.entry(Missing.TARIFF, List.of(LocalDate.parse("2025-06-01"))),
                Map.entry(Missing.NIGHT_PRICE, List.of(LocalDate.parse("2025-06-02"))),
                Map.entry(Missing.PEAK, List.of(LocalDate.parse("2025-06-02"))));
    }

    @Test
    @DisplayName("gas is priced from Fluvius' kWh; a day stored only in m³ says its kWh are missing, with no guessed factor")
    void gasFromKwh() {
        TariffPeriod tariff = period("2025-01-01").gas("0.08").fixed("100").capacity("50").build();
        DailyUsage kwh = new DailyUsage(LocalDate.parse("2025-01-10"), Unit.KWH,
                Map.of(Tariff.SINGLE, new BigDecimal("50")), Map.of(), false);

        Costs costs = CostCalculation.costs(new CostCalculation.Input(MeterKind.GAS, LocalDate.parse("2025-01-10"),
                LocalDate.parse("2025-01-11"), List.of(kwh), Set.of(LocalDate.parse("2025-01-11")), List.of(),
                List.of(tariff)));

        // 50 kWh × 0.08 = 4.00, VAT 0.24; a gas meter pays neither capacity nor the (electricity) fixed fees
        assertThat(costs.days().get(0).lines().rounded().total()).isEqualByComparingTo("4.24");
        assertThat(costs.days().get(1).lines().total()).isZero();
        assertThat(costs.missing()).containsOnly(Map.entry(Missing.GAS_KWH, List.of(LocalDate.parse("2025-01-11"))));
    }

    @Test
    @DisplayName("per month: the days of each month summed, with what was missing in it")
    void months() {
        TariffPeriod tariff = period("2025-01-01").single("0.25").capacity("0").build();
        List<DailyUsage> days = new ArrayList<>();
        days.add(single("2025-01-31", "4"));
        days.add(single("2025-02-01", "8"));

        Costs costs = electricity("2025-01-31", "2025-02-01", days, List.of(peak(2025, 1, "3")), tariff);

        // January: 4 × 0.25 = 1.00 (+ 0.06 VAT); February: 8 × 0.25 = 2.00 (+ 0.12), no peak stored for February
        var months = costs.months();
        assertThat(months.get(YearMonth.of(2025, 1)).lines().rounded().total()).isEqualByComparingTo("1.06");
        assertThat(months.get(YearMonth.of(2025, 2)).lines().rounded().total()).isEqualByComparingTo("2.12");
        assertThat(months.get(YearMonth.of(2025, 2)).missing()).containsExactly(Missing.PEAK);
        assertThat(months.get(YearMonth.of(2025, 1)).missing()).isEmpty();
    }

    private static Costs electricity(String first, String last, List<DailyUsage> days, List<MonthlyPeak> peaks,
                                     TariffPeriod... periods) {
        return CostCalculation.costs(new CostCalculation.Input(MeterKind.ELECTRICITY, LocalDate.parse(first),
                LocalDate.parse(last), days, Set.of(), peaks, List.of(periods)));
    }

    private static DailyUsage dayNight(String day, String dayKwh, String nightKwh) {
        return new DailyUsage(LocalDate.parse(day), Unit.KWH,
                Map.of(Tariff.DAY, new BigDecimal(dayKwh), Tariff.NIGHT, new BigDecimal(nightKwh)),
                Map.of(Tariff.DAY, BigDecimal.ZERO, Tariff.NIGHT, BigDecimal.ZERO), false);
    }

    private static DailyUsage single(String day, String kwh) {
        return new DailyUsage(LocalDate.parse(day), Unit.KWH, Map.of(Tariff.SINGLE, new BigDecimal(kwh)), Map.of(), false);
    }

    private static MonthlyPeak peak(int year, int month, String kw) {
        Instant at = YearMonth.of(year, month).atDay(10).atTime(18, 0).toInstant(ZoneOffset.UTC);
        return new MonthlyPeak(YearMonth.of(year, month), new BigDecimal(kw), at, at.plusSeconds(900));
    }

    static Builder period(String validFrom) {
        return new Builder(LocalDate.parse(validFrom));
    }

    /** A tariff period with only the prices a test names. */
    static final class Builder {
        private final LocalDate validFrom;
        private Optional<BigDecimal> day = Optional.empty();
        private Optional<BigDecimal> night = Optional.empty();
        private Optional<BigDecimal> single = Optional.empty();
        private Optional<BigDecimal> injection = Optional.empty();
        private Optional<BigDecimal> gas = Optional.empty();
        private Optional<BigDecimal> capacity = Optional.empty();
        private Optional<BigDecimal> fixed = Optional.empty();
        private BigDecimal vat = TariffPeriod.DEFAULT_VAT_PERCENT;
        private boolean includingVat;

        Builder(LocalDate validFrom) {
            this.validFrom = validFrom;
        }

        Builder day(String v) { day = Optional.of(new BigDecimal(v)); return this; }
        Builder night(String v) { night = Optional.of(new BigDecimal(v)); return this; }
        Builder single(String v) { single = Optional.of(new BigDecimal(v)); return this; }
        Builder injection(String v) { injection = Optional.of(new BigDecimal(v)); return this; }
        Builder gas(String v) { gas = Optional.of(new BigDecimal(v)); return this; }
        Builder capacity(String v) { capacity = Optional.of(new BigDecimal(v)); return this; }
        Builder fixed(String v) { fixed = Optional.of(new BigDecimal(v)); return this; }
        Builder vat(String v) { vat = new BigDecimal(v); return this; }
        Builder includingVat() { includingVat = true; return this; }

        TariffPeriod build() {
            return new TariffPeriod(validFrom, day, night, single, injection, gas, capacity, fixed, vat, includingVat);
        }
    }
}
