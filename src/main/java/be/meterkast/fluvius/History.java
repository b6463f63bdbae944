package be.meterkast.fluvius;

import be.meterkast.domain.Measurements;
import io.vertx.core.json.JsonArray;

/**
 * The history records as Fluvius sent them (to save verbatim) together with the readings they hold.
 * {@code requests} counts the HTTP requests it took.
 */
public record History(JsonArray raw, Measurements measurements, int requests) {
    public static History empty() {
        return new History(new JsonArray(), Measurements.empty(), 0);
    }

    public History plus(History other) {
        JsonArray all = raw.copy();
        other.raw.forEach(all::add);
        return new History(all, measurements.plus(other.measurements), requests + other.requests);
    }
}
