package be.meterkast.analysis;

import be.meterkast.domain.Direction;
import be.meterkast.domain.Reading;
import be.meterkast.domain.Tariff;
import be.meterkast.domain.Unit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class QuarterHourProfileTest {
    private static final ZoneId BRUSSELS = ZoneId.of("Europe/Brussels");

    private static List<Reading> day(LocalDate date, java.util.function.IntFunction<String> offtakeKwh) {
        List<Reading> readings = new ArrayList<>();
        Instant q = date.atStartOfDay(BRUSSELS).toInstant();
        Instant end = date.plusDays(1).atStartOfDay(BRUSSELS).toInstant();
        for (int i = 0; q.isBefore(end); i++, q = q.plus(Duration.ofMinutes(15))) {
            Instant next = q.plus(Duration.ofMinutes(15));
            readings.add(new Reading(q, next, Tariff.NIGHT, Direction.OFFTAKE, Unit.KWH, new BigDecimal(offtakeKwh.apply(i)), false));
            readings.add(new Reading(q, next, Tariff.NIGHT, Direction.INJECTION, Unit.KWH, BigDecimal.ZERO, false));
        }
        return readings;
    }

    @Test
    @DisplayName("offtake and injection of a quarter-hour end up on one row, in local time")
    void quarters() {
        List<QuarterHourProfile.Quarter> q = QuarterHourProfile.quarters(day(LocalDate.of(2025, 11, 3), i -> "0.100"), BRUSSELS);

        assertThat(q).hasSize(96);
        assertThat(q.get(0).localStart()).hasToString("00:00");
        assertThat(q.get(0).offtakeWatts()).isEqualTo(400);
    }

    @Test
    @DisplayName("a DST autumn day has 100 quarter-hours")
    void autumnDst() {
        assertThat(QuarterHourProfile.quarters(day(LocalDate.of(2025, 10, 26), i -> "0.050"), BRUSSELS)).hasSize(100);
    }

    @Test
    @DisplayName("base load is the average of the night's eight lowest quarter-hours, in watts")
    void baseLoad() {
        // Night quarters 0..23: the lowest eight are 0.030 kWh (120 W); later in the day it is much higher.
        List<QuarterHourProfile.Quarter> q = QuarterHourProfile.quarters(day(LocalDate.of(2025, 11, 3),
                i -> i < 8 ? "0.030" : i < 24 ? "0.060" : "0.500"), BRUSSELS);

        assertThat(QuarterHourProfile.baseLoadWatts(q)).contains(120L);
        assertThat(QuarterHourProfile.peak(q).orElseThrow().offtakeWatts()).isEqualTo(2000);
    }

    @Test
    @DisplayName("no quarter-hours, no base load")
    void empty() {
        assertThat(QuarterHourProfile.baseLoadWatts(List.of())).isEmpty();
    }
}
