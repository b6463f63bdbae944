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
import java.time.YearMonth;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** A meter installed on a given day: before it Fluvius has nothing, and says so with 200 and an empty list. */
@ExtendWith(VertxExtension.class)
@DisplayName("Simulated meters with a start of history")
class InstalledMeterTest {
    private static final Instant NOW = Instant.parse("2025-11-30T10:00:00Z");
    private static final LocalDate INSTALLED = LocalDate.of(2025, 7, 15);
    private static final SimMeter ELECTRICITY = new SimMeter(SimMeter.withCheckDigit("54144882000000091"),
            "1SAG1100000091", Profile.PLAIN).installedOn(INSTALLED);
    private static final SimMeter GAS = new SimMeter(SimMeter.withCheckDigit("54144882000000092"),
            "2ZCF0000000092", Profile.GAS).installedOn(INSTALLED);
    private static final String EMAIL = "new-house@meterkast.test";

    private static FluviusSimulator sim;
    private static SimTestClient client;
    private static String token;

    @BeforeAll
    static void start(Vertx vertx) {
        SimAccounts accounts = SimAccounts.withDefaults()
                .add(new SimAccount(EMAIL, "new-house-password", false, List.of(ELECTRICITY, GAS)));
        sim = await(FluviusSimulator.start(vertx, 0, new SimulatorOptions(), accounts, SimClock.fixed(NOW)));
        client = new SimTestClient(vertx, sim);
        token = client.signIn(EMAIL, "new-house-password").getString("access_token");
    }

    @AfterAll
    static void stop() {
        await(sim.close());
    }

    private static JsonArray ok(HttpResponse<Buffer> response) {
        assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(200);
        return response.bodyAsJsonArray();
    }

    @Test
    @DisplayName("daily electricity starts on the installation day")
    void dailyStartsAtInstallation() {
        JsonArray records = ok(client.history(token, ELECTRICITY, "2025-07-01T00:00:00.000+02:00",
                "2025-07-31T23:59:59.999+02:00", "4"));

        assertThat(records).hasSize(17);
        assertThat(records.getJsonObject(0).getString("d")).isEqualTo("2025-07-14T22:00:00Z");
    }

    @Test
    @DisplayName("a stretch before the installation answers 200 with an empty list, for days, quarter-hours and gas")
    void nothingBefore() {
        assertThat(ok(client.history(token, ELECTRICITY, "2025-06-01T00:00:00.000+02:00",
                "2025-06-30T23:59:59.999+02:00", "4"))).isEmpty();
        assertThat(ok(client.history(token, ELECTRICITY, "2025-07-14T00:00:00.000+02:00",
                "2025-07-14T23:59:59.999+02:00", "1"))).isEmpty();
        assertThat(ok(client.history(token, GAS, "2025-07-14T06:00:00.000+02:00",
                "2025-07-15T05:59:59.999+02:00", "2"))).isEmpty();
        assertThat(ok(client.history(token, GAS, "2025-06-01T06:00:00.000+02:00",
                "2025-07-01T05:59:59.999+02:00", "4"))).isEmpty();
    }

    @Test
    @DisplayName("the installation day has its quarter-hours and its gas hours, as the generator computes them")
    void installationDayServed() {
        assertThat(ok(client.history(token, ELECTRICITY, "2025-07-15T00:00:00.000+02:00",
                "2025-07-15T23:59:59.999+02:00", "1"))).hasSize(96);
        JsonArray hours = ok(client.history(token, GAS, "2025-07-15T06:00:00.000+02:00",
                "2025-07-16T05:59:59.999+02:00", "2"));
        List<GasHour> expected = MeterDataGenerator.gasHours(GAS, INSTALLED, false);
        assertThat(hours).hasSize(expected.size());
        JsonObject first = hours.getJsonObject(0);
        assertThat(first.getString("d")).isEqualTo(expected.get(0).start().toString());
    }

    @Test
    @DisplayName("monthly peaks start with the installation month, counted from the installation day")
    void peaksStartWithInstallationMonth() {
        JsonArray records = ok(client.spikes(token, ELECTRICITY, "2025-01-01T00:00:00.000+01:00",
                "2025-11-29T23:59:59.999+01:00"));

        assertThat(records).hasSize(5);
        var july = MeterDataGenerator.monthlyPeak(ELECTRICITY, YearMonth.of(2025, 7), LocalDate.of(2025, 11, 30));
        assertThat(july.start()).isAfterOrEqualTo(MeterDataGenerator.dayStart(INSTALLED));
        assertThat(records.getJsonObject(0).getJsonArray("v").getJsonObject(0).getString("sst"))
                .isEqualTo(july.start().toString());
    }
}
