package be.meterkast.analysis;

import be.meterkast.domain.BadValue;
import be.meterkast.domain.Defect;
import be.meterkast.domain.Direction;
import be.meterkast.domain.IncompleteDay;
import be.meterkast.domain.Measurements;
import be.meterkast.domain.MeterKind;
import be.meterkast.domain.Reading;
import be.meterkast.domain.Resolution;
import be.meterkast.domain.Tariff;
import be.meterkast.domain.Unit;
import be.meterkast.domain.time.LocalDays;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static be.meterkast.domain.Direction.INJECTION;
import static be.meterkast.domain.Direction.OFFTAKE;
import static be.meterkast.domain.Tariff.DAY;
import static be.meterkast.domain.Tariff.NIGHT;
import static be.meterkast.domain.Tariff.SINGLE;
import static org.assertj.core.api.Assertions.assertThat;

class DayCompletenessTest {
    private static final ZoneId BRUSSELS = LocalDays.BRUSSELS;
    /** Monday 17 November 2025; the 22nd and 23rd are a weekend. */
    private static final LocalDate MONDAY = LocalDate.of(2025, 11, 17);
    private static final List<Register> FOUR = List.of(new Register(DAY, OFFTAKE), new Register(NIGHT, OFFTAKE),
            new Register(DAY, INJECTION), new Register(NIGHT, INJECTION));
    private static final List<Register> NIGHT_ONLY = List.of(new Register(NIGHT, OFFTAKE), new Register(NIGHT, INJECTION));

    private record Register(Tariff tariff, Direction direction) {
    }

    private static List<Reading> day(LocalDate day, List<Register> registers) {
        Instant start = LocalDays.start(day, BRUSSELS, LocalDays.dayStart(MeterKind.ELECTRICITY));
        Instant end = LocalDays.start(day.plusDays(1), BRUSSELS, LocalDays.dayStart(MeterKind.ELECTRICITY));
        return registers.stream().map(r -> new Reading(start, end, r.tariff(), r.direction(), Unit.KWH, BigDecimal.ONE,
                false)).toList();
    }

    /** The days from {@code first}, each with the registers given, in order. */
    @SafeVarargs
    private static List<Reading> days(LocalDate first, List<Register>... registers) {
        List<Reading> all = new ArrayList<>();
        for (int i = 0; i < registers.length; i++) {
            all.addAll(day(first.plusDays(i), registers[i]));
        }
        return all;
    }

    private static List<Register> without(List<Register> registers, Register left) {
        return registers.stream().filter(r -> !r.equals(left)).toList();
    }

    private static DayCompleteness.Verdict electricity(List<Reading> fetched, List<Reading> stored) {
        return DayCompleteness.daily(MeterKind.ELECTRICITY, Unit.KWH, BRUSSELS, new Measurements(fetched, 0), stored);
    }

    @Test
    @DisplayName("days with all four registers, and weekend days whose day register Fluvius leaves out, are whole")
    void wholeDaysAndWeekends() {
        var verdict = electricity(days(MONDAY.plusDays(3), FOUR, FOUR, NIGHT_ONLY, NIGHT_ONLY, FOUR), List.of());

        assertThat(verdict.incomplete()).isEmpty();
        assertThat(verdict.whole()).containsExactlyInAnyOrderElementsOf(LocalDays.between(MONDAY.plusDays(3), MONDAY.plusDays(7)));
    }

    @Test
    @DisplayName("a day without the night injection the days around it have lacks a register")
    void missingNightInjection() {
        var verdict = electricity(days(MONDAY, FOUR, without(FOUR, new Register(NIGHT, INJECTION)), FOUR), List.of());

        assertThat(verdict.incomplete()).containsExactly(new IncompleteDay(MONDAY.plusDays(1), Resolution.DAY,
                Defect.MISSING_REGISTER));
        assertThat(verdict.whole()).containsExactlyInAnyOrder(MONDAY, MONDAY.plusDays(2));
    }

    @Test
    @DisplayName("a day register missing in one direction only is missing; absent in both it is a night-only day")
    void dayRegisterInOneDirection() {
        var verdict = electricity(days(MONDAY, FOUR, without(FOUR, new Register(DAY, INJECTION)), NIGHT_ONLY, FOUR),
                List.of());

        assertThat(verdict.incomplete()).extracting(IncompleteDay::day).containsExactly(MONDAY.plusDays(1));
    }

