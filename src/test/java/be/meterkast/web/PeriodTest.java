package be.meterkast.web;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;

class PeriodTest {
    private static final LocalDate TODAY = LocalDate.of(2025, 11, 30);

    private static Period parse(String days, String month, String year, String from, String to) {
        return Period.parse(days, month, year, from, to, TODAY).period().orElseThrow();
    }

    @Test
    @DisplayName("a month a year earlier selects its own dates again, not the month it came from")
    void yearEarlierQuery() {
        Period june = parse(null, "2025-06", null, null, null);

        Period earlier = june.yearEarlier();

        assertThat(earlier.first()).isEqualTo(LocalDate.of(2024, 6, 1));
        assertThat(earlier.last()).isEqualTo(LocalDate.of(2024, 6, 30));
        assertThat(earlier.query()).isEqualTo("from=2024-06-01&to=2024-06-30");
    }

    @Test
    @DisplayName("the last N days end yesterday; a month is cut off at yesterday")
    void defaults() {
        Period week = parse("7", null, null, null, null);
        Period thisMonth = parse(null, "2025-11", null, null, null);

        assertThat(week.first()).isEqualTo(LocalDate.of(2025, 11, 23));
        assertThat(week.last()).isEqualTo(LocalDate.of(2025, 11, 29));
        assertThat(thisMonth.last()).isEqualTo(LocalDate.of(2025, 11, 29));
        assertThat(thisMonth.dayCount()).isEqualTo(29);
    }

    @Test
    @DisplayName("wrong parameters name what is wrong")
    void errors() {
        assertThat(Period.parse("0", null, null, null, null, TODAY).errorKey()).isEqualTo("period.error.days");
        assertThat(Period.parse(null, null, null, "2025-06-02", "2025-06-01", TODAY).errorKey()).isEqualTo("period.error.order");
        assertThat(Period.parse(null, null, null, "2025-06-01", null, TODAY).errorKey()).isEqualTo("period.error.bounds");
        assertThat(Period.parse(null, null, "1999", null, null, TODAY).errorKey()).isEqualTo("period.error.year");
    }

    @Test
    @DisplayName("a parameter that cannot be read is named by its own message: days, month, year, from, to")
    void unreadableParametersNamed() {
        assertThat(Period.parse("abc", null, null, null, null, TODAY).errorKey()).isEqualTo("period.error.days");
        assertThat(Period.parse("+7", null, null, null, null, TODAY).errorKey()).isEqualTo("period.error.days");
        assertThat(Period.parse(null, "june", null, null, null, TODAY).errorKey()).isEqualTo("period.error.month");
        assertThat(Period.parse(null, null, "last", null, null, TODAY).errorKey()).isEqualTo("period.error.year");
        assertThat(Period.parse(null, null, null, "2025-13-01", "2025-06-01", TODAY).errorKey()).isEqualTo("period.error.from");
        assertThat(Period.parse(null, null, null, "2025-06-01", "soon", TODAY).errorKey()).isEqualTo("period.error.to");
        assertThat(Templates.text(java.util.Locale.ENGLISH, "period.error.days")).contains("(days)").contains("1 to 1100");
    }

    @Test
    @DisplayName("an API range defaults to the week ending yesterday and is not cut off at yesterday")
    void rangeDefaults() {
        Period week = Period.range(null, null, TODAY, 7, 31).period().orElseThrow();
        Period ahead = Period.range("2025-11-29", "2025-12-02", TODAY, 7, 31).period().orElseThrow();

        assertThat(week.first()).isEqualTo(LocalDate.of(2025, 11, 23));
        assertThat(week.last()).isEqualTo(LocalDate.of(2025, 11, 29));
        assertThat(ahead.last()).isEqualTo(LocalDate.of(2025, 12, 2));
    }

    @Test
    @DisplayName("an API range covers at most its maximum number of days, in order, with dates it can read")
    void rangeErrors() {
        assertThat(Period.range("2025-11-01", "2025-12-01", TODAY, 7, 31).period()).isPresent();
        assertThat(Period.range("2025-11-01", "2025-12-02", TODAY, 7, 31).errorKey()).isEqualTo("period.error.tooLong");
        assertThat(Period.range("2025-11-02", "2025-11-01", TODAY, 7, 31).errorKey()).isEqualTo("period.error.order");
        assertThat(Period.range("yesterday", null, TODAY, 7, 31).errorKey()).isEqualTo("period.error.from");
        assertThat(Period.range(null, "today", TODAY, 7, 31).errorKey()).isEqualTo("period.error.to");
    }
}
