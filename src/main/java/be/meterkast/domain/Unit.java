package be.meterkast.domain;

import java.util.Locale;
import java.util.Optional;

/** Unit of a measured value. */
public enum Unit {
    KWH("kWh"),
    M3("m³");

    private final String symbol;

    Unit(String symbol) {
        this.symbol = symbol;
    }

    public String symbol() {
        return symbol;
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
