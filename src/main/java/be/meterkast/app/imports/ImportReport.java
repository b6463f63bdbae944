package be.meterkast.app.imports;

import be.meterkast.csvimport.CsvProblem;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/**
 * What importing one file did: values written (new or changed), already stored as they are, and left out,
 * with the reasons (a line number where one line is meant, 0 for a reason about several), and the days the
 * file covers.
 */
public record ImportReport(String fileName, int imported, int unchanged, int skipped, List<CsvProblem> problems,
                           Optional<LocalDate> firstDay, Optional<LocalDate> lastDay) {
    /** The same file again, or one with nothing new: nothing changed. */
    public boolean nothingNew() {
        return imported == 0;
    }
}
