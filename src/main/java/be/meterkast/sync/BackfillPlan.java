package be.meterkast.sync;

import be.meterkast.domain.MeterKind;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The order in which a new meter's history is read, as a pure function of where the backfill stands, the
 * first day of history stored so far and today. It walks backward from yesterday, newest first, so a family
 * sees its recent weeks before its old years, and so it can stop where the meter's history at Fluvius does:
 *
 * <ol>
 *   <li>the detail window ({@code quarterHourBackfillDays}): its daily values in one request, then one day per
 *       step — quarter-hours for electricity, hours of the gas day for gas — back from yesterday, but not before
 *       the first day that has daily values (a meter installed last week costs no empty days, one without any
 *       none);</li>
 *   <li>daily values further back, {@code dailyChunkDays} per step, until {@code dailyBackfillDays} before
 *       today;</li>
 *   <li>electricity: every monthly peak from the month of the oldest day read to yesterday, in pieces of at
 *       most a year, and the backfill is done.</li>
 * </ol>
 *
 * A step that {@linkplain Step#probes() probes} whose daily read comes back empty ends the walk there: Fluvius
 * has nothing for that stretch, so the meter's history starts after it, and {@link #last} follows at once.
 * When the backfill is resumed on a later day, the days since its newest day are read first (each with its
 * detail when it falls in the window), so no new day is left to chance; re-reading a day is harmless (upsert).
 */
final class BackfillPlan {
    /** Monthly peaks per request: a year, well inside any range Fluvius serves. */
    static final int PEAK_MONTHS_PER_REQUEST = 12;

    private final MeterKind kind;
    private final SyncSettings settings;

    BackfillPlan(MeterKind kind, SyncSettings settings) {
        this.kind = kind;
        this.settings = settings;
    }

    /** One Fluvius request. */
    sealed interface Read {
    }

    record Daily(LocalDate first, LocalDate last) implements Read {
    }

    record QuarterHours(LocalDate day) implements Read {
    }

    /** The hours of one gas day (06:00 to 06:00). */
    record GasHours(LocalDate gasDay) implements Read {
    }

    record Peaks(LocalDate first, LocalDate last) implements Read {
    }

    /** Where the backfill stands: the oldest and the newest day it has read. */
    record Position(LocalDate oldest, LocalDate newest) {
    }

    /**
     * The requests of one step and the position after it (empty after the last step). {@code probes}: when
     * its daily read finds nothing, the history ends there. {@code finishes} marks the last step.
     */
    record Step(List<Read> reads, Optional<Position> next, boolean probes, boolean finishes) {
    }

    /**
     * The next step from {@code at} (empty before the first step); {@code historyStart} is the first day with
     * daily values stored, empty when there is none (then there is nothing to read in detail).
     */
    Step next(Optional<Position> at, Optional<LocalDate> historyStart, LocalDate today) {
        LocalDate yesterday = today.minusDays(1);
        LocalDate floor = today.minusDays(settings.dailyBackfillDays());
        Optional<LocalDate> detailFrom = detailFrom(today);
        if (at.isEmpty()) {
            if (detailFrom.isPresent()) {
                // No probe: a short window may hold only days Fluvius has not published yet (gas is 3 days late)
                return new Step(List.of(new Daily(detailFrom.get(), yesterday), detail(yesterday)),
                        Optional.of(new Position(yesterday, yesterday)), false, false);
            }
            LocalDate first = max(today.minusDays(settings.dailyChunkDays()), floor);
            return new Step(List.of(new Daily(first, yesterday)), Optional.of(new Position(first, yesterday)),
                    true, false);
        }
        Position p = at.get();
        if (p.newest().isBefore(yesterday)) {
            return catchUp(p, yesterday, detailFrom);
        }
        if (detailFrom.isPresent() && historyStart.isPresent()) {
            LocalDate detailFloor = max(detailFrom.get(), historyStart.get());
            LocalDate day = p.oldest().minusDays(1);
            if (!day.isBefore(detailFloor)) {
                return new Step(List.of(detail(day)), Optional.of(new Position(day, p.newest())), false, false);
            }
        }
        // The first step read the window's daily values, whatever became of its detail
        LocalDate last = (detailFrom.isPresent() && detailFrom.get().isBefore(p.oldest()) ? detailFrom.get() : p.oldest())
                .minusDays(1);
        if (last.isBefore(floor)) {
            return last(at, today);
        }
        LocalDate first = max(last.minusDays(settings.dailyChunkDays() - 1L), floor);
        return new Step(List.of(new Daily(first, last)), Optional.of(new Position(first, p.newest())), true, false);
    }

    /** The last step: the monthly peaks of the months read (electricity), after which the backfill is done. */
    Step last(Optional<Position> at, LocalDate today) {
        LocalDate yesterday = today.minusDays(1);
        if (kind != MeterKind.ELECTRICITY) {
            return new Step(List.of(), Optional.empty(), false, true);
        }
        LocalDate oldest = max(at.map(Position::oldest).orElse(yesterday), today.minusDays(settings.dailyBackfillDays()));
        YearMonth first = YearMonth.from(oldest.isAfter(yesterday) ? yesterday : oldest);
        List<Read> reads = new ArrayList<>();
        for (YearMonth end = YearMonth.from(yesterday); !end.isBefore(first); end = end.minusMonths(PEAK_MONTHS_PER_REQUEST)) {
            YearMonth start = end.minusMonths(PEAK_MONTHS_PER_REQUEST - 1L);
            if (start.isBefore(first)) {
                start = first;
            }
            LocalDate until = end.atEndOfMonth().isAfter(yesterday) ? yesterday : end.atEndOfMonth();
            reads.add(new Peaks(start.atDay(1), until));
        }
        return new Step(reads, Optional.empty(), false, true);
    }

    /**
     * Steps still to run from {@code at}, this one included, if the history reaches back all the way (an upper
     * bound: no stop is foreseen, and a history not found yet counts as a whole one).
     */
    int remaining(Optional<Position> at, Optional<LocalDate> historyStart, LocalDate today) {
        Optional<LocalDate> assumed = Optional.of(historyStart.orElse(LocalDate.MIN));
        int steps = 1;
        for (Step step = next(at, assumed, today); !step.finishes(); step = next(step.next(), assumed, today)) {
            steps++;
        }
        return steps;
    }

    /** A day after the newest one read: its daily values, and its detail inside the window. */
    private Step catchUp(Position p, LocalDate yesterday, Optional<LocalDate> detailFrom) {
        LocalDate day = p.newest().plusDays(1);
        if (detailFrom.isPresent() && !day.isBefore(detailFrom.get())) {
            return new Step(List.of(new Daily(day, day), detail(day)), Optional.of(new Position(p.oldest(), day)),
                    false, false);
        }
        LocalDate last = day.plusDays(settings.dailyChunkDays() - 1L);
        if (last.isAfter(yesterday)) {
            last = yesterday;
        }
        if (detailFrom.isPresent() && !last.isBefore(detailFrom.get())) {
            last = detailFrom.get().minusDays(1);
        }
        return new Step(List.of(new Daily(day, last)), Optional.of(new Position(p.oldest(), last)), false, false);
    }

    private Read detail(LocalDate day) {
        return kind == MeterKind.ELECTRICITY ? new QuarterHours(day) : new GasHours(day);
    }

    /** The first day of the detail window, when the settings ask for one. */
    private Optional<LocalDate> detailFrom(LocalDate today) {
        if (settings.quarterHourBackfillDays() == 0) {
            return Optional.empty();
        }
        return Optional.of(max(today.minusDays(settings.quarterHourBackfillDays()),
                today.minusDays(settings.dailyBackfillDays())));
    }

    private static LocalDate max(LocalDate a, LocalDate b) {
        return a.isAfter(b) ? a : b;
    }
}
