package be.meterkast.sync;

import be.meterkast.domain.MeterKind;
import be.meterkast.sync.BackfillPlan.Daily;
import be.meterkast.sync.BackfillPlan.Peaks;
import be.meterkast.sync.BackfillPlan.QuarterHours;
import be.meterkast.sync.BackfillPlan.Read;
import be.meterkast.sync.BackfillPlan.Step;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

class BackfillPlanTest {
    private static final LocalDate TODAY = LocalDate.of(2025, 11, 30);
    private final BackfillPlan electricity = new BackfillPlan(MeterKind.ELECTRICITY, SyncSettings.defaults());

    @Test
    @DisplayName("with the defaults an electricity backfill is 12 daily requests, 30 quarter-hour days and the peaks")
    void defaultElectricity() {
        List<Read> reads = walk(electricity, Optional.empty(), TODAY);

        assertThat(reads).filteredOn(Daily.class::isInstance).hasSize(12);
        assertThat(reads).filteredOn(QuarterHours.class::isInstance).hasSize(30);
        assertThat(reads).filteredOn(Peaks.class::isInstance)
                .containsExactly(new Peaks(LocalDate.of(2024, 1, 1), TODAY.minusDays(1)));
        assertThat(electricity.remaining(Optional.empty(), TODAY)).isEqualTo(12 + 30);
    }

    @Test
    @DisplayName("daily requests cover each of the 365 days before today exactly once")
    void dailyCoverage() {
        List<LocalDate> days = dailyDays(walk(electricity, Optional.empty(), TODAY));

        assertThat(days).hasSize(365).doesNotHaveDuplicates();
        assertThat(new TreeSet<>(days).first()).isEqualTo(TODAY.minusDays(365));
        assertThat(new TreeSet<>(days).last()).isEqualTo(TODAY.minusDays(1));
    }

    @Test
    @DisplayName("a backfill resumed three days later continues at its cursor and reaches the new yesterday without gaps")
    void resumedLater() {
        Step first = electricity.next(Optional.empty(), TODAY);
        Step second = electricity.next(Optional.of(first.nextCursor()), TODAY);
        List<Read> rest = walk(electricity, Optional.of(second.nextCursor()), TODAY.plusDays(3));
        List<Read> all = new ArrayList<>(first.reads());
        all.addAll(second.reads());
        all.addAll(rest);

        TreeSet<LocalDate> days = new TreeSet<>(dailyDays(all));
        assertThat(days.first()).isEqualTo(TODAY.minusDays(365));
        assertThat(days.last()).isEqualTo(TODAY.plusDays(2));
        assertThat(days).hasSize(365 + 3);
    }

    @Test
    @DisplayName("a gas backfill is daily requests only: no quarter-hours, no peaks")
    void gas() {
        List<Read> reads = walk(new BackfillPlan(MeterKind.GAS, SyncSettings.defaults()), Optional.empty(), TODAY);

        assertThat(reads).allMatch(Daily.class::isInstance).hasSize(12);
    }

    private static List<Read> walk(BackfillPlan plan, Optional<LocalDate> cursor, LocalDate today) {
        List<Read> reads = new ArrayList<>();
        Step step;
        do {
            step = plan.next(cursor, today);
            reads.addAll(step.reads());
            cursor = Optional.of(step.nextCursor());
        } while (!step.finishes());
        return reads;
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
