package be.meterkast.domain;

import java.util.List;

/** What one or more history responses held: the readings that made sense and how many did not. */
public record Measurements(List<Reading> readings, int skipped) {
    public Measurements {
        readings = List.copyOf(readings);
    }

    public Measurements plus(Measurements other) {
        var all = new java.util.ArrayList<Reading>(readings.size() + other.readings.size());
        all.addAll(readings);
        all.addAll(other.readings);
        return new Measurements(all, skipped + other.skipped);
    }

    public static Measurements empty() {
        return new Measurements(List.of(), 0);
    }
}
