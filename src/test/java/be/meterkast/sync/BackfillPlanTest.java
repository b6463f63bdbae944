package be.meterkast.sync;

import be.meterkast.domain.MeterKind;
import be.meterkast.sync.BackfillPlan.Daily;
import be.meterkast.sync.BackfillPlan.GasHours;
import be.meterkast.sync.BackfillPlan.Peaks;
import be.meterkast.sync.BackfillPlan.Position;
import be.meterkast.sync.BackfillPlan.QuarterHours;
import be.meterkast.sync.BackfillPlan.Read;
import be.meterkast.sync.BackfillPlan.Step;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/** The backfill's plan as a pure function, walked here the way MeterReads walks it. */
class BackfillPlanTest {
    private static final LocalDate TODAY = LocalDate.of(2025, 11, 30);
    private static final LocalDate YESTERDAY = TODAY.minusDays(1);
    /** History older than anything the plan asks for. */
    private static final LocalDate LONG_AGO = LocalDate.of(2000, 1, 1);
    private final BackfillPlan electricity = new BackfillPlan(MeterKind.ELECTRICITY, SyncSettings.defaults());
    private final BackfillPlan gas = new BackfillPlan(MeterKind.GAS, SyncSettings.defaults());

    @Test
    @DisplayName("the defaults read three years: 35 daily requests, 60 quarter-hour days and 4 of monthly peaks, in 95 steps")
    void defaultElectricity() {
        List<Read> reads = reads(walk(electricity, Optional.empty(), LONG_AGO, TODAY));

        assertThat(reads).filteredOn(Daily.class::isInstance).hasSize(35);
        assertThat(reads).filteredOn(QuarterHours.class::isInstance).hasSize(60);
        assertThat(reads).filteredOn(Peaks.class::isInstance).hasSize(4);
        assertThat(electricity.remaining(Optional.empty(), Optional.empty(), TODAY)).isEqualTo(95);
        assertThat(SyncSettings.defaults().dailyBackfillDays()).isEqualTo(1096);
        assertThat(SyncSettings.defaults().quarterHourBackfillDays()).isEqualTo(60);
    }

    @Test
    @DisplayName("daily requests cover each of the 1096 days before today exactly once, none longer than 60 days")
    void dailyCoverage() {
        List<Read> reads = reads(walk(electricity, Optional.empty(), LONG_AGO, TODAY));
        List<LocalDate> days = dailyDays(reads);

        assertThat(days).hasSize(1096).doesNotHaveDuplicates();
        assertThat(new TreeSet<>(days).first()).isEqualTo(TODAY.minusDays(1096));
        assertThat(new TreeSet<>(days).last()).isEqualTo(YESTERDAY);
        assertThat(reads).filteredOn(Daily.class::isInstance).map(Daily.class::cast)
                .allSatisfy(d -> assertThat(d.first().datesUntil(d.last().plusDays(1)).count()).isLessThanOrEqualTo(60));
    }

    @Test
    @DisplayName("newest first: the first step reads the last 60 days and yesterday's quarter-hours, then each step goes further back")
    void newestFirst() {
        List<Step> steps = walk(electricity, Optional.empty(), LONG_AGO, TODAY);

        assertThat(steps.get(0).reads()).containsExactly(new Daily(TODAY.minusDays(60), YESTERDAY),
                new QuarterHours(YESTERDAY));
        assertThat(steps.get(1).reads()).containsExactly(new QuarterHours(TODAY.minusDays(2)));
        List<LocalDate> newestDayPerStep = steps.stream().filter(s -> !s.finishes())
                .map(s -> s.reads().stream().map(BackfillPlanTest::newestDay).max(Comparator.naturalOrder()).orElseThrow())
                .toList();
        assertThat(newestDayPerStep).isSortedAccordingTo(Comparator.reverseOrder()).doesNotHaveDuplicates();
        assertThat(steps.get(60).reads()).containsExactly(new Daily(TODAY.minusDays(91), TODAY.minusDays(61)));
    }

    @Test
    @DisplayName("quarter-hours are read for exactly the 60 days before today, one day per request")
    void quarterHourWindow() {
        List<LocalDate> days = reads(walk(electricity, Optional.empty(), LONG_AGO, TODAY)).stream()
                .filter(QuarterHours.class::isInstance).map(r -> ((QuarterHours) r).day()).toList();

        assertThat(days).hasSize(60).doesNotHaveDuplicates()
                .allSatisfy(day -> assertThat(day).isBetween(TODAY.minusDays(60), YESTERDAY));
    }

