package be.meterkast.web;

import be.meterkast.app.users.Language;
import be.meterkast.domain.time.LocalDays;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;

import static org.assertj.core.api.Assertions.assertThat;

class FormatTest {
    private static final LocalDate DAY = LocalDate.of(2025, 11, 1);
    // 14:05 in Brussels
    private static final Instant AFTERNOON = Instant.parse("2025-11-01T13:05:00Z");
    private static final BigDecimal AMOUNT = new BigDecimal("1234.5");

    private static Format in(Language language) {
        return new Format(language.locale(), LocalDays.BRUSSELS);
    }

    @Test
    @DisplayName("Dutch writes a decimal comma, day before month, and a 24-hour clock")
    void dutch() {
        Format nl = in(Language.DUTCH);
        assertThat(nl.amount(AMOUNT)).isEqualTo("1.234,500");
        assertThat(nl.date(DAY)).startsWith("1 nov").endsWith("2025");
        assertThat(nl.day(DAY)).startsWith("za 1 nov");
        assertThat(nl.dateTime(AFTERNOON)).endsWith("14:05");
        assertThat(nl.month(YearMonth.of(2025, 11))).isEqualTo("november 2025");
        assertThat(nl.euro(AMOUNT)).isEqualTo("€ 1.234,50");
    }

    @Test
    @DisplayName("French writes a decimal comma, French day and month names, a 24-hour clock and the euro sign after")
    void french() {
        Format fr = in(Language.FRENCH);
        assertThat(fr.amount(AMOUNT)).matches("1\\h234,500");
        assertThat(fr.date(DAY)).startsWith("1 nov").endsWith("2025");
        assertThat(fr.day(DAY)).startsWith("sam");
        assertThat(fr.dateTime(AFTERNOON)).endsWith("14:05");
        assertThat(fr.month(YearMonth.of(2025, 11))).isEqualTo("novembre 2025");
        assertThat(fr.euro(AMOUNT)).matches("1\\h234,50\\h€");
    }

    @Test
    @DisplayName("English keeps a decimal point but no American formats: day before month, no am/pm")
    void englishWithoutUsFormats() {
        Format en = in(Language.ENGLISH);
        assertThat(en.amount(AMOUNT)).isEqualTo("1,234.500");
        assertThat(en.date(DAY)).isEqualTo("1 Nov 2025");
        assertThat(en.day(DAY)).isEqualTo("Sat 1 Nov 2025");
        assertThat(en.dateTime(AFTERNOON)).isEqualTo("1 Nov 2025 14:05");
        assertThat(en.dateTime(AFTERNOON).toLowerCase()).doesNotContain("pm").doesNotContain("am");
        assertThat(en.date(DAY)).doesNotContain("/");
    }

    @Test
    @DisplayName("A change carries its sign and the percent sign, in every language")
    void change() {
        assertThat(in(Language.DUTCH).change(255)).isEqualTo("+255\u00a0%");
        assertThat(in(Language.ENGLISH).change(-3)).isEqualTo("\u22123\u00a0%");
        assertThat(in(Language.FRENCH).change(0)).isEqualTo("0\u00a0%");
    }
}
