package be.meterkast.app.alerts;

import be.meterkast.app.Messages;
import be.meterkast.app.users.Language;
import be.meterkast.domain.time.LocalDays;
import be.meterkast.store.StoredAlert;

import java.math.BigDecimal;
import java.text.NumberFormat;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.FormatStyle;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * An alert's title and text in a user's language, from the portal's message bundle (keys {@code alerts.*}), with
 * its figures formatted for that language. The same texts go into e-mails, webhooks, MQTT and the page.
 */
public final class AlertTexts {
    public static final Locale DUTCH = Locale.forLanguageTag("nl-BE");

    private AlertTexts() {
    }

    /**
     * The language a user chose; English for one who never chose (their pages follow the browser, which an
     * alert sent in the background cannot ask), as a page does for a browser that names no language we speak.
     */
    public static Locale locale(String userLocale) {
        return Language.of(userLocale).map(Language::locale).orElse(Locale.ENGLISH);
    }

    public static String title(Locale locale, StoredAlert alert) {
        return text(locale, "alerts." + alert.rule() + ".title", formatted(locale, alert));
    }

    public static String text(Locale locale, StoredAlert alert) {
        String variant = switch (AlertRule.ofCode(alert.rule()).orElse(AlertRule.NO_DATA)) {
            case ACCOUNT -> "." + arg(alert, 1);
            case UNUSUAL_DAY -> "." + arg(alert, 7);
            default -> "";
        };
        return text(locale, "alerts." + alert.rule() + ".text" + variant, formatted(locale, alert));
    }

    public static String text(Locale locale, String key, Object... args) {
        return Messages.text(locale, key, args);
    }

    /** The stored figures as the language writes them: numbers, dates, months, moments, directions. */
    static Object[] formatted(Locale locale, StoredAlert alert) {
        List<Object> out = new ArrayList<>();
        // The first is always a name (a meter's label, an account's e-mail): shown as typed
        for (int i = 0; i < alert.args().size(); i++) {
            out.add(i == 0 ? alert.args().get(i) : format(locale, alert.args().get(i)));
        }
        return out.toArray();
    }

    private static String format(Locale locale, String arg) {
        if (arg.matches("-?\\d+(\\.\\d+)?")) {
            NumberFormat number = NumberFormat.getNumberInstance(locale);
            number.setMaximumFractionDigits(3);
            return number.format(new BigDecimal(arg));
        }
        try {
            if (arg.matches("\\d{4}-\\d{2}-\\d{2}")) {
                return LocalDate.parse(arg).format(DateTimeFormatter.ofLocalizedDate(FormatStyle.LONG).withLocale(locale));
            }
            if (arg.matches("\\d{4}-\\d{2}")) {
                return YearMonth.parse(arg).format(DateTimeFormatter.ofPattern("MMMM yyyy", locale));
            }
            if (arg.endsWith("Z") && arg.contains("T")) {
                return Instant.parse(arg).atZone(LocalDays.BRUSSELS)
                        .format(DateTimeFormatter.ofPattern("d MMMM yyyy HH:mm", locale));
            }
        } catch (DateTimeParseException e) {
            return arg;
        }
        if (arg.equals("offtake") || arg.equals("injection")) {
            return text(locale, "alerts.direction." + arg);
        }
        return arg;
    }

    private static String arg(StoredAlert alert, int index) {
        return index < alert.args().size() ? alert.args().get(index) : "";
    }
}
