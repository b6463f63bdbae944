package be.meterkast.fluvius.sim;

import be.meterkast.domain.Direction;
import be.meterkast.domain.Tariff;
import be.meterkast.domain.Unit;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.time.Instant;

/** The JSON shapes of the data endpoints; domain values are turned into wire codes here and nowhere else. */
final class WireRecords {
    static final int VALIDATED = 2;
    static final int PROVISIONAL = 1;

    private WireRecords() {
    }

    static JsonObject record(Instant start, Instant end, JsonArray values) {
        return new JsonObject().put("d", start.toString()).put("de", end.toString()).put("v", values);
    }

    static JsonObject electricity(Tariff tariff, Direction direction, BigDecimal kwh, boolean estimated) {
        return new JsonObject()
                .put("dc", tariff.code())
                .put("t", direction.code())
                .put("st", 0)
                .put("v", kwh)
                .put("vs", status(estimated))
                .put("u", Unit.KWH.code())
                .putNull("gcuv");
    }

    static JsonObject gas(BigDecimal value, Unit unit, boolean estimated) {
        return new JsonObject()
                .put("dc", Tariff.SINGLE.code())
                .put("t", Direction.OFFTAKE.code())
                .put("v", value)
                .put("u", unit.code())
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

    private static int status(boolean estimated) {
        return estimated ? PROVISIONAL : VALIDATED;
    }
}
