package be.meterkast.web;

import java.math.BigDecimal;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Numbers and dates the way the reader's language writes them (decimal comma in Dutch). Formatters are made once
 * per language and reused: a year's table formats thousands of numbers, and building a {@code DecimalFormat}
 * (symbols, pattern parsing) cost more than the page's queries. {@code DecimalFormat} is not thread-safe, so each
 * thread keeps its own; the {@code DateTimeFormatter}s are immutable and shared.
 */
public final class Format {
    private static final ThreadLocal<Map<Locale, DecimalFormat>> AMOUNTS = ThreadLocal.withInitial(HashMap::new);
    private static final ThreadLocal<Map<Locale, DecimalFormat>> EUROS = ThreadLocal.withInitial(HashMap::new);
    private static final Map<Locale, Dates> DATES = new ConcurrentHashMap<>();

    private final Locale locale;
    private final ZoneId zone;
    private final Dates dates;

    public Format(Locale locale, ZoneId zone) {
        this.locale = locale;
        this.zone = zone;
        this.dates = DATES.computeIfAbsent(locale, Dates::new);
    }

    private record Dates(DateTimeFormatter date, DateTimeFormatter month, DateTimeFormatter dateTime) {
        Dates(Locale locale) {
            this(DateTimeFormatter.ofLocalizedDate(FormatStyle.MEDIUM).withLocale(locale),
                    DateTimeFormatter.ofPattern("LLLL yyyy", locale),
                    DateTimeFormatter.ofLocalizedDateTime(FormatStyle.MEDIUM, FormatStyle.SHORT).withLocale(locale));
        }
    }

    /** Three decimals: a Wh in kWh, a litre in m³. */
    public String amount(BigDecimal value) {
        if (value == null) {
            return "";
        }
        return AMOUNTS.get().computeIfAbsent(locale,
                l -> new DecimalFormat("#,##0.000", DecimalFormatSymbols.getInstance(l))).format(value);
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
        return date == null ? "" : dates.date().format(date);
    }

    public String weekday(LocalDate date) {
        return date == null ? "" : date.getDayOfWeek().getDisplayName(java.time.format.TextStyle.SHORT, locale);
    }

    public String month(java.time.YearMonth month) {
        return month == null ? "" : dates.month().format(month);
    }

    public String dateTime(Instant instant) {
        return instant == null ? "" : dates.dateTime().format(instant.atZone(zone));
    }

    public String dateTime(Optional<Instant> instant) {
        return instant.map(this::dateTime).orElse("");
    }

    /** Euro to the cent: {@code € 1.234,56} in Dutch, {@code € 1,234.56} in English. */
    public String euro(BigDecimal value) {
        if (value == null) {
            return "";
        }
        return "€ " + EUROS.get().computeIfAbsent(locale,
                l -> new DecimalFormat("#,##0.00", DecimalFormatSymbols.getInstance(l))).format(value);
    }

    public int percent(int done, int total) {
        return total <= 0 ? 0 : Math.min(100, done * 100 / total);
    }
}
