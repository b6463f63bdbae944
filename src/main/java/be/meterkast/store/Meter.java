package be.meterkast.store;

import be.meterkast.domain.MeterKind;
import be.meterkast.domain.MeterRef;
import be.meterkast.domain.Unit;

import java.time.Instant;
import java.util.Optional;

/** A meter of a household; {@code gasUnit} says whether Fluvius reports a gas meter in m³ or kWh. */
public record Meter(long id, long householdId, Optional<Long> accountId, String ean, String serial,
                    MeterKind kind, String label, Optional<Unit> gasUnit, Instant createdAt) {
    public MeterRef ref() {
        return new MeterRef(ean, serial);
    }
}
