package be.meterkast.analysis;

import be.meterkast.domain.MonthlyPeak;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class CapacityTariffTest {

    private static MonthlyPeak peak(YearMonth month, String kw) {
        Instant at = month.atDay(10).atTime(18, 0).toInstant(java.time.ZoneOffset.UTC);
        return new MonthlyPeak(month, new BigDecimal(kw), at, at.plusSeconds(900));
    }

    @Test
    @DisplayName("the running average covers at most the last twelve months, newest row first")
    void twelveMonths() {
        List<MonthlyPeak> peaks = new ArrayList<>();
        for (int i = 1; i <= 13; i++) {
            peaks.add(peak(YearMonth.of(2024, 1).plusMonths(i - 1), i == 1 ? "100" : "4"));
        }

        List<CapacityTariff.Row> rows = CapacityTariff.rows(peaks);

        assertThat(rows.get(0).peak().month()).isEqualTo(YearMonth.of(2025, 1));
        assertThat(rows.get(0).monthsInAverage()).isEqualTo(12);
        assertThat(rows.get(0).runningAverage()).isEqualByComparingTo("4.000");
        assertThat(rows.get(1).runningAverage()).as("the 100 kW month is still in").isEqualByComparingTo("12.000");
    }

    @Test
    @DisplayName("a month counts for at least 2.5 kW")
    void minimum() {
        List<CapacityTariff.Row> rows = CapacityTariff.rows(List.of(peak(YearMonth.of(2025, 5), "1.2"),
                peak(YearMonth.of(2025, 6), "4.5")));

        assertThat(rows.get(0).runningAverage()).isEqualByComparingTo("3.500");
        assertThat(rows.get(1).runningAverage()).isEqualByComparingTo("2.500");
        assertThat(rows.get(1).peak().kilowatts()).as("the peak itself is shown as measured").isEqualByComparingTo("1.2");
    }
}
