package be.meterkast.store;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;

/** One Mijn Fluvius file imported into a meter, with what it did. */
public record CsvImport(long id, long meterId, String fileName, Optional<Long> importedBy, Instant importedAt,
                        int imported, int unchanged, int skipped, Optional<LocalDate> firstDay,
                        Optional<LocalDate> lastDay) {
}
