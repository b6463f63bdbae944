package be.meterkast.csvimport;

import be.meterkast.domain.MeterKind;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What a whole file held, once every line has been read.
 *
 * @param readings     values handed on, one per row read
 * @param problems     the first {@link VerbruikshistoriekParser#KEPT_PROBLEMS} rows that could not be read
 * @param problemCount all rows that could not be read
 * @param unreadableReason why the file as a whole cannot be used (not a Verbruikshistoriek file, no rows), if so
 * @param eans         the EANs the rows name
 * @param serials      the meter serials the rows name (empty when the file has no "Meter" column)
 * @param kind         electricity or gas, when the file says so unambiguously
 * @param intervals    the lengths of the rows' periods
 * @param firstDay     the local day of the earliest period
 * @param lastDay      the local day of the latest period
 */
public record CsvSummary(long readings, List<CsvProblem> problems, int problemCount, Optional<Reason> unreadableReason,
                         Set<String> eans, Set<String> serials, Optional<MeterKind> kind, Set<Interval> intervals,
                         Optional<LocalDate> firstDay, Optional<LocalDate> lastDay) {

    /** {@link #unreadableReason} in English. */
    public Optional<String> unreadable() {
        return unreadableReason.map(Reason::english);
    }

    /** The period lengths Mijn Fluvius offers downloads in; {@link #OTHER} for anything else a file holds. */
    public enum Interval {
        QUARTER_HOUR,
        HOUR,
        DAY,
        OTHER
    }
}
