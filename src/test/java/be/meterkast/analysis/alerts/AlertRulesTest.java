package be.meterkast.analysis.alerts;

import be.meterkast.domain.MonthlyPeak;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.NavigableMap;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("When alert rules fire")
class AlertRulesTest {
    private static final ZoneId BRUSSELS = ZoneId.of("Europe/Brussels");
    private static final LocalDate DAY = LocalDate.of(2025, 11, 19);

    private static NavigableMap<LocalDate, BigDecimal> nights(String usual, int highFrom, String high) {
        NavigableMap<LocalDate, BigDecimal> loads = new TreeMap<>();
        for (int i = 30; i >= -5; i--) {
            LocalDate day = DAY.minusDays(i);
            loads.put(day, new BigDecimal(-i >= highFrom ? high : usual));
        }
        return loads;
    }

    @Test
    @DisplayName("a base load that stays high for a week is told on its first night only")
    void baseLoadToldOnce() {
        NavigableMap<LocalDate, BigDecimal> loads = nights("0.200", 0, "0.900");

        assertThat(AlertRules.baseLoadJump(loads, DAY, 50)).map(AlertRules.BaseLoadJump::usual)
                .contains(new BigDecimal("0.200"));
        for (int i = 1; i <= 5; i++) {
            assertThat(AlertRules.baseLoadJump(loads, DAY.plusDays(i), 50)).isEmpty();
        }
    }

    @Test
    @DisplayName("a base load rise below 0.05 kW is noise, whatever its percentage")
    void baseLoadNoise() {
        assertThat(AlertRules.baseLoadJump(nights("0.020", 0, "0.060"), DAY, 50)).isEmpty();
        assertThat(AlertRules.baseLoadJump(nights("0.020", 0, "0.080"), DAY, 50)).isPresent();
    }

    @Test
    @DisplayName("a new meter with fewer than 7 nights has no usual and raises nothing")
    void baseLoadNeedsHistory() {
        NavigableMap<LocalDate, BigDecimal> loads = new TreeMap<>(nights("0.200", 0, "0.900")
                .subMap(DAY.minusDays(6), true, DAY, true));

        assertThat(AlertRules.baseLoadJump(loads, DAY, 50)).isEmpty();
    }

    @Test
    @DisplayName("days without data count from the local day the newest period ends on, up to today")
    void daysWithoutData() {
        Instant midnight = LocalDate.of(2025, 11, 20).atStartOfDay(BRUSSELS).toInstant();
        Instant gasDayEnd = LocalDate.of(2025, 11, 20).atTime(6, 0).atZone(BRUSSELS).toInstant();

        assertThat(AlertRules.daysWithoutData(midnight, LocalDate.of(2025, 11, 20), BRUSSELS)).isZero();
        assertThat(AlertRules.daysWithoutData(gasDayEnd, LocalDate.of(2025, 11, 20), BRUSSELS)).isZero();
        assertThat(AlertRules.daysWithoutData(midnight, LocalDate.of(2025, 11, 23), BRUSSELS)).isEqualTo(3);
    }

    @Test
    @DisplayName("the 12-month average counts each month for at least 2.5 kW, and needs last month's peak")
    void averageFloor() {
        List<MonthlyPeak> peaks = new ArrayList<>();
        Instant at = Instant.parse("2025-10-10T17:00:00Z");
        peaks.add(new MonthlyPeak(YearMonth.of(2025, 10), new BigDecimal("1.000"), at, at.plusSeconds(900)));
        peaks.add(new MonthlyPeak(YearMonth.of(2025, 11), new BigDecimal("2.400"), at, at.plusSeconds(900)));

        assertThat(AlertRules.peakAboveAverage(peaks, YearMonth.of(2025, 11))).isEmpty();
        peaks.set(1, new MonthlyPeak(YearMonth.of(2025, 11), new BigDecimal("2.600"), at, at.plusSeconds(900)));
        assertThat(AlertRules.peakAboveAverage(peaks, YearMonth.of(2025, 11)))
                .map(AlertRules.PeakAboveAverage::average).contains(new BigDecimal("2.500"));
        assertThat(AlertRules.peakAboveAverage(peaks.subList(1, 2), YearMonth.of(2025, 11))).isEmpty();
    }
}
