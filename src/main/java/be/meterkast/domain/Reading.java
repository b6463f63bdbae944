package be.meterkast.domain;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Objects;

/**
 * One measured value for the period [start, end): a quarter-hour, an hour, a (gas) day.
 * {@code estimated} is true until Fluvius has validated the value; it may still change.
 */
public record Reading(Instant start, Instant end, Tariff tariff, Direction direction, Unit unit,
                      BigDecimal value, boolean estimated) {
    public Reading {
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
        Objects.requireNonNull(tariff, "tariff");
        Objects.requireNonNull(direction, "direction");
        Objects.requireNonNull(unit, "unit");
        Objects.requireNonNull(value, "value");
        if (!end.isAfter(start)) {
            throw new IllegalArgumentException("end " + end + " is not after start " + start);
        }
    }

    /** Two readings with the same key describe the same quantity; the later one replaces the earlier. */
    public Key key() {
        return new Key(start, end, tariff, direction, unit);
    }

    public record Key(Instant start, Instant end, Tariff tariff, Direction direction, Unit unit) {
    }
}
