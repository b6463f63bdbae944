package be.meterkast.store;

import be.meterkast.domain.MeterKind;
import be.meterkast.domain.MeterRef;
import be.meterkast.domain.Unit;

import java.time.Instant;
import java.util.Optional;

/**
 * A meter of a household; {@code gasUnit} says whether Fluvius reports a gas meter in m³ or kWh;
 * {@code filesOnly} that it was added without a Fluvius account, its data coming from imported files.
 */
public record Meter(long id, long householdId, Optional<Long> accountId, String ean, String serial,
                    MeterKind kind, String label, Optional<Unit> gasUnit, Instant createdAt, boolean filesOnly) {
    public MeterRef ref() {
        return new MeterRef(ean, serial);
    }

    /** Electricity in kWh; gas in the unit the meter was set up with (m³ unless said otherwise). */
    public Unit unit() {
        return kind == MeterKind.GAS ? gasUnit.orElse(Unit.M3) : Unit.KWH;
    }

    /** Electricity meters have quarter-hours (the day page) and monthly peaks; gas meters have neither. */
    public boolean electricity() {
        return kind == MeterKind.ELECTRICITY;
    }
}