    @Test
    @DisplayName("monthly peaks: every month from the first day read to yesterday, a year per request, newest first")
    void peaksFromTheStartOfTheDailyWindow() {
        List<Read> peaks = walk(electricity, Optional.empty(), LONG_AGO, TODAY).get(94).reads();

        assertThat(peaks).containsExactly(
                new Peaks(LocalDate.of(2024, 12, 1), YESTERDAY),
                new Peaks(LocalDate.of(2023, 12, 1), LocalDate.of(2024, 11, 30)),
                new Peaks(LocalDate.of(2022, 12, 1), LocalDate.of(2023, 11, 30)),
                new Peaks(LocalDate.of(2022, 11, 1), LocalDate.of(2022, 11, 30)));
        assertThat(TODAY.minusDays(1096)).isEqualTo(LocalDate.of(2022, 11, 30));
    }

    @Test
    @DisplayName("gas: the same daily values, the hours of the 60 most recent gas days, no peaks")
    void gasHours() {
        List<Read> reads = reads(walk(gas, Optional.empty(), LONG_AGO, TODAY));

        assertThat(dailyDays(reads)).hasSize(1096).doesNotHaveDuplicates();
        assertThat(reads).filteredOn(GasHours.class::isInstance).hasSize(60)
                .map(r -> ((GasHours) r).gasDay()).contains(YESTERDAY, TODAY.minusDays(60));
        assertThat(reads).noneMatch(r -> r instanceof Peaks || r instanceof QuarterHours);
    }

    @Test
    @DisplayName("a meter installed 5 months ago: the walk stops after the first empty daily request, and peaks start at the oldest month read")
    void stopsAtTheFirstEmptyStretch() {
        LocalDate installed = TODAY.minusDays(150);
        List<Step> steps = walk(electricity, Optional.empty(), installed, TODAY);
        List<Read> reads = reads(steps);
        List<Daily> daily = reads.stream().filter(Daily.class::isInstance).map(Daily.class::cast).toList();

        assertThat(daily).filteredOn(d -> d.last().isBefore(installed)).hasSize(1);
        assertThat(daily.get(daily.size() - 1).last()).isBefore(installed);
        assertThat(daily).hasSize(1 + 4);
        assertThat(reads).filteredOn(QuarterHours.class::isInstance).hasSize(60);
        assertThat(steps.get(steps.size() - 1).finishes()).isTrue();
        assertThat(steps.get(steps.size() - 1).reads()).containsExactly(new Peaks(LocalDate.of(2025, 6, 1), YESTERDAY));
        assertThat(steps.size()).isLessThan(electricity.remaining(Optional.empty(), Optional.empty(), TODAY));
    }

    @Test
    @DisplayName("a meter installed 20 days ago gets its 20 quarter-hour days, one empty probe before the window and its peaks: 23 requests")
    void youngMeter() {
        LocalDate installed = TODAY.minusDays(20);
        List<Read> reads = reads(walk(electricity, Optional.empty(), installed, TODAY));

        assertThat(reads).filteredOn(QuarterHours.class::isInstance).hasSize(20);
        assertThat(reads).filteredOn(Daily.class::isInstance)
                .containsExactly(new Daily(TODAY.minusDays(60), YESTERDAY), new Daily(TODAY.minusDays(91), TODAY.minusDays(61)));
        assertThat(reads).hasSize(23);
    }

    @Test
    @DisplayName("a meter without any data costs the window's daily request, one empty probe before it and the peaks")
    void noData() {
        List<Read> reads = reads(walk(electricity, Optional.empty(), TODAY, TODAY));

        assertThat(reads).containsExactly(new Daily(TODAY.minusDays(60), YESTERDAY), new QuarterHours(YESTERDAY),
                new Daily(TODAY.minusDays(91), TODAY.minusDays(61)), new Peaks(LocalDate.of(2025, 11, 1), YESTERDAY));
    }

    @Test
    @DisplayName("a window whose days are not published yet is no end of history: gas 3 days late, a 3-day window")
    void unpublishedWindowIsNoStop() {
        BackfillPlan plan = new BackfillPlan(MeterKind.GAS, SyncSettings.defaults().withBackfill(100, 3));

        Step first = plan.next(Optional.empty(), Optional.empty(), TODAY);

        assertThat(first.probes()).isFalse();
        assertThat(plan.next(first.next(), Optional.empty(), TODAY).reads())
                .as("nothing stored: no gas hours, the daily walk goes on back")
                .containsExactly(new Daily(TODAY.minusDays(34), TODAY.minusDays(4)));
    }

