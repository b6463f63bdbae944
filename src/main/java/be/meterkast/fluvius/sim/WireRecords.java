package be.meterkast.fluvius.sim;

import be.meterkast.domain.Direction;
import be.meterkast.domain.Tariff;
import be.meterkast.domain.Unit;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.time.Instant;

/**
 * The JSON shapes of the data endpoints. The numbers that go on the wire are this class's own, copied from
 * the documented format (FLUVIUS.md), not taken from the client or the domain: a simulator that encoded with
 * the client's mapping would agree with any wrong mapping.
 */
final class WireRecords {
    static final int REGISTER_SINGLE = 0;
    static final int REGISTER_DAY = 1;
    static final int REGISTER_NIGHT = 2;
    static final int DIRECTION_OFFTAKE = 1;
    static final int DIRECTION_INJECTION = 2;
    static final int UNIT_KWH = 3;
    static final int UNIT_M3 = 5;
    static final int VALIDATED = 2;
    static final int PROVISIONAL = 1;

    private WireRecords() {
    }

    static JsonObject record(Instant start, Instant end, JsonArray values) {
        return new JsonObject().put("d", start.toString()).put("de", end.toString()).put("v", values);
    }

    static JsonObject electricity(Tariff tariff, Direction direction, BigDecimal kwh, boolean estimated) {
        return new JsonObject()
                .put("dc", register(tariff))
                .put("t", direction(direction))
                .put("st", 0)
                .put("v", kwh)
                .put("vs", status(estimated))
                .put("u", UNIT_KWH)
                .putNull("gcuv");
    }

    static JsonObject gas(BigDecimal value, Unit unit, boolean estimated) {
        return new JsonObject()
                .put("dc", REGISTER_SINGLE)
                .put("t", DIRECTION_OFFTAKE)
                .put("v", value)
                .put("u", unit(unit))
                .put("vs", status(estimated));
    }

    static JsonObject spike(Instant monthStart, Instant monthEnd, MonthlyPeakValue peak) {
        JsonObject value = new JsonObject()
                .put("v", peak.kilowatts())
                .put("sst", peak.start().toString())
                .put("set", peak.end().toString());
        return new JsonObject().put("d", monthStart.toString()).put("de", monthEnd.toString())
                .put("v", new JsonArray().add(value));
    }

    static JsonObject message(String message) {
        return new JsonObject().put("message", message);
    }

    private static int register(Tariff tariff) {
        return switch (tariff) {
            case SINGLE -> REGISTER_SINGLE;
            case DAY -> REGISTER_DAY;
            case NIGHT -> REGISTER_NIGHT;
        };
    }

    private static int direction(Direction direction) {
        return switch (direction) {
            case OFFTAKE -> DIRECTION_OFFTAKE;
            case INJECTION -> DIRECTION_INJECTION;
        };
    }

    private static int unit(Unit unit) {
        return switch (unit) {
            case KWH -> UNIT_KWH;
            case M3 -> UNIT_M3;
        };
    }

    private static int status(boolean estimated) {
        return estimated ? PROVISIONAL : VALIDATED;
    }
}
