package be.meterkast.analysis.costs;

import be.meterkast.analysis.DailyUsage;
import be.meterkast.domain.CapacityFloor;
import be.meterkast.domain.DayAheadPrice;
import be.meterkast.domain.Direction;
import be.meterkast.domain.DynamicPrice;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** README's example bills for a dynamic contract and the capacity floor; every figure is worked out in a comment. */
class DynamicBillTest {
    private static final LocalDate TENTH = LocalDate.of(2025, 6, 10);

    @Test
    @DisplayName("README's dynamic bill: June 2025, one day of 96 quarter-hours of 0.25 kWh, 12 hours at €80/MWh and 12 at −€10/MWh")
    void readmeDynamicBill() {
        TariffPeriod dynamic = new TariffPeriod(LocalDate.of(2025, 1, 1), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.of(new BigDecimal("0.03")), Optional.empty(), Optional.of(new BigDecimal("54")),
                Optional.of(new BigDecimal("120")), new BigDecimal("6"), false,
                Optional.of(new DynamicPrice(BigDecimal.ONE, new BigDecimal("0.12"))), CapacityFloor.EACH_MONTH);
        Instant start = LocalDays.start(TENTH, LocalDays.BRUSSELS, java.time.LocalTime.MIDNIGHT);
        List<Reading> quarters = new ArrayList<>();
        for (int q = 0; q < 96; q++) {
            Instant at = start.plusSeconds(900L * q);
            quarters.add(new Reading(at, at.plusSeconds(900), q < 28 || q >= 88 ? Tariff.NIGHT : Tariff.DAY,
                    Direction.OFFTAKE, Unit.KWH, new BigDecimal("0.25"), false));
        }
        List<DayAheadPrice> hours = new ArrayList<>();
        for (int h = 0; h < 24; h++) {
            Instant at = start.plusSeconds(3600L * h);
            hours.add(new DayAheadPrice(at, at.plusSeconds(3600), new BigDecimal(h < 12 ? "80" : "-10")));
        }
        DailyUsage day = new DailyUsage(TENTH, Unit.KWH, Map.of(Tariff.NIGHT, new BigDecimal("10"), Tariff.DAY,
                new BigDecimal("14")), Map.of(Tariff.DAY, new BigDecimal("2")), false);
        MonthlyPeak june = new MonthlyPeak(YearMonth.of(2025, 6), new BigDecimal("1.0"), start, start.plusSeconds(900));

        Costs costs = CostCalculation.costs(new CostCalculation.Input(MeterKind.ELECTRICITY, LocalDate.of(2025, 6, 1),
                LocalDate.of(2025, 6, 30), List.of(day), Set.of(), List.of(june), List.of(dynamic), quarters, hours));

        CostLines.Rounded total = costs.total().rounded();
        // energy: 48 quarter-hours × 0.25 kWh × (1 × 0.080 + 0.12) = 12 × 0.20 = 2.40, and 12 × (−0.010 + 0.12) = 1.32
        assertThat(total.energy()).isEqualByComparingTo("3.72");
        // injection: 2 kWh × 0.03, paid back
        assertThat(total.injection()).isEqualByComparingTo("-0.06");
        // capacity: 1.0 kW counts as 2.5 kW; 2.5 × 54 ÷ 12 = 11.25
        assertThat(total.capacity()).isEqualByComparingTo("11.25");
        // fixed: 120 ÷ 365 × 30 = 9.8630…
        assertThat(total.fixed()).isEqualByComparingTo("9.86");
        // VAT: 6 % × (3.72 + 11.25 + 9.8630…) = 6 % × 24.8330… = 1.4900
        assertThat(total.vat()).isEqualByComparingTo("1.49");
        // total: 24.8330… − 0.06 + 1.4900… = 26.2630… → 26.26
        assertThat(total.total()).isEqualByComparingTo("26.26");
        assertThat(costs.missing()).containsOnlyKeys(Missing.READINGS, Missing.QUARTER_HOURS);
        assertThat(costs.missing().get(Missing.QUARTER_HOURS)).hasSize(29).doesNotContain(TENTH);
    }

    @Test
    @DisplayName("README's floor example: peaks of 1, 1 and 7 kW average 4.0 kW floored each month, 3.0 kW floored on the average")
    void floorEachMonthOrAverage() {
        List<MonthlyPeak> peaks = List.of(peak(1, "1"), peak(2, "1"), peak(3, "7"));

        // each month: (2.5 + 2.5 + 7) ÷ 3 = 4.0; on the average: (1 + 1 + 7) ÷ 3 = 3.0, above 2.5
        assertThat(be.meterkast.analysis.CapacityTariff.exactAverage(peaks, YearMonth.of(2025, 3), CapacityFloor.EACH_MONTH))
                .hasValueSatisfying(kw -> assertThat(kw).isEqualByComparingTo("4.0"));
        assertThat(be.meterkast.analysis.CapacityTariff.exactAverage(peaks, YearMonth.of(2025, 3), CapacityFloor.AVERAGE))
                .hasValueSatisfying(kw -> assertThat(kw).isEqualByComparingTo("3.0"));
        // only low months: (1 + 1) ÷ 2 = 1.0 → the average counts for 2.5
        assertThat(be.meterkast.analysis.CapacityTariff.exactAverage(peaks, YearMonth.of(2025, 2), CapacityFloor.AVERAGE))
                .hasValueSatisfying(kw -> assertThat(kw).isEqualByComparingTo("2.5"));
    }

    private static MonthlyPeak peak(int month, String kw) {
        Instant at = YearMonth.of(2025, month).atDay(5).atTime(18, 0).toInstant(java.time.ZoneOffset.UTC);
        return new MonthlyPeak(YearMonth.of(2025, month), new BigDecimal(kw), at, at.plusSeconds(900));
    }
}
