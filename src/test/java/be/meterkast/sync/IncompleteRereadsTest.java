package be.meterkast.sync;

import be.meterkast.domain.Defect;
import be.meterkast.domain.IncompleteDay;
import be.meterkast.domain.Resolution;
import be.meterkast.sync.BackfillPlan.Daily;
import be.meterkast.sync.BackfillPlan.QuarterHours;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.List;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

class IncompleteRereadsTest {
    private static final LocalDate WINDOW_FIRST = LocalDate.of(2025, 11, 23);

    private static IncompleteDay daily(String day) {
        return new IncompleteDay(LocalDate.parse(day), Resolution.DAY, Defect.MISSING_REGISTER);
    }

    @Test
    @DisplayName("incomplete days inside the window add nothing: the window reads them anyway")
    void insideTheWindow() {
        assertThat(IncompleteRereads.before(WINDOW_FIRST, List.of(daily("2025-11-23"), daily("2025-11-28"),
                new IncompleteDay(WINDOW_FIRST, Resolution.QUARTER_HOUR, Defect.MISSING_INTERVALS)))).isEmpty();
    }

    @Test
    @DisplayName("daily marks a week apart or less share one request; farther apart, or beyond 31 days, they do not")
    void dailyMarksGrouped() {
        var reads = IncompleteRereads.before(WINDOW_FIRST, List.of(daily("2025-11-01"), daily("2025-11-08"),
                daily("2025-11-20"), daily("2025-09-01"), daily("2025-09-20"), daily("2025-10-02")));

        assertThat(reads).containsExactly(
                new Daily(LocalDate.parse("2025-09-01"), LocalDate.parse("2025-09-01")),
                new Daily(LocalDate.parse("2025-09-20"), LocalDate.parse("2025-09-20")),
                new Daily(LocalDate.parse("2025-10-02"), LocalDate.parse("2025-10-02")),
                new Daily(LocalDate.parse("2025-11-01"), LocalDate.parse("2025-11-08")),
                new Daily(LocalDate.parse("2025-11-20"), LocalDate.parse("2025-11-20")));
    }

    @Test
    @DisplayName("a run of daily marks longer than 31 days is split")
    void longRunSplit() {
        List<IncompleteDay> marks = IntStream.range(0, 40).mapToObj(i -> daily(LocalDate.of(2025, 10, 1).plusDays(i).toString()))
                .toList();

        assertThat(IncompleteRereads.before(WINDOW_FIRST, marks)).containsExactly(
                new Daily(LocalDate.of(2025, 10, 1), LocalDate.of(2025, 10, 31)),
                new Daily(LocalDate.of(2025, 11, 1), LocalDate.of(2025, 11, 9)));
    }

    @Test
    @DisplayName("quarter-hour marks are read one day per request, the 7 newest only")
    void quarterHourMarks() {
        List<IncompleteDay> marks = IntStream.range(0, 10).mapToObj(i -> new IncompleteDay(
                WINDOW_FIRST.minusDays(1 + i), Resolution.QUARTER_HOUR, Defect.MISSING_INTERVALS)).toList();

        assertThat(IncompleteRereads.before(WINDOW_FIRST, marks)).containsExactlyElementsOf(
                IntStream.range(0, 7).mapToObj(i -> new QuarterHours(WINDOW_FIRST.minusDays(1 + i))).toList());
    }
}
