package be.meterkast.domain;

import java.util.ArrayList;
import java.util.List;

/**
 * What one or more history responses held: the readings that made sense and how many values did not.
 * {@code badValues} are those of the unusable values whose period is known, so their day can be marked
 * incomplete; {@code skipped} counts every unusable value, also those of records without a readable start.
 */
public record Measurements(List<Reading> readings, int skipped, List<BadValue> badValues) {
    public Measurements {
        readings = List.copyOf(readings);
        badValues = List.copyOf(badValues);
    }

    public Measurements(List<Reading> readings, int skipped) {
        this(readings, skipped, List.of());
    }

    public Measurements plus(Measurements other) {
        List<Reading> all = new ArrayList<>(readings.size() + other.readings.size());
        all.addAll(readings);
        all.addAll(other.readings);
        List<BadValue> bad = new ArrayList<>(badValues);
        bad.addAll(other.badValues);
        return new Measurements(all, skipped + other.skipped, bad);
    }

    public static Measurements empty() {
        return new Measurements(List.of(), 0, List.of());
    }
}
