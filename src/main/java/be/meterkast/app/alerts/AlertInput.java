package be.meterkast.app.alerts;

import be.meterkast.store.AlertSettings;

import java.math.BigDecimal;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the alerts form and the API may set, checked in one place: each field's value as text (a threshold
 * left empty turns its rule off), every problem at once as a message key per field.
 */
public final class AlertInput {
    public static final String EMAIL = "email";
    public static final String WEBHOOK_URL = "webhookUrl";
    public static final String WEBHOOK_FORMAT = "webhookFormat";
    public static final String MQTT = "mqtt";
    public static final String PEAK_KW = "peakKw";
    public static final String PEAK_ABOVE_AVERAGE = "peakAboveAverage";
    public static final String BASE_LOAD_PERCENT = "baseLoadPercent";
    public static final String NO_DATA_DAYS = "noDataDays";
    public static final String ACCOUNT_ATTENTION = "accountAttention";
    public static final String UNUSUAL_DAY_FACTOR = "unusualDayFactor";
    public static final List<String> FIELDS = List.of(EMAIL, WEBHOOK_URL, WEBHOOK_FORMAT, MQTT, PEAK_KW,
            PEAK_ABOVE_AVERAGE, BASE_LOAD_PERCENT, NO_DATA_DAYS, ACCOUNT_ATTENTION, UNUSUAL_DAY_FACTOR);
    static final int MAX_URL = 2000;
    static final int MAX_EMAIL = 254;

    private AlertInput() {
    }

    /** The settings, or the problems (field to message key); never both. */
    public record Result(Optional<AlertSettings> settings, Map<String, String> errors) {
    }

    /** {@code values}: field to text as sent; a switch is on for "true" or "on". */
    public static Result parse(Map<String, String> values) {
        Map<String, String> errors = new LinkedHashMap<>();
        Optional<String> email = text(values, EMAIL);
        if (email.isPresent() && (email.get().length() > MAX_EMAIL || !looksLikeEmail(email.get()))) {
            errors.put(EMAIL, "alerts.error.email");
        }
        Optional<String> url = text(values, WEBHOOK_URL);
        if (url.isPresent() && !webUrl(url.get())) {
            errors.put(WEBHOOK_URL, "alerts.error.webhookUrl");
        }
        String format = text(values, WEBHOOK_FORMAT).orElse(AlertSettings.JSON);
        if (!format.equals(AlertSettings.JSON) && !format.equals(AlertSettings.NTFY)) {
            errors.put(WEBHOOK_FORMAT, "alerts.error.webhookFormat");
        } else if (format.equals(AlertSettings.NTFY) && url.isPresent() && webUrl(url.get())
                && ntfyTopic(URI.create(url.get())).isEmpty()) {
            errors.put(WEBHOOK_URL, "alerts.error.ntfyTopic");
        }
        Optional<BigDecimal> peakKw = decimal(values, PEAK_KW, new BigDecimal("0.1"), new BigDecimal("1000"), errors,
                "alerts.error.peakKw");
        Optional<Integer> percent = whole(values, BASE_LOAD_PERCENT, 10, 1000, errors, "alerts.error.baseLoadPercent");
        Optional<Integer> days = whole(values, NO_DATA_DAYS, 1, 60, errors, "alerts.error.noDataDays");
        Optional<BigDecimal> factor = decimal(values, UNUSUAL_DAY_FACTOR, new BigDecimal("1.2"), new BigDecimal("20"),
                errors, "alerts.error.unusualDayFactor");
        if (!errors.isEmpty()) {
            return new Result(Optional.empty(), errors);
        }
        return new Result(Optional.of(new AlertSettings(email, url, format, flag(values, MQTT), peakKw,
                flag(values, PEAK_ABOVE_AVERAGE), percent, days, flag(values, ACCOUNT_ATTENTION), factor)), Map.of());
    }

    /** The settings as the form shows them: the inverse of {@link #parse}. */
    public static Map<String, String> fields(AlertSettings s) {
        Map<String, String> values = new LinkedHashMap<>();
        values.put(EMAIL, s.email().orElse(""));
        values.put(WEBHOOK_URL, s.webhookUrl().orElse(""));
        values.put(WEBHOOK_FORMAT, s.webhookFormat());
        values.put(MQTT, Boolean.toString(s.mqtt()));
        values.put(PEAK_KW, s.peakKw().map(v -> v.stripTrailingZeros().toPlainString()).orElse(""));
        values.put(PEAK_ABOVE_AVERAGE, Boolean.toString(s.peakAboveAverage()));
        values.put(BASE_LOAD_PERCENT, s.baseLoadPercent().map(String::valueOf).orElse(""));
        values.put(NO_DATA_DAYS, s.noDataDays().map(String::valueOf).orElse(""));
        values.put(ACCOUNT_ATTENTION, Boolean.toString(s.accountAttention()));
        values.put(UNUSUAL_DAY_FACTOR, s.unusualDayFactor().map(v -> v.stripTrailingZeros().toPlainString()).orElse(""));
        return values;
    }

    /** One @, something before it, a dot in the domain, no spaces: the address is tried for real by the test. */
    public static boolean looksLikeEmail(String text) {
        return text.matches("[^@\\s]+@[^@\\s]+\\.[^@\\s.]+");
    }

    static boolean webUrl(String text) {
        if (text.length() > MAX_URL) {
            return false;
        }
        try {
            URI uri = new URI(text);
            return ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null
                    && uri.getRawUserInfo() == null;
        } catch (java.net.URISyntaxException e) {
            return false;
        }
    }

    /** The topic of an ntfy URL like https://ntfy.sh/my-topic: its one path segment. */
    static Optional<String> ntfyTopic(URI uri) {
        String path = uri.getPath() == null ? "" : uri.getPath().replaceAll("^/+|/+$", "");
        return path.matches("[A-Za-z0-9_-]{1,64}") ? Optional.of(path) : Optional.empty();
    }

    private static Optional<String> text(Map<String, String> values, String field) {
        return Optional.ofNullable(values.get(field)).map(String::strip).filter(v -> !v.isEmpty());
    }

    private static boolean flag(Map<String, String> values, String field) {
        return text(values, field).map(v -> v.equals("true") || v.equals("on")).orElse(false);
    }

    private static Optional<BigDecimal> decimal(Map<String, String> values, String field, BigDecimal min,
                                                BigDecimal max, Map<String, String> errors, String key) {
        Optional<String> text = text(values, field);
        if (text.isEmpty()) {
            return Optional.empty();
        }
        try {
            BigDecimal value = new BigDecimal(text.get().replace(',', '.')).stripTrailingZeros();
            if (value.compareTo(min) >= 0 && value.compareTo(max) <= 0 && value.scale() <= 3) {
                return Optional.of(value.scale() < 0 ? value.setScale(0) : value);
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        errors.put(field, key);
        return Optional.empty();
    }

    private static Optional<Integer> whole(Map<String, String> values, String field, int min, int max,
                                           Map<String, String> errors, String key) {
        Optional<String> text = text(values, field);
        if (text.isEmpty()) {
            return Optional.empty();
        }
        try {
            int value = Integer.parseInt(text.get());
            if (value >= min && value <= max) {
                return Optional.of(value);
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        errors.put(field, key);
        return Optional.empty();
    }
}