    @Test
    @DisplayName("a single-register meter and a meter without injection are whole with what they have")
    void singleRegisterAndNoInjection() {
        List<Register> single = List.of(new Register(SINGLE, OFFTAKE));
        List<Register> offtakeOnly = List.of(new Register(DAY, OFFTAKE), new Register(NIGHT, OFFTAKE));

        assertThat(electricity(days(MONDAY, single, single, single), List.of()).incomplete()).isEmpty();
        assertThat(electricity(days(MONDAY, offtakeOnly, offtakeOnly, List.of(new Register(NIGHT, OFFTAKE))), List.of())
                .incomplete()).isEmpty();
    }

    @Test
    @DisplayName("the days before solar panels were connected and after a register went away are not flagged (but the newest)")
    void registersComingAndGoing() {
        List<Register> offtakeOnly = List.of(new Register(DAY, OFFTAKE), new Register(NIGHT, OFFTAKE));

        var connected = electricity(days(MONDAY, offtakeOnly, offtakeOnly, FOUR, FOUR), List.of());
        var removed = electricity(days(MONDAY, FOUR, FOUR, offtakeOnly, offtakeOnly), List.of());

        assertThat(connected.incomplete()).isEmpty();
        // Only the newest day is read again: from the next day on, it has a later day without the register.
        assertThat(removed.incomplete()).extracting(IncompleteDay::day).containsExactly(MONDAY.plusDays(3));
    }

    @Test
    @DisplayName("the newest day lacking a register the days before it had is incomplete until later days say otherwise")
    void newestDay() {
        List<Reading> before = days(MONDAY, FOUR, FOUR);
        List<Reading> newest = day(MONDAY.plusDays(2), without(FOUR, new Register(NIGHT, OFFTAKE)));

        var alone = electricity(newest, before);
        List<Reading> withLater = new ArrayList<>(newest);
        withLater.addAll(day(MONDAY.plusDays(3), without(FOUR, new Register(NIGHT, OFFTAKE))));
        var later = electricity(withLater, before);

        assertThat(alone.incomplete()).extracting(IncompleteDay::day).containsExactly(MONDAY.plusDays(2));
        assertThat(later.incomplete()).extracting(IncompleteDay::day).containsExactly(MONDAY.plusDays(3));
    }

    @Test
    @DisplayName("a one-day response is judged against the meter's stored days around it")
    void storedNeighbours() {
        List<Reading> stored = days(MONDAY, FOUR, FOUR, FOUR, FOUR);

        var verdict = electricity(day(MONDAY.plusDays(2), without(FOUR, new Register(NIGHT, INJECTION))), stored);

        assertThat(verdict.incomplete()).extracting(IncompleteDay::day).containsExactly(MONDAY.plusDays(2));
    }

    @Test
    @DisplayName("a null value makes its day incomplete, and is the reason given before a missing register")
    void nullValue() {
        Instant tuesday = LocalDays.start(MONDAY.plusDays(1), BRUSSELS, LocalDays.dayStart(MeterKind.ELECTRICITY));
        Measurements fetched = new Measurements(days(MONDAY, FOUR, without(FOUR, new Register(DAY, OFFTAKE)), FOUR), 2,
                List.of(new BadValue(tuesday, Defect.NULL_VALUE, Optional.of(Unit.KWH)),
                        new BadValue(tuesday.plus(Duration.ofDays(1)), Defect.UNREADABLE_VALUE, Optional.empty())));

        var verdict = DayCompleteness.daily(MeterKind.ELECTRICITY, Unit.KWH, BRUSSELS, fetched, List.of());

        assertThat(verdict.incomplete()).containsExactly(
                new IncompleteDay(MONDAY.plusDays(1), Resolution.DAY, Defect.NULL_VALUE),
                new IncompleteDay(MONDAY.plusDays(2), Resolution.DAY, Defect.UNREADABLE_VALUE));
        assertThat(verdict.whole()).containsExactly(MONDAY);
    }

    private static List<Reading> gasDay(LocalDate day, Unit... units) {
        Instant start = LocalDays.start(day, BRUSSELS, LocalDays.GAS_DAY_START);
        Instant end = LocalDays.start(day.plusDays(1), BRUSSELS, LocalDays.GAS_DAY_START);
        return List.of(units).stream().map(u -> new Reading(start, end, SINGLE, OFFTAKE, u, BigDecimal.ONE, false)).toList();
    }

