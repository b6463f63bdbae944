package be.meterkast.sync;

import be.meterkast.domain.MeterKind;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The order in which a new meter's history is read, as a pure function of the saved cursor (the next local
 * day still to fetch) and today. The walk goes forward in time, so a restart — even days later — continues
 * at the cursor and reaches the new yesterday without gaps; re-reading a day is harmless (upsert).
 *
 * <ol>
 *   <li>daily readings from {@code today − dailyBackfillDays}, {@code dailyChunkDays} per request, up to the
 *       quarter-hour window (electricity) or yesterday (gas, aligned to gas days by the query);</li>
 *   <li>electricity: the quarter-hour window one local day per step, the first step also reading the
 *       window's daily readings in one request;</li>
 *   <li>electricity: the monthly peaks since 1 January of last year, and the backfill is done.</li>
 * </ol>
 */
final class BackfillPlan {
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

    record Peaks(LocalDate first, LocalDate last) implements Read {
    }

    /** The requests of one step and the cursor after it; {@code finishes} marks the last step. */
    record Step(List<Read> reads, LocalDate nextCursor, boolean finishes) {
    }

    Step next(Optional<LocalDate> cursor, LocalDate today) {
        LocalDate end = today.minusDays(1);
        LocalDate start = today.minusDays(settings.dailyBackfillDays());
        LocalDate c = cursor.orElse(start);
        boolean electricity = kind == MeterKind.ELECTRICITY;
        if (c.isAfter(end)) {
            return electricity && settings.peakBackfillYears() > 0
                    ? new Step(List.of(new Peaks(LocalDate.of(today.getYear() - settings.peakBackfillYears(), 1, 1), end)),
                    c, true)
                    : new Step(List.of(), c, true);
        }
        Optional<LocalDate> quarterHoursFrom = quarterHoursFrom(today);
        if (quarterHoursFrom.isPresent() && !c.isBefore(quarterHoursFrom.get())) {
            List<Read> reads = new ArrayList<>(2);
            if (c.equals(quarterHoursFrom.get())) {
                reads.add(new Daily(c, end));
            }
            reads.add(new QuarterHours(c));
            return new Step(reads, c.plusDays(1), false);
        }
        LocalDate last = c.plusDays(settings.dailyChunkDays() - 1L);
        if (last.isAfter(end)) {
            last = end;
        }
        if (quarterHoursFrom.isPresent() && !last.isBefore(quarterHoursFrom.get())) {
            last = quarterHoursFrom.get().minusDays(1);
        }
        return new Step(List.of(new Daily(c, last)), last.plusDays(1), false);
    }

    /** Steps still to run from {@code cursor}, this one included. */
    int remaining(Optional<LocalDate> cursor, LocalDate today) {
        int steps = 1;
        for (Step step = next(cursor, today); !step.finishes(); step = next(Optional.of(step.nextCursor()), today)) {
            steps++;
        }
        return steps;
    }

    /** The first day of the quarter-hour window, for electricity meters that get one. */
    private Optional<LocalDate> quarterHoursFrom(LocalDate today) {
        if (kind != MeterKind.ELECTRICITY || settings.quarterHourBackfillDays() == 0) {
            return Optional.empty();
        }
        LocalDate from = today.minusDays(settings.quarterHourBackfillDays());
        LocalDate start = today.minusDays(settings.dailyBackfillDays());
        return Optional.of(from.isBefore(start) ? start : from);
    }
}
