package be.meterkast.sync;

import be.meterkast.domain.IncompleteDay;
import be.meterkast.domain.Resolution;
import be.meterkast.sync.BackfillPlan.Daily;
import be.meterkast.sync.BackfillPlan.QuarterHours;
import be.meterkast.sync.BackfillPlan.Read;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The extra reads an incremental run makes for incomplete days older than its window (days inside it are
 * read anyway). Daily marks close together share one request; quarter-hours are one request per day, so at
 * most {@link #MAX_QUARTER_HOUR_DAYS} of them per run, newest first: those are the ones Fluvius still fixes.
 */
final class IncompleteRereads {
    /** Marked days at most this far apart are read in one daily request, with the whole days between them. */
    static final int DAILY_GAP_DAYS = 7;
    static final int MAX_DAILY_SPAN_DAYS = 31;
    static final int MAX_QUARTER_HOUR_DAYS = 7;

    private IncompleteRereads() {
    }

    static List<Read> before(LocalDate windowFirst, List<IncompleteDay> marks) {
        List<Read> reads = new ArrayList<>();
        List<LocalDate> daily = marks.stream().filter(m -> m.resolution() == Resolution.DAY)
                .map(IncompleteDay::day).filter(d -> d.isBefore(windowFirst)).distinct().sorted().toList();
        LocalDate first = null;
        LocalDate last = null;
        for (LocalDate day : daily) {
            if (first != null && (ChronoUnit.DAYS.between(last, day) > DAILY_GAP_DAYS
                    || ChronoUnit.DAYS.between(first, day) >= MAX_DAILY_SPAN_DAYS)) {
                reads.add(new Daily(first, last));
                first = null;
            }
            if (first == null) {
                first = day;
            }
            last = day;
        }
        if (first != null) {
            reads.add(new Daily(first, last));
        }
        marks.stream().filter(m -> m.resolution() == Resolution.QUARTER_HOUR)
                .map(IncompleteDay::day).filter(d -> d.isBefore(windowFirst)).distinct()
                .sorted(Comparator.reverseOrder()).limit(MAX_QUARTER_HOUR_DAYS)
                .forEach(day -> reads.add(new QuarterHours(day)));
        return reads;
    }
}
