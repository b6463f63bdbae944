package be.meterkast.store;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;

/**
 * How far the sync of one meter got. {@code backfillCursor} is the next day of history still to fetch;
 * a meter that was never synced has the {@link #initial} state.
 */
public record MeterSync(long meterId, boolean backfillDone, Optional<LocalDate> backfillCursor,
                        Optional<Instant> lastSuccessAt, Optional<String> lastError, Optional<Instant> nextRunAt,
                        int progressDone, int progressTotal) {
    public static MeterSync initial(long meterId) {
        return new MeterSync(meterId, false, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), 0, 0);
    }
}
