package be.meterkast.web;

import java.math.BigDecimal;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.Locale;
import java.util.Optional;

/** Numbers and dates the way the reader's language writes them (decimal comma in Dutch). */
public final class Format {
    private final Locale locale;
    private final ZoneId zone;

    public Format(Locale locale, ZoneId zone) {
        this.locale = locale;
        this.zone = zone;
    }

    /** Three decimals: a Wh in kWh, a litre in m³. */
    public String amount(BigDecimal value) {
        if (value == null) {
            return "";
        }
        DecimalFormat format = new DecimalFormat("#,##0.000", DecimalFormatSymbols.getInstance(locale));
        return format.format(value);
    }

    /** An amount followed by its unit: {@code 1.234,567 kWh}. */
    public String amount(BigDecimal value, String unit) {
        return amount(value) + " " + unit;
    }

    /** Weekday and date, the way tables and headings name a day: {@code Mon Jun 30, 2025}. */
    public String day(LocalDate date) {
        return weekday(date) + " " + date(date);
    }

    public String date(LocalDate date) {
        return date == null ? "" : DateTimeFormatter.ofLocalizedDate(FormatStyle.MEDIUM).withLocale(locale).format(date);
    }

    public String weekday(LocalDate date) {
        return date == null ? "" : date.getDayOfWeek().getDisplayName(java.time.format.TextStyle.SHORT, locale);
    }

    public String month(java.time.YearMonth month) {
        return month == null ? "" : DateTimeFormatter.ofPattern("LLLL yyyy", locale).format(month);
    }

    public String dateTime(Instant instant) {
        return instant == null ? "" : DateTimeFormatter.ofLocalizedDateTime(FormatStyle.MEDIUM, FormatStyle.SHORT)
                .withLocale(locale).format(instant.atZone(zone));
    }

    public String dateTime(Optional<Instant> instant) {
        return instant.map(this::dateTime).orElse("");
    }

    public int percent(int done, int total) {
        return total <= 0 ? 0 : Math.min(100, done * 100 / total);
    }
}
