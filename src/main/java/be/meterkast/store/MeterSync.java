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
                        Optional<LocalDate> backfillNewest, Optional<Instant> lastSuccessAt, Optional<String> lastError, Optional<Instant> nextRunAt,
                        int progressDone, int progressTotal) {
    /** The backfill is under way and knows how many steps it has: pages show its progress. */
    public boolean loadingHistory() {
        return !backfillDone && progressTotal > 0;
    }

    public static MeterSync initial(long meterId) {
        return new MeterSync(meterId, false, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), 0, 0);
    }
}
