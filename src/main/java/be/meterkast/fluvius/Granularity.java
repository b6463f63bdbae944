package be.meterkast.fluvius;

import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

/**
 * The {@code granularity} parameter of a history request. The codes are undocumented; these are the ones
 * seen to work. Whatever is asked for, each returned record is read by its own {@code d}/{@code de}.
 */
public enum Granularity {
    QUARTER_HOUR("1", "quarter-hour", Duration.ofMinutes(15)),
    HOURLY("2", "hourly", Duration.ofHours(1)),
    DAILY("4", "daily", Duration.ofDays(1));

    private final String code;
    private final String label;
    private final Duration step;

    Granularity(String code, String label, Duration step) {
        this.code = code;
        this.label = label;
        this.step = step;
    }

    public String code() {
        return code;
    }

    public String label() {
        return label;
    }

    /** Nominal length of one period (a local day may be 23 or 25 hours). */
    public Duration step() {
        return step;
    }

    /** Accepts a name ({@code quarter-hour}, {@code hourly}, {@code daily}) or a wire code. */
    public static Optional<Granularity> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String t = text.trim().toLowerCase(Locale.ROOT).replace('_', '-');
        for (Granularity g : values()) {
            if (g.code.equals(t) || g.label.equals(t)) {
                return Optional.of(g);
            }
        }
        return switch (t) {
            case "quarterhour", "qh", "15m" -> Optional.of(QUARTER_HOUR);
            case "hour", "1h" -> Optional.of(HOURLY);
            case "day", "1d" -> Optional.of(DAILY);
            default -> Optional.empty();
        };
    }
}