    @Test
    @DisplayName("resumed three days later, the backfill first reads the three new days with their quarter-hours, then goes on back")
    void resumedLater() {
        List<Step> before = walk(electricity, Optional.empty(), LONG_AGO, TODAY).subList(0, 70);
        Position saved = before.get(before.size() - 1).next().orElseThrow();
        LocalDate later = TODAY.plusDays(3);
        List<Step> after = walk(electricity, Optional.of(saved), LONG_AGO, later);

        assertThat(after.get(0).reads()).containsExactly(new Daily(TODAY, TODAY), new QuarterHours(TODAY));
        assertThat(after.get(2).reads()).containsExactly(new Daily(later.minusDays(1), later.minusDays(1)),
                new QuarterHours(later.minusDays(1)));
        List<Read> all = new ArrayList<>(reads(before));
        all.addAll(reads(after));
        TreeSet<LocalDate> days = new TreeSet<>(dailyDays(all));
        assertThat(days.last()).isEqualTo(later.minusDays(1));
        assertThat(days.first()).isEqualTo(later.minusDays(1096));
        assertThat(days).hasSize(1096);
        assertThat(all).filteredOn(QuarterHours.class::isInstance).map(r -> ((QuarterHours) r).day())
                .containsAll(later.minusDays(60).datesUntil(later).toList());
    }

    @Test
    @DisplayName("a backfill resumed more than 60 days later covers the gap in daily requests before the window's days")
    void resumedAfterAGapLongerThanTheWindow() {
        Position saved = new Position(TODAY.minusDays(500), YESTERDAY);
        LocalDate later = TODAY.plusDays(100);
        List<Read> reads = reads(walk(electricity, Optional.of(saved), LONG_AGO, later));

        TreeSet<LocalDate> days = new TreeSet<>(dailyDays(reads));
        assertThat(days).containsAll(TODAY.datesUntil(later).toList());
        assertThat(reads).filteredOn(QuarterHours.class::isInstance).map(r -> ((QuarterHours) r).day())
                .containsExactlyInAnyOrderElementsOf(later.minusDays(60).datesUntil(later).toList());
    }

    @Test
    @DisplayName("without a detail window the backfill is daily requests back from yesterday and the peaks")
    void noDetailWindow() {
        BackfillPlan plan = new BackfillPlan(MeterKind.ELECTRICITY, SyncSettings.defaults().withBackfill(365, 0));
        List<Read> reads = reads(walk(plan, Optional.empty(), LONG_AGO, TODAY));

        assertThat(reads.get(0)).isEqualTo(new Daily(TODAY.minusDays(31), YESTERDAY));
        assertThat(dailyDays(reads)).hasSize(365).doesNotHaveDuplicates();
        assertThat(reads).noneMatch(QuarterHours.class::isInstance);
        assertThat(reads).filteredOn(Peaks.class::isInstance).hasSize(2);
    }

    /**
     * The steps as MeterReads runs them for a meter whose history starts on {@code installed}: a probing step
     * whose daily read finds nothing is followed by the last step; the first stored day is the oldest day read
     * that has data.
     */
    private static List<Step> walk(BackfillPlan plan, Optional<Position> at, LocalDate installed, LocalDate today) {
        List<Step> steps = new ArrayList<>();
        Optional<LocalDate> historyStart = at.isPresent() ? Optional.of(installed) : Optional.empty();
        while (true) {
            Step step = plan.next(at, historyStart, today);
            steps.add(step);
            boolean found = false;
            for (Read read : step.reads()) {
                if (read instanceof Daily daily && !daily.last().isBefore(installed)) {
                    found = true;
                    LocalDate first = daily.first().isBefore(installed) ? installed : daily.first();
                    historyStart = Optional.of(historyStart.filter(s -> s.isBefore(first)).orElse(first));
                }
            }
            if (step.probes() && !found) {
                steps.add(plan.last(at, today));
                return steps;
            }
            if (step.finishes()) {
                return steps;
            }
            at = step.next();
            if (steps.size() > 10_000) {
                throw new AssertionError("the plan does not end");
            }
        }
    }

    private static List<Read> reads(List<Step> steps) {
        return steps.stream().flatMap(s -> s.reads().stream()).toList();
    }

    private static LocalDate newestDay(Read read) {
        if (read instanceof Daily d) {
            return d.last();
        }
        if (read instanceof QuarterHours q) {
            return q.day();
        }
        if (read instanceof GasHours g) {
            return g.gasDay();
        }
        return ((Peaks) read).last();
    }

    private static List<LocalDate> dailyDays(List<Read> reads) {
        List<LocalDate> days = new ArrayList<>();
        for (Read read : reads) {
            if (read instanceof Daily daily) {
                daily.first().datesUntil(daily.last().plusDays(1)).forEach(days::add);
            }
        }
        return days;
    }
}
