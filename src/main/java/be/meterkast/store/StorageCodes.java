package be.meterkast.store;

import be.meterkast.domain.Defect;
import be.meterkast.domain.Direction;
import be.meterkast.domain.MeterKind;
import be.meterkast.domain.Resolution;
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

    /** {@code incomplete_days.resolution} and {@code .defect}, as their CHECK constraints spell them. */
    static final String RESOLUTION_DAY = "DAY";
    static final String RESOLUTION_QUARTER_HOUR = "QUARTER_HOUR";
    static final String RESOLUTION_HOUR = "HOUR";
    static final String DEFECT_NULL_VALUE = "NULL_VALUE";
    static final String DEFECT_UNREADABLE_VALUE = "UNREADABLE_VALUE";
    static final String DEFECT_MISSING_REGISTER = "MISSING_REGISTER";
    static final String DEFECT_MISSING_INTERVALS = "MISSING_INTERVALS";

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

    static String resolution(Resolution resolution) {
        return switch (resolution) {
            case DAY -> RESOLUTION_DAY;
            case QUARTER_HOUR -> RESOLUTION_QUARTER_HOUR;
            case HOUR -> RESOLUTION_HOUR;
        };
    }

    static Resolution resolution(String code) {
        return switch (code) {
            case RESOLUTION_DAY -> Resolution.DAY;
            case RESOLUTION_QUARTER_HOUR -> Resolution.QUARTER_HOUR;
            case RESOLUTION_HOUR -> Resolution.HOUR;
            default -> throw new IllegalStateException("unknown resolution code " + code);
        };
    }

    static String defect(Defect defect) {
        return switch (defect) {
            case NULL_VALUE -> DEFECT_NULL_VALUE;
            case UNREADABLE_VALUE -> DEFECT_UNREADABLE_VALUE;
            case MISSING_REGISTER -> DEFECT_MISSING_REGISTER;
            case MISSING_INTERVALS -> DEFECT_MISSING_INTERVALS;
        };
    }

    static Defect defect(String code) {
        return switch (code) {
            case DEFECT_NULL_VALUE -> Defect.NULL_VALUE;
            case DEFECT_UNREADABLE_VALUE -> Defect.UNREADABLE_VALUE;
            case DEFECT_MISSING_REGISTER -> Defect.MISSING_REGISTER;
            case DEFECT_MISSING_INTERVALS -> Defect.MISSING_INTERVALS;
            default -> throw new IllegalStateException("unknown defect code " + code);
        };
    }

    static final String FLOOR_EACH_MONTH = "each_month";
    static final String FLOOR_AVERAGE = "average";

    static String capacityFloor(be.meterkast.domain.CapacityFloor floor) {
        return switch (floor) {
            case EACH_MONTH -> FLOOR_EACH_MONTH;
            case AVERAGE -> FLOOR_AVERAGE;
        };
    }

    static be.meterkast.domain.CapacityFloor capacityFloor(String code) {
        return switch (code) {
            case FLOOR_EACH_MONTH -> be.meterkast.domain.CapacityFloor.EACH_MONTH;
            case FLOOR_AVERAGE -> be.meterkast.domain.CapacityFloor.AVERAGE;
            default -> throw new IllegalStateException("unknown capacity floor code " + code);
        };
    }
}
