package be.meterkast.domain;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A value of a record whose period is known but which could not be kept: {@code null}, not a number, or an
 * unknown register, direction or unit. Kept so the day it belongs to is not taken for a whole day.
 * {@code unit} is the value's unit when that part could be read.
 */
public record BadValue(Instant periodStart, Defect defect, Optional<Unit> unit) {
    public BadValue {
        Objects.requireNonNull(periodStart, "periodStart");
        Objects.requireNonNull(defect, "defect");
        Objects.requireNonNull(unit, "unit");
        if (defect != Defect.NULL_VALUE && defect != Defect.UNREADABLE_VALUE) {
            throw new IllegalArgumentException("a bad value is null or unreadable, not " + defect);
        }
    }
}
