package be.meterkast.domain;

import java.util.Objects;

/** What Fluvius needs to identify a meter: the connection's EAN and the meter's serial number. */
public record MeterRef(String ean, String serial) {
    public MeterRef {
        Objects.requireNonNull(ean, "ean");
        Objects.requireNonNull(serial, "serial");
    }
}
