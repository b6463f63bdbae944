package be.meterkast.fluvius.sim;

import static org.assertj.core.api.Assertions.assertThat;

import be.meterkast.domain.Direction;
import be.meterkast.domain.Tariff;
import be.meterkast.domain.Unit;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.time.Instant;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The simulator's wire numbers against the examples documented in FLUVIUS.md, written out here as text: the
 * client is tested against the simulator, so these examples are what keeps both honest.
 */
@DisplayName("Simulated wire records")
class WireRecordsTest {

    @Test
    @DisplayName("a daily electricity record is, byte for byte, the documented example")
    void dailyElectricity() {
        JsonArray records = new JsonArray().add(WireRecords.record(
                Instant.parse("2025-06-30T22:00:00Z"), Instant.parse("2025-07-01T22:00:00Z"), new JsonArray()
                        .add(WireRecords.electricity(Tariff.DAY, Direction.OFFTAKE, new BigDecimal("9.133"), false))
                        .add(WireRecords.electricity(Tariff.NIGHT, Direction.OFFTAKE, new BigDecimal("2.2"), false))
                        .add(WireRecords.electricity(Tariff.DAY, Direction.INJECTION, new BigDecimal("12.421"), false))
                        .add(WireRecords.electricity(Tariff.NIGHT, Direction.INJECTION, new BigDecimal("0.0"), false))));

        assertThat(records.encode()).isEqualTo("""
                [{"d":"2025-06-30T22:00:00Z","de":"2025-07-01T22:00:00Z","v":[\
                {"dc":1,"t":1,"st":0,"v":9.133,"vs":2,"u":3,"gcuv":null},\
                {"dc":2,"t":1,"st":0,"v":2.2,"vs":2,"u":3,"gcuv":null},\
                {"dc":1,"t":2,"st":0,"v":12.421,"vs":2,"u":3,"gcuv":null},\
                {"dc":2,"t":2,"st":0,"v":0.0,"vs":2,"u":3,"gcuv":null}]}]""");
    }

    @Test
    @DisplayName("a quarter-hour on the night register is, byte for byte, the documented example")
    void quarterHourNight() {
        JsonArray records = new JsonArray().add(WireRecords.record(
                Instant.parse("2025-11-30T23:00:00Z"), Instant.parse("2025-11-30T23:15:00Z"), new JsonArray()
                        .add(WireRecords.electricity(Tariff.NIGHT, Direction.OFFTAKE, new BigDecimal("0.062"), false))
                        .add(WireRecords.electricity(Tariff.NIGHT, Direction.INJECTION, new BigDecimal("0.0"), false))));

        assertThat(records.encode()).isEqualTo("""
                [{"d":"2025-11-30T23:00:00Z","de":"2025-11-30T23:15:00Z","v":[\
                {"dc":2,"t":1,"st":0,"v":0.062,"vs":2,"u":3,"gcuv":null},\
                {"dc":2,"t":2,"st":0,"v":0.0,"vs":2,"u":3,"gcuv":null}]}]""");
    }

    @Test
    @DisplayName("a gas day is the documented example, m³ (u 5) and kWh (u 3) of the single register, plus vs")
    void gasDay() {
        JsonArray records = new JsonArray().add(WireRecords.record(
                Instant.parse("2025-11-18T05:00:00Z"), Instant.parse("2025-11-19T05:00:00Z"), new JsonArray()
                        .add(WireRecords.gas(new BigDecimal("5.083"), Unit.M3, false))
                        .add(WireRecords.gas(new BigDecimal("57.9398"), Unit.KWH, false))));
        JsonArray values = records.getJsonObject(0).getJsonArray("v");

        // The documented gas example has no vs; the simulator adds it, which the client must accept either way.
        assertThat(values.stream().map(v -> ((JsonObject) v).remove("vs"))).containsOnly(2);
        assertThat(records.encode()).isEqualTo("""
                [{"d":"2025-11-18T05:00:00Z","de":"2025-11-19T05:00:00Z","v":[\
                {"dc":0,"t":1,"v":5.083,"u":5},{"dc":0,"t":1,"v":57.9398,"u":3}]}]""");
    }

    @Test
    @DisplayName("an estimated value is not marked validated (vs 2)")
    void estimated() {
        assertThat(WireRecords.electricity(Tariff.DAY, Direction.OFFTAKE, BigDecimal.ONE, true).getInteger("vs"))
                .isNotEqualTo(2);
        assertThat(WireRecords.gas(BigDecimal.ONE, Unit.M3, true).getInteger("vs")).isNotEqualTo(2);
    }
}
