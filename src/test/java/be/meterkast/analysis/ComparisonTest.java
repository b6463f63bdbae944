package be.meterkast.analysis;

import be.meterkast.analysis.Comparison.Measure;
import be.meterkast.domain.Tariff;
import be.meterkast.domain.Unit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ComparisonTest {
    /** 2025-06-02 is a Monday. */
    private static final LocalDate MONDAY = LocalDate.of(2025, 6, 2);

    private static DailyUsage day(LocalDate date, Unit unit, String offtake, String injection) {
        return new DailyUsage(date, unit, Map.of(Tariff.DAY, new BigDecimal(offtake)),
                Map.of(Tariff.DAY, new BigDecimal(injection)), false);
    }

    private static PeriodSummary period(LocalDate first, LocalDate last, Unit unit, DailyUsage... days) {
        return DailyAnalysis.summarize(List.of(days), first, last, unit);
    }

    @Test
    @DisplayName("the weekday profile averages each weekday over its days with data; a weekday without data has no average")
    void weekdayProfile() {
        List<DailyUsage> days = new ArrayList<>();
        days.add(day(MONDAY, Unit.KWH, "10", "2"));            // net 8
        days.add(day(MONDAY.plusWeeks(1), Unit.KWH, "5", "0")); // net 5
        days.add(day(MONDAY.plusDays(1), Unit.KWH, "1", "4"));  // Tuesday, net -3

        List<Comparison.WeekdayAverage> profile = Comparison.weekdayProfile(days, Measure.NET);

        assertThat(profile).extracting(Comparison.WeekdayAverage::weekday).containsExactly(DayOfWeek.values());
        assertThat(profile.get(0).days()).isEqualTo(2);
        assertThat(profile.get(0).average()).contains(new BigDecimal("6.500"));
        assertThat(profile.get(1).average()).contains(new BigDecimal("-3.000"));
        assertThat(profile.get(2).days()).isZero();
        assertThat(profile.get(2).average()).isEmpty();
    }

    @Test
    @DisplayName("the average per day counts only days with data, never missing days as zero")
    void averageIgnoresMissingDays() {
        PeriodSummary p = period(MONDAY, MONDAY.plusDays(3), Unit.KWH,
                day(MONDAY, Unit.KWH, "3", "0"), day(MONDAY.plusDays(2), Unit.KWH, "5", "0"));

        assertThat(p.missingDays()).hasSize(2);
        assertThat(Comparison.averagePerDay(p, Measure.OFFTAKE)).contains(new BigDecimal("4.000"));
        assertThat(Comparison.averagePerDay(period(MONDAY, MONDAY, Unit.KWH), Measure.OFFTAKE)).isEmpty();
    }

    @Test
    @DisplayName("the difference is in total, per day with data and in percent of the reference's daily average")
    void difference() {
        PeriodSummary june = period(MONDAY, MONDAY.plusDays(1), Unit.KWH,
                day(MONDAY, Unit.KWH, "12", "0"), day(MONDAY.plusDays(1), Unit.KWH, "12", "0"));
        PeriodSummary lastJune = period(MONDAY.minusYears(1), MONDAY.minusYears(1).plusDays(1), Unit.KWH,
                day(MONDAY.minusYears(1), Unit.KWH, "10", "0"));

        Comparison.Difference d = Comparison.difference(june, lastJune, Measure.OFFTAKE);

        assertThat(d.total()).isEqualByComparingTo("14");
        assertThat(d.perDay()).contains(new BigDecimal("2.000"));
        assertThat(d.percent()).contains(new BigDecimal("20.0"));
    }

    @Test
    @DisplayName("periods in different units are never compared")
    void differenceRefusesMixedUnits() {
        PeriodSummary kwh = period(MONDAY, MONDAY, Unit.KWH, day(MONDAY, Unit.KWH, "1", "0"));
        PeriodSummary m3 = period(MONDAY, MONDAY, Unit.M3, day(MONDAY, Unit.M3, "1", "0"));

        assertThatThrownBy(() -> Comparison.difference(kwh, m3, Measure.OFFTAKE))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    @DisplayName("the ranking puts the lowest daily average first, per unit, and leaves out periods without data")
    void ranking() {
        Map<String, PeriodSummary> periods = new LinkedHashMap<>();
        periods.put("solar", period(MONDAY, MONDAY, Unit.KWH, day(MONDAY, Unit.KWH, "5", "9")));    // -4
        periods.put("ev", period(MONDAY, MONDAY, Unit.KWH, day(MONDAY, Unit.KWH, "20", "0")));      // 20
        periods.put("gas", period(MONDAY, MONDAY, Unit.M3, day(MONDAY, Unit.M3, "3", "0")));        // 3 m³
        periods.put("flat", period(MONDAY, MONDAY, Unit.KWH, day(MONDAY, Unit.KWH, "20", "0")));    // 20, shares
        periods.put("empty", period(MONDAY, MONDAY, Unit.KWH));

        List<Comparison.Ranked<String>> ranking = Comparison.rank(periods, Measure.NET);

        assertThat(ranking).extracting(Comparison.Ranked::key).containsExactly("solar", "ev", "flat", "gas");
        assertThat(ranking).extracting(Comparison.Ranked::rank).containsExactly(1, 2, 2, 1);
        assertThat(ranking.get(1).behindFirst()).isEqualByComparingTo("24");
        assertThat(ranking.get(3).unit()).isEqualTo(Unit.M3);
        assertThat(ranking.get(3).behindFirst()).isEqualByComparingTo("0");
    }

    @Test
    @DisplayName("alignment puts day n of each period on one line and marks days without data as missing")
    void align() {
        LocalDate feb2024 = LocalDate.of(2024, 2, 1);
        LocalDate feb2023 = LocalDate.of(2023, 2, 1);
        PeriodSummary leap = period(feb2024, LocalDate.of(2024, 2, 29), Unit.KWH, day(LocalDate.of(2024, 2, 29), Unit.KWH, "1", "0"));
        PeriodSummary plain = period(feb2023, LocalDate.of(2023, 2, 28), Unit.KWH, day(feb2023, Unit.KWH, "2", "0"));

        List<Comparison.AlignedDay> lines = Comparison.align(List.of(leap, plain));

        assertThat(lines).hasSize(29);
        assertThat(lines.get(0).dates()).containsExactly(feb2024, feb2023);
        assertThat(lines.get(0).usage().get(0)).isEmpty();
        assertThat(lines.get(0).usage().get(1)).isPresent();
        assertThat(lines.get(28).dates()).containsExactly(LocalDate.of(2024, 2, 29), null);
        assertThat(lines.get(28).usage()).containsExactly(Optional.of(leap.days().get(0)), Optional.empty());
    }
}
