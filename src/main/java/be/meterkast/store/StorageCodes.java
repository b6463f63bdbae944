package be.meterkast.store;

import be.meterkast.domain.Direction;
import be.meterkast.domain.MeterKind;
import be.meterkast.domain.Tariff;
import be.meterkast.domain.Unit;

/**
 * How domain values are written to the database. These are storage codes, owned by the schema: every
 * existing database and backup archive holds them, so a code must never change or be reused; a new value
 * gets a new code. The reading codes were first taken from Fluvius' wire numbers, but the two are separate
 * tables now: a change at Fluvius is translated at the client and never reaches this one.
 */
final class StorageCodes {
    /** {@code readings.tariff}. */
    static final short TARIFF_SINGLE = 0;
    static final short TARIFF_DAY = 1;
    static final short TARIFF_NIGHT = 2;
    /** {@code readings.direction}. */
    static final short DIRECTION_OFFTAKE = 1;
    static final short DIRECTION_INJECTION = 2;
    /** {@code readings.unit}. */
    static final short UNIT_KWH = 3;
    static final short UNIT_M3 = 5;
    /** {@code meters.kind}, as its CHECK constraint spells it. */
    static final String KIND_ELECTRICITY = "ELECTRICITY";
    static final String KIND_GAS = "GAS";
    /** {@code meters.gas_unit}, as its CHECK constraint spells it. */
    static final String GAS_UNIT_KWH = "KWH";
    static final String GAS_UNIT_M3 = "M3";

    private StorageCodes() {
    }

    static short tariff(Tariff tariff) {
        return switch (tariff) {
            case SINGLE -> TARIFF_SINGLE;
            case DAY -> TARIFF_DAY;
            case NIGHT -> TARIFF_NIGHT;
        };
    }

    static Tariff tariff(short code) {
        return switch (code) {
            case TARIFF_SINGLE -> Tariff.SINGLE;
            case TARIFF_DAY -> Tariff.DAY;
            case TARIFF_NIGHT -> Tariff.NIGHT;
            default -> throw unknown("tariff", code);
        };
    }

    static short direction(Direction direction) {
        return switch (direction) {
            case OFFTAKE -> DIRECTION_OFFTAKE;
            case INJECTION -> DIRECTION_INJECTION;
        };
    }

    static Direction direction(short code) {
        return switch (code) {
            case DIRECTION_OFFTAKE -> Direction.OFFTAKE;
            case DIRECTION_INJECTION -> Direction.INJECTION;
            default -> throw unknown("direction", code);
        };
    }

    static short unit(Unit unit) {
        return switch (unit) {
            case KWH -> UNIT_KWH;
            case M3 -> UNIT_M3;
        };
    }

    static Unit unit(short code) {
        return switch (code) {
            case UNIT_KWH -> Unit.KWH;
            case UNIT_M3 -> Unit.M3;
            default -> throw unknown("unit", code);
        };
    }

    static String kind(MeterKind kind) {
        return switch (kind) {
            case ELECTRICITY -> KIND_ELECTRICITY;
            case GAS -> KIND_GAS;
        };
    }

    static MeterKind kind(String code) {
        return switch (code) {
            case KIND_ELECTRICITY -> MeterKind.ELECTRICITY;
            case KIND_GAS -> MeterKind.GAS;
            default -> throw unknown("meter kind", code);
        };
    }

    static String gasUnit(Unit unit) {
        return switch (unit) {
            case KWH -> GAS_UNIT_KWH;
            case M3 -> GAS_UNIT_M3;
        };
    }

    static Unit gasUnit(String code) {
        return switch (code) {
            case GAS_UNIT_KWH -> Unit.KWH;
            case GAS_UNIT_M3 -> Unit.M3;
            default -> throw unknown("gas unit", code);
        };
    }

    private static IllegalStateException unknown(String what, Object code) {
        return new IllegalStateException("unknown " + what + " code in the database: " + code);
    }
}
