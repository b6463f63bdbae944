package be.meterkast.web;

import be.meterkast.csvimport.Reason;
import be.meterkast.store.StatusText;

import java.math.BigDecimal;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Numbers and dates the way the reader's language writes them (decimal comma in Dutch and French). Formatters are made once
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

    /**
     * Day before month, a 24-hour clock, in every language: Belgian usage, also on English pages (the localized
     * English styles are American: {@code Jun 30, 2025, 2:05 PM}).
     */
    private record Dates(DateTimeFormatter date, DateTimeFormatter month, DateTimeFormatter dateTime) {
        Dates(Locale locale) {
            this(DateTimeFormatter.ofPattern("d MMM yyyy", locale),
                    DateTimeFormatter.ofPattern("LLLL yyyy", locale),
                    DateTimeFormatter.ofPattern("d MMM yyyy HH:mm", locale));
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

    /** Weekday and date, the way tables and headings name a day: {@code Mon 30 Jun 2025}, {@code ma 30 jun 2025}. */
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

    /** Euro to the cent: {@code € 1.234,56} in Dutch, {@code 1 234,56 €} in French, {@code € 1,234.56} in English. */
    public String euro(BigDecimal value) {
        if (value == null) {
            return "";
        }
        String number = EUROS.get().computeIfAbsent(locale,
                l -> new DecimalFormat("#,##0.00", DecimalFormatSymbols.getInstance(l))).format(value);
        return locale.getLanguage().equals("fr") ? number + "\u00a0€" : "€ " + number;
    }

    /** A percentage change with its sign, the way the language writes it: {@code +12 %}, {@code −3 %}. */
    public String change(int percent) {
        return (percent > 0 ? "+" : percent < 0 ? "\u2212" : "") + Math.abs(percent) + "\u00a0%";
    }

    /**
     * A stored status or error message in the reader's language: its code's text with its parameters, or the
     * stored text as it is when it has no code (written before codes were stored) or the code is unknown.
     */
    public String status(StatusText message) {
        if (message == null) {
            return "";
        }
        return message.key().filter(key -> !Templates.text(locale, key).equals(key))
                .map(key -> Templates.text(locale, key, message.args().toArray()))
                .orElse(message.text());
    }

    /** Why a Mijn Fluvius file or row was refused, in the reader's language ({@code csv.<code>}), else in English. */
    public String reason(Reason reason) {
        if (reason == null) {
            return "";
        }
        String key = "csv." + reason.code();
        return Templates.text(locale, key).equals(key) ? reason.english()
                : Templates.text(locale, key, reason.args().toArray());
    }

    public String status(Optional<StatusText> message) {
        return message.map(this::status).orElse("");
    }

    public int percent(int done, int total) {
        return total <= 0 ? 0 : Math.min(100, done * 100 / total);
    }
}
