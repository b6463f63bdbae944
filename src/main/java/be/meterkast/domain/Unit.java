package be.meterkast.domain;

import java.util.Locale;
import java.util.Optional;

/** Unit of a measured value (wire field {@code u}). */
public enum Unit {
    KWH(3, "kWh"),
    M3(5, "m³");

    private final int code;
    private final String symbol;

    Unit(int code, String symbol) {
        this.code = code;
        this.symbol = symbol;
    }

    public int code() {
        return code;
    }

    public String symbol() {
        return symbol;
    }

    public static Optional<Unit> fromCode(int code) {
        for (Unit unit : values()) {
            if (unit.code == code) {
                return Optional.of(unit);
            }
        }
        return Optional.empty();
    }

    /** Accepts what people type: {@code kwh}, {@code m3}, {@code m³}. */
    public static Optional<Unit> parse(String text) {
        String t = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
        return switch (t) {
            case "kwh" -> Optional.of(KWH);
            case "m3", "m³" -> Optional.of(M3);
            default -> Optional.empty();
        };
    }
}
