package be.meterkast.store;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;

/**
 * How far the sync of one meter got. The backfill walks back from yesterday: {@code backfillCursor} is the
 * oldest day it has read, {@code backfillNewest} the newest (both empty before its first step and once it is
 * done). {@code progressTotal} is an upper bound while it runs: a history that starts later ends it early.
 * A meter that was never synced has the {@link #initial} state.
 */
public record MeterSync(long meterId, boolean backfillDone, Optional<LocalDate> backfillCursor,
                        Optional<LocalDate> backfillNewest, Optional<Instant> lastSuccessAt, Optional<StatusText> error, Optional<Instant> nextRunAt,
                        int progressDone, int progressTotal) {
    /** The backfill is under way and knows how many steps it has: pages show its progress. */
    public boolean loadingHistory() {
        return !backfillDone && progressTotal > 0;
    }

    /** The last run's problem in English (logs, the API); pages word {@link #error} in the reader's language. */
    public Optional<String> lastError() {
        return error.map(StatusText::text);
    }

    /**
     * The first sync has started (or is due) and not yet loaded a day: no progress to count yet, nor a
     * success or a problem to show.
     */
    public boolean firstSyncStarting() {
        return !backfillDone && progressTotal == 0 && lastSuccessAt.isEmpty() && error.isEmpty();
    }

    public static MeterSync initial(long meterId) {
        return new MeterSync(meterId, false, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), 0, 0);
    }
}