    @Test
    @DisplayName("a gas day lacks a register when it has no reading in the meter's unit; a bad value in the other unit does not count")
    void gasDays() {
        List<Reading> fetched = new ArrayList<>(gasDay(MONDAY, Unit.M3, Unit.KWH));
        fetched.addAll(gasDay(MONDAY.plusDays(1), Unit.KWH));
        fetched.addAll(gasDay(MONDAY.plusDays(2), Unit.M3));
        Instant third = LocalDays.start(MONDAY.plusDays(2), BRUSSELS, LocalDays.GAS_DAY_START);
        Measurements measurements = new Measurements(fetched, 1,
                List.of(new BadValue(third, Defect.NULL_VALUE, Optional.of(Unit.KWH))));

        var inM3 = DayCompleteness.daily(MeterKind.GAS, Unit.M3, BRUSSELS, measurements, List.of());
        var inKwh = DayCompleteness.daily(MeterKind.GAS, Unit.KWH, BRUSSELS, measurements, List.of());

        assertThat(inM3.incomplete()).containsExactly(new IncompleteDay(MONDAY.plusDays(1), Resolution.DAY,
                Defect.MISSING_REGISTER));
        assertThat(inKwh.incomplete()).extracting(IncompleteDay::day).containsExactly(MONDAY.plusDays(2));
    }

    private static Measurements quarterHours(LocalDate day, int count) {
        Instant start = day.atStartOfDay(BRUSSELS).toInstant();
        List<Reading> readings = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Instant q = start.plus(Duration.ofMinutes(15L * i));
            readings.add(new Reading(q, q.plus(Duration.ofMinutes(15)), NIGHT, OFFTAKE, Unit.KWH, BigDecimal.ONE, false));
            readings.add(new Reading(q, q.plus(Duration.ofMinutes(15)), NIGHT, INJECTION, Unit.KWH, BigDecimal.ZERO, false));
        }
        return new Measurements(readings, 0);
    }

    private static DayCompleteness.Verdict quarters(LocalDate day, int count) {
        return DayCompleteness.intervals(MeterKind.ELECTRICITY, Unit.KWH, BRUSSELS, Resolution.QUARTER_HOUR, day,
                quarterHours(day, count));
    }

    @Test
    @DisplayName("a day's quarter-hours are whole at 96, and at 92 and 100 on the DST days; fewer are missing")
    void quarterHourCounts() {
        LocalDate spring = LocalDate.of(2025, 3, 30);
        LocalDate autumn = LocalDate.of(2025, 10, 26);

        assertThat(quarters(MONDAY, 96).whole()).containsExactly(MONDAY);
        assertThat(quarters(spring, 92).whole()).containsExactly(spring);
        assertThat(quarters(autumn, 100).whole()).containsExactly(autumn);
        assertThat(quarters(MONDAY, 92).incomplete()).containsExactly(
                new IncompleteDay(MONDAY, Resolution.QUARTER_HOUR, Defect.MISSING_INTERVALS));
        assertThat(quarters(autumn, 96).incomplete()).extracting(IncompleteDay::defect)
                .containsExactly(Defect.MISSING_INTERVALS);
    }

    @Test
    @DisplayName("a day without any quarter-hour is neither whole nor incomplete: meters without quarter-hours send none")
    void noQuarterHours() {
        var verdict = quarters(MONDAY, 0);

        assertThat(verdict.whole()).isEmpty();
        assertThat(verdict.incomplete()).isEmpty();
    }

    @Test
    @DisplayName("an hourly gas day is whole with its 24 hours, 23 on the spring DST gas day")
    void hourlyGas() {
        LocalDate springGasDay = LocalDate.of(2025, 3, 29);
        for (LocalDate day : List.of(MONDAY, springGasDay)) {
            Instant start = LocalDays.start(day, BRUSSELS, LocalDays.GAS_DAY_START);
            int hours = LocalDays.periods(day, BRUSSELS, LocalDays.GAS_DAY_START, Duration.ofHours(1));
            List<Reading> readings = new ArrayList<>();
            for (int h = 0; h < hours; h++) {
                Instant s = start.plus(Duration.ofHours(h));
                readings.add(new Reading(s, s.plus(Duration.ofHours(1)), SINGLE, OFFTAKE, Unit.M3, BigDecimal.ONE, false));
            }

            var verdict = DayCompleteness.intervals(MeterKind.GAS, Unit.M3, BRUSSELS, Resolution.HOUR, day,
                    new Measurements(readings, 0));

            assertThat(verdict.whole()).as("%s with %d hours", day, hours).containsExactly(day);
        }
        assertThat(LocalDays.periods(springGasDay, BRUSSELS, LocalDays.GAS_DAY_START, Duration.ofHours(1))).isEqualTo(23);
    }
}
