package be.meterkast.fluvius.sim;

import static be.meterkast.fluvius.sim.SimTestClient.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The partial days the simulator can serve, read with a plain HTTP client and Fluvius' documented codes. */
@ExtendWith(VertxExtension.class)
@DisplayName("Simulated partial days")
class DayFaultsTest {
    private static final Instant NOW = Instant.parse("2025-11-30T10:00:00Z");
    private static final LocalDate SPOILED = LocalDate.of(2025, 11, 20);
    /** Fluvius' documented codes (FLUVIUS.md). */
    private static final int NIGHT_REGISTER = 2;
    private static final int INJECTION = 2;
    private static final int UNIT_M3 = 5;

    private static FluviusSimulator sim;
    private static SimTestClient client;
    private static String token;

    @BeforeAll
    static void start(Vertx vertx) {
        sim = await(FluviusSimulator.start(vertx, 0, new SimulatorOptions(), SimAccounts.withDefaults(),
                SimClock.fixed(NOW)));
        client = new SimTestClient(vertx, sim);
        token = client.signIn(SimAccounts.DEMO_EMAIL, SimAccounts.DEMO_PASSWORD).getString("access_token");
    }

    @AfterAll
    static void stop() {
        await(sim.close());
    }

    @BeforeEach
    void wholeDays() {
        sim.options().healAllDays().omitEnd(false);
    }

    private static JsonArray ok(HttpResponse<Buffer> response) {
        assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(200);
        return response.bodyAsJsonArray();
    }

    /** 19 to 21 November, daily. */
    private static JsonArray threeDays(SimMeter meter) {
        return ok(client.history(token, meter, "2025-11-19T00:00:00.000+01:00", "2025-11-21T23:59:59.999+01:00", "4"));
    }

    private static JsonArray quarterHours(String day) {
        return ok(client.history(token, SimAccounts.DEMO_SOLAR, day + "T00:00:00.000+01:00", day + "T23:59:59.999+01:00", "1"));
    }

    private static List<JsonObject> values(JsonArray records, int index) {
        return records.getJsonObject(index).getJsonArray("v").stream().map(JsonObject.class::cast).toList();
    }

    private static boolean nightInjection(JsonObject value) {
        return value.getInteger("dc") == NIGHT_REGISTER && value.getInteger("t") == INJECTION;
    }

    @Test
    @DisplayName("a day with a missing register lacks its night injection, the days around it do not, until healed")
    void missingRegister() {
        sim.options().spoilDay(SPOILED, DayFault.MISSING_REGISTER);

        JsonArray spoiled = threeDays(SimAccounts.DEMO_SOLAR);
        sim.options().healDay(SPOILED);
        JsonArray healed = threeDays(SimAccounts.DEMO_SOLAR);

        assertThat(values(spoiled, 1)).noneMatch(DayFaultsTest::nightInjection).hasSize(3);
        assertThat(values(spoiled, 0)).anyMatch(DayFaultsTest::nightInjection).hasSize(4);
        assertThat(values(spoiled, 2)).anyMatch(DayFaultsTest::nightInjection).hasSize(4);
        assertThat(values(healed, 1)).anyMatch(DayFaultsTest::nightInjection).hasSize(4);
    }

    @Test
    @DisplayName("a gas day with a missing register lacks its m³ reading and keeps its kWh one")
    void missingGasRegister() {
        sim.options().spoilDay(SPOILED, DayFault.MISSING_REGISTER);

        JsonArray records = ok(client.history(token, SimAccounts.DEMO_GAS, "2025-11-20T06:00:00.000+01:00",
                "2025-11-21T05:59:59.999+01:00", "4"));

        assertThat(values(records, 0)).singleElement().satisfies(v -> assertThat(v.getInteger("u")).isNotEqualTo(UNIT_M3));
    }

    @Test
    @DisplayName("a day with a null value sends \"v\": null for its first register, and the simulator counts it")
    void nullValue() {
        sim.options().spoilDay(SPOILED, DayFault.NULL_VALUE);
        long before = sim.stats().malformedValues();

        JsonArray records = threeDays(SimAccounts.DEMO_SOLAR);

        JsonObject first = values(records, 1).get(0);
        assertThat(first.containsKey("v")).isTrue();
        assertThat(first.getValue("v")).isNull();
        assertThat(values(records, 0)).allSatisfy(v -> assertThat(v.getValue("v")).isNotNull());
        assertThat(sim.stats().malformedValues() - before).isEqualTo(1);
    }

    @Test
    @DisplayName("a day with an unparsable value sends its first register as text with a decimal comma")
    void unparsableValue() {
        sim.options().spoilDay(SPOILED, DayFault.UNPARSABLE_VALUE);

        JsonArray records = threeDays(SimAccounts.DEMO_SOLAR);

        assertThat(values(records, 1).get(0).getValue("v")).isInstanceOfSatisfying(String.class,
                text -> assertThat(text).matches("\\d+,\\d+"));
    }

    @Test
    @DisplayName("a day with missing quarter-hours sends 92 of its 96; its daily record stays whole")
    void missingQuarterHours() {
        sim.options().spoilDay(SPOILED, DayFault.MISSING_INTERVALS);

        assertThat(quarterHours("2025-11-20")).hasSize(92);
        assertThat(quarterHours("2025-11-19")).hasSize(96);
        assertThat(values(threeDays(SimAccounts.DEMO_SOLAR), 1)).hasSize(4);
    }

    @Test
    @DisplayName("omitEnd sends daily and quarter-hour records without de")
    void withoutEnd() {
        sim.options().omitEnd(true);

        JsonArray daily = threeDays(SimAccounts.DEMO_SOLAR);
        JsonArray quarters = quarterHours("2025-11-20");

        assertThat(daily).hasSize(3);
        assertThat(quarters).hasSize(96);
        assertThat(daily.stream().map(JsonObject.class::cast)).allSatisfy(r -> {
            assertThat(r.containsKey("de")).isFalse();
            assertThat(r.getString("d")).isNotBlank();
        });
        assertThat(quarters.stream().map(JsonObject.class::cast)).noneMatch(r -> r.containsKey("de"));
    }
}
