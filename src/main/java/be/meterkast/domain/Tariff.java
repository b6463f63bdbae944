package be.meterkast.domain;

import java.util.Optional;

/** The meter register a value was counted on (wire field {@code dc}). */
public enum Tariff {
    /** One register for the whole day: gas, and electricity meters without day/night split. */
    SINGLE(0),
    /** Day or "high" register. */
    DAY(1),
    /** Night or "low" register, also weekends. */
    NIGHT(2);

    private final int code;

    Tariff(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    public static Optional<Tariff> fromCode(int code) {
        for (Tariff tariff : values()) {
            if (tariff.code == code) {
                return Optional.of(tariff);
            }
        }
        return Optional.empty();
    }
}
