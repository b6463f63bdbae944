package be.meterkast.fluvius.sim;

import static be.meterkast.fluvius.sim.SimTestClient.await;
import static org.assertj.core.api.Assertions.assertThat;

import be.meterkast.domain.Direction;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
@DisplayName("Simulated data API")
class MeterApiTest {
    /** A Sunday; today is 2025-11-30 in Brussels, the 28th and 29th are estimated. */
    private static final Instant NOW = Instant.parse("2025-11-30T10:00:00Z");
    private static final LocalDate TODAY = LocalDate.of(2025, 11, 30);
    private static final SimMeter SOLAR = SimAccounts.DEMO_SOLAR;
    private static final SimMeter EV = SimAccounts.DEMO_EV;
    private static final SimMeter GAS = SimAccounts.DEMO_GAS;
    /** Fluvius' documented codes (FLUVIUS.md): dc 1 day / 2 night, t 1 offtake / 2 injection. */
    private static final int DAY_REGISTER = 1;
    private static final int NIGHT_REGISTER = 2;
    private static final int OFFTAKE = 1;
    private static final int INJECTION = 2;

    private static FluviusSimulator sim;
    private static SimTestClient client;
    private static String demoToken;

    @BeforeAll
    static void start(Vertx vertx) {
        sim = await(FluviusSimulator.start(vertx, 0, new SimulatorOptions(), SimAccounts.withDefaults(),
                SimClock.fixed(NOW)));
        client = new SimTestClient(vertx, sim);
        demoToken = client.signIn(SimAccounts.DEMO_EMAIL, SimAccounts.DEMO_PASSWORD).getString("access_token");
    }

    @AfterAll
    static void stop() {
        await(sim.close());
    }

    @BeforeEach
    void resetKnobs() {
        sim.clock().set(NOW);
        sim.options().malformedRate(0);
    }

    private static HttpResponse<Buffer> daily(SimMeter meter, String fromDay, String untilDay, String offset) {
        return client.history(demoToken, meter, fromDay + "T00:00:00.000" + offset,
                untilDay + "T23:59:59.999" + offset, "4");
    }

    /** Gas days from 06:00 local time on {@code fromDay} to 06:00 the day after {@code untilDay}, as the website writes it. */
    private static HttpResponse<Buffer> gasDays(String fromDay, String fromOffset, String untilDayAfter, String untilOffset,
                                                String granularity) {
        return client.history(demoToken, GAS, fromDay + "T06:00:00.000" + fromOffset,
                untilDayAfter + "T05:59:59.999" + untilOffset, granularity);
    }

    private static HttpResponse<Buffer> quarterHours(SimMeter meter, String day, String offset) {
        return client.history(demoToken, meter, day + "T00:00:00.000" + offset, day + "T23:59:59.999" + offset, "1");
    }

    private static JsonArray ok(HttpResponse<Buffer> response) {
        assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(200);
        return response.bodyAsJsonArray();
    }

    /** Sums the value entries of records by "dc/t", in Wh. */
    private static Map<String, Long> sumWh(JsonArray records) {
        Map<String, Long> sums = new HashMap<>();
        for (Object r : records) {
            for (Object v : ((JsonObject) r).getJsonArray("v")) {
                JsonObject value = (JsonObject) v;
                long wh = new BigDecimal(value.getValue("v").toString()).movePointRight(3).longValueExact();
                sums.merge(value.getInteger("dc") + "/" + value.getInteger("t"), wh, Long::sum);
            }
        }
        return sums;
    }

    @Test
    @DisplayName("a request without a bearer token answers 401 with a JSON message")
    void missingToken() {
        HttpResponse<Buffer> response = client.history(null, SOLAR, "2025-11-20T00:00:00.000+01:00",
                "2025-11-20T23:59:59.999+01:00", "4");

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.bodyAsJsonObject().getString("message")).isNotBlank();
    }

    @Test
    @DisplayName("a token past its exp on the simulator clock answers 401")
    void expiredToken() {
        sim.clock().advance(sim.options().tokenLifetime().plusSeconds(1));

        assertThat(daily(SOLAR, "2025-11-20", "2025-11-20", "+01:00").statusCode()).isEqualTo(401);
    }

    @Test
    @DisplayName("another account's meter answers 403")
    void otherAccountsMeter() {
        assertThat(daily(SimAccounts.FAMILY_PLAIN, "2025-11-20", "2025-11-20", "+01:00").statusCode()).isEqualTo(403);
    }

    @Test
    @DisplayName("historyFrom after historyUntil answers 400")
    void fromAfterUntil() {
        HttpResponse<Buffer> response = client.history(demoToken, SOLAR, "2025-11-21T00:00:00.000+01:00",
                "2025-11-20T00:00:00.000+01:00", "4");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.bodyAsJsonObject().getString("message")).contains("after");
    }

    @Test
    @DisplayName("an unparseable historyFrom answers 400")
    void unparseableFrom() {
        assertThat(client.history(demoToken, SOLAR, "2025-11-20", "2025-11-20T23:59:59.999+01:00", "4").statusCode())
                .isEqualTo(400);
    }

    @Test
    @DisplayName("an unknown granularity answers 400")
    void unknownGranularity() {
        assertThat(client.history(demoToken, SOLAR, "2025-11-20T00:00:00.000+01:00",
                "2025-11-20T23:59:59.999+01:00", "7").statusCode()).isEqualTo(400);
    }

    @Test
    @DisplayName("a serial number that is not the EAN's meter answers 400")
    void serialMismatch() {
        SimMeter wrongSerial = new SimMeter(SOLAR.ean(), "1SAG1100999999", SOLAR.profile());

        assertThat(client.history(demoToken, wrongSerial, "2025-11-20T00:00:00.000+01:00",
                "2025-11-20T23:59:59.999+01:00", "4").statusCode()).isEqualTo(400);
    }

    @Test
    @DisplayName("a quarter-hour request spanning two days answers 400")
    void quarterHoursForTwoDays() {
        HttpResponse<Buffer> response = client.history(demoToken, SOLAR, "2025-11-19T00:00:00.000+01:00",
                "2025-11-20T23:59:59.999+01:00", "1");

        assertThat(response.statusCode()).isEqualTo(400);
    }

    @Test
    @DisplayName("an hourly electricity request spanning two days answers 400 with a message")
    void hoursForTwoDays() {
        HttpResponse<Buffer> response = client.history(demoToken, SOLAR, "2025-11-19T00:00:00.000+01:00",
                "2025-11-20T23:59:59.999+01:00", "2");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.bodyAsJsonObject().getString("message")).contains("one day at a time");
    }

    @Test
    @DisplayName("hourly electricity comes for one local day of up to 25 hours: 23 in March, 25 in October")
    void dstHours() {
        assertThat(ok(client.history(demoToken, SOLAR, "2025-03-30T00:00:00.000+01:00",
                "2025-03-30T23:59:59.999+02:00", "2"))).hasSize(23);
        assertThat(ok(client.history(demoToken, SOLAR, "2025-10-26T00:00:00.000+02:00",
                "2025-10-26T23:59:59.999+01:00", "2"))).hasSize(25);
    }

    @Test
    @DisplayName("a weekend's daily records hold the day register that did not occur in both forms: left out, or zero")
    void absentDayRegisterForms() {
        JsonArray weeks = ok(daily(SOLAR, "2025-10-27", "2025-11-23", "+01:00"));

        List<JsonObject> weekend = new java.util.ArrayList<>();
        for (Object r : weeks) {
            JsonObject record = (JsonObject) r;
            java.time.DayOfWeek weekday = Instant.parse(record.getString("de")).atZone(SimClock.BRUSSELS)
                    .minusHours(1).getDayOfWeek();
            List<JsonObject> values = record.getJsonArray("v").stream().map(JsonObject.class::cast).toList();
            if (weekday.getValue() < 6) {
                assertThat(values).as("weekday %s", record.getString("d")).hasSize(4);
            } else {
                weekend.add(record);
            }
        }
        assertThat(weekend).hasSize(8)
                .anySatisfy(record -> assertThat(dayRegister(record)).isEmpty())
                .anySatisfy(record -> assertThat(dayRegister(record)).hasSize(2)
                        .allSatisfy(v -> assertThat(new BigDecimal(v.getValue("v").toString())).isZero()))
                .allSatisfy(record -> assertThat(record.getJsonArray("v").stream()
                        .filter(v -> ((JsonObject) v).getInteger("dc") == NIGHT_REGISTER)).hasSize(2));
    }

    private static List<JsonObject> dayRegister(JsonObject record) {
        return record.getJsonArray("v").stream().map(JsonObject.class::cast)
                .filter(v -> v.getInteger("dc") == DAY_REGISTER).toList();
    }

    @Test
    @DisplayName("a summer daily record starts at 22:00Z and holds both registers in both directions")
    void summerDailyRecord() {
        JsonArray records = ok(daily(SOLAR, "2025-07-01", "2025-07-01", "+02:00"));

        assertThat(records).hasSize(1);
        JsonObject record = records.getJsonObject(0);
        assertThat(record.getString("d")).isEqualTo("2025-06-30T22:00:00Z");
        assertThat(record.getString("de")).isEqualTo("2025-07-01T22:00:00Z");
        DayTotals totals = MeterDataGenerator.dailyTotals(SOLAR, LocalDate.of(2025, 7, 1), false);
        assertThat(sumWh(records)).isEqualTo(Map.of(
                "1/1", totals.offtakeDay().movePointRight(3).longValueExact(),
                "2/1", totals.offtakeNight().movePointRight(3).longValueExact(),
                "1/2", totals.injectionDay().movePointRight(3).longValueExact(),
                "2/2", totals.injectionNight().movePointRight(3).longValueExact()));
        assertThat(record.getJsonArray("v").getJsonObject(0).getInteger("u")).isEqualTo(3);
        assertThat(record.getJsonArray("v").getJsonObject(0).getInteger("vs")).isEqualTo(2);
    }

    @Test
    @DisplayName("a winter daily record starts at 23:00Z")
    void winterDailyRecord() {
        JsonArray records = ok(daily(SOLAR, "2025-11-10", "2025-11-10", "+01:00"));

        assertThat(records.getJsonObject(0).getString("d")).isEqualTo("2025-11-09T23:00:00Z");
        assertThat(records.getJsonObject(0).getString("de")).isEqualTo("2025-11-10T23:00:00Z");
    }

    @Test
    @DisplayName("the last Sunday of March has 92 quarter-hour records, the last Sunday of October 100")
    void dstDays() {
        assertThat(ok(client.history(demoToken, SOLAR, "2025-03-30T00:00:00.000+01:00",
                "2025-03-30T23:59:59.999+02:00", "1"))).hasSize(92);
        assertThat(ok(client.history(demoToken, SOLAR, "2025-10-26T00:00:00.000+02:00",
                "2025-10-26T23:59:59.999+01:00", "1"))).hasSize(100);
    }

    @Test
    @DisplayName("quarter-hour records carry only the active register, in both directions")
    void quarterHourRecordShape() {
        JsonObject night = ok(quarterHours(SOLAR, "2025-11-20", "+01:00")).getJsonObject(0);

        assertThat(night.getString("d")).isEqualTo("2025-11-19T23:00:00Z");
        assertThat(night.getString("de")).isEqualTo("2025-11-19T23:15:00Z");
        assertThat(night.getJsonArray("v").stream().map(v -> ((JsonObject) v).getInteger("dc")))
                .containsOnly(NIGHT_REGISTER);
        assertThat(night.getJsonArray("v").stream().map(v -> ((JsonObject) v).getInteger("t")))
                .containsExactly(OFFTAKE, INJECTION);
    }

    @Test
    @DisplayName("quarter-hours of an estimated day sum exactly to its estimated daily record")
    void quarterHoursSumToEstimatedDay() {
        JsonArray quarters = ok(quarterHours(SOLAR, "2025-11-29", "+01:00"));
        JsonArray day = ok(daily(SOLAR, "2025-11-29", "2025-11-29", "+01:00"));

        assertThat(sumWh(quarters)).allSatisfy((key, wh) -> assertThat(sumWh(day).get(key)).isEqualTo(wh));
        assertThat(day.getJsonObject(0).getJsonArray("v").getJsonObject(0).getInteger("vs")).isEqualTo(1);
        assertThat(quarters.getJsonObject(0).getJsonArray("v").getJsonObject(0).getInteger("vs")).isEqualTo(1);
    }

    @Test
    @DisplayName("quarter-hours and hours of a validated summer day sum exactly to its daily record")
    void quarterHoursAndHoursSumToDay() {
        JsonArray quarters = ok(quarterHours(SOLAR, "2025-06-24", "+02:00"));
        JsonArray hours = ok(client.history(demoToken, SOLAR, "2025-06-24T00:00:00.000+02:00",
                "2025-06-24T23:59:59.999+02:00", "2"));
        Map<String, Long> day = sumWh(ok(daily(SOLAR, "2025-06-24", "2025-06-24", "+02:00")));

        assertThat(quarters).hasSize(96);
        assertThat(hours).hasSize(24);
        assertThat(day.get("1/2")).isGreaterThan(0);
        day.forEach((key, wh) -> {
            assertThat(sumWh(quarters).getOrDefault(key, 0L)).as(key).isEqualTo(wh);
            assertThat(sumWh(hours).getOrDefault(key, 0L)).as(key).isEqualTo(wh);
        });
    }

    @Test
    @DisplayName("there is never electricity for today")
    void noElectricityToday() {
        JsonArray days = ok(daily(SOLAR, "2025-11-29", "2025-11-30", "+01:00"));

        assertThat(days).hasSize(1);
        assertThat(days.getJsonObject(0).getString("d")).isEqualTo("2025-11-28T23:00:00Z");
        assertThat(ok(quarterHours(SOLAR, "2025-11-30", "+01:00"))).isEmpty();
    }

    @Test
    @DisplayName("a gas day record starts at 06:00 local time and holds the same gas in m³ and in kWh")
    void gasDayRecord() {
        JsonArray records = ok(gasDays("2025-11-18", "+01:00", "2025-11-19", "+01:00", "4"));

        assertThat(records).hasSize(1);
        JsonObject record = records.getJsonObject(0);
        assertThat(record.getString("d")).isEqualTo("2025-11-18T05:00:00Z");
        assertThat(record.getString("de")).isEqualTo("2025-11-19T05:00:00Z");
        GasDay expected = MeterDataGenerator.gasDay(GAS, LocalDate.of(2025, 11, 18), false);
        JsonArray values = record.getJsonArray("v");
        assertThat(values.getJsonObject(0).getInteger("u")).isEqualTo(5);
        assertThat(new BigDecimal(values.getJsonObject(0).getValue("v").toString())).isEqualByComparingTo(expected.m3());
        assertThat(values.getJsonObject(1).getInteger("u")).isEqualTo(3);
        assertThat(new BigDecimal(values.getJsonObject(1).getValue("v").toString())).isEqualByComparingTo(expected.kwh());
        assertThat(values.getJsonObject(0).getInteger("dc")).isEqualTo(0);
    }

    @Test
    @DisplayName("a summer gas day starts at 04:00Z")
    void summerGasDay() {
        assertThat(ok(gasDays("2025-07-01", "+02:00", "2025-07-02", "+02:00", "4")).getJsonObject(0).getString("d"))
                .isEqualTo("2025-07-01T04:00:00Z");
    }

    @Test
    @DisplayName("gas hours come for one gas day and add up exactly to its daily record, in m³ and in kWh")
    void gasHoursSumToGasDay() {
        for (String[] day : new String[][]{{"2025-11-10", "2025-11-11"}, {"2025-11-11", "2025-11-12"},
                {"2025-11-12", "2025-11-13"}, {"2025-11-22", "2025-11-23"}}) {
            JsonArray hours = ok(gasDays(day[0], "+01:00", day[1], "+01:00", "2"));
            JsonArray daily = ok(gasDays(day[0], "+01:00", day[1], "+01:00", "4"));

            assertThat(hours).as("hours of gas day %s", day[0]).hasSize(24);
            assertThat(hours.getJsonObject(0).getString("d")).isEqualTo(day[0] + "T05:00:00Z");
            assertThat(hours.getJsonObject(23).getString("de")).isEqualTo(day[1] + "T05:00:00Z");
            assertThat(sumByUnit(hours)).as("gas day %s", day[0]).isEqualTo(sumByUnit(daily));
        }
    }

    @Test
    @DisplayName("the gas days around the clock changes have 23 and 25 hours that add up to the day")
    void dstGasDays() {
        JsonArray march = ok(gasDays("2025-03-29", "+01:00", "2025-03-30", "+02:00", "2"));
        JsonArray october = ok(gasDays("2025-10-25", "+02:00", "2025-10-26", "+01:00", "2"));

        assertThat(march).hasSize(23);
        assertThat(sumByUnit(march)).isEqualTo(sumByUnit(ok(gasDays("2025-03-29", "+01:00", "2025-03-30", "+02:00", "4"))));
        assertThat(october).hasSize(25);
        assertThat(sumByUnit(october))
                .isEqualTo(sumByUnit(ok(gasDays("2025-10-25", "+02:00", "2025-10-26", "+01:00", "4"))));
    }

    /** Sums the value entries of gas records per unit code, exactly. */
    private static Map<Integer, BigDecimal> sumByUnit(JsonArray records) {
        Map<Integer, BigDecimal> sums = new HashMap<>();
        for (Object r : records) {
            for (Object v : ((JsonObject) r).getJsonArray("v")) {
                JsonObject value = (JsonObject) v;
                sums.merge(value.getInteger("u"), new BigDecimal(value.getValue("v").toString()), BigDecimal::add);
            }
        }
        sums.replaceAll((unit, sum) -> sum.stripTrailingZeros());
        return sums;
    }

    @Test
    @DisplayName("gas has no quarter-hours: a quarter-hour gas request answers 200 with an empty list")
    void gasQuarterHoursEmpty() {
        assertThat(ok(gasDays("2025-11-18", "+01:00", "2025-11-19", "+01:00", "1"))).isEmpty();
    }

    @Test
    @DisplayName("gas windows that do not line up with gas days answer 200 with an empty list, daily and hourly")
    void unalignedGasWindowsEmpty() {
        assertThat(ok(daily(GAS, "2025-11-18", "2025-11-18", "+01:00"))).as("daily, midnight to midnight").isEmpty();
        assertThat(ok(client.history(demoToken, GAS, "2025-11-18T00:00:00.000+01:00",
                "2025-11-18T23:59:59.999+01:00", "2"))).as("hourly, midnight to midnight").isEmpty();
        assertThat(ok(client.history(demoToken, GAS, "2025-11-18T06:00:00.000+01:00",
                "2025-11-19T07:59:59.999+01:00", "2"))).as("hourly, ending two hours late").isEmpty();
        assertThat(ok(gasDays("2025-11-17", "+01:00", "2025-11-19", "+01:00", "2"))).as("hourly, two gas days").isEmpty();
    }

    @Test
    @DisplayName("gas windows that end exactly on 06:00 are lined up too, and several gas days come daily in one request")
    void alignedGasWindows() {
        assertThat(ok(client.history(demoToken, GAS, "2025-11-18T06:00:00.000+01:00",
                "2025-11-19T06:00:00.000+01:00", "2"))).hasSize(24);
        assertThat(ok(gasDays("2025-11-10", "+01:00", "2025-11-17", "+01:00", "4"))).hasSize(7);
    }

    @Test
    @DisplayName("gas is published 72 hours late")
    void noGasForLast72Hours() {
        JsonArray hours = ok(gasDays("2025-11-27", "+01:00", "2025-11-28", "+01:00", "2"));

        assertThat(hours.getJsonObject(hours.size() - 1).getString("de")).isEqualTo("2025-11-27T10:00:00Z");
        assertThat(ok(gasDays("2025-11-26", "+01:00", "2025-11-28", "+01:00", "4")))
                .extracting(r -> ((JsonObject) r).getString("d")).containsExactly("2025-11-26T05:00:00Z");
    }

    @Test
    @DisplayName("the monthly spike is the month's highest quarter-hour offtake so far × 4")
    void spikes() {
        long best = 0;
        for (LocalDate day = LocalDate.of(2025, 11, 1); day.isBefore(TODAY); day = day.plusDays(1)) {
            boolean estimated = MeterDataGenerator.isEstimated(day, TODAY);
            for (Instant q : MeterDataGenerator.quarterHours(day)) {
                best = Math.max(best, MeterDataGenerator.quarterHourWh(EV, q, Direction.OFFTAKE, estimated));
            }
        }

        JsonArray records = ok(client.spikes(demoToken, EV, "2025-11-01T00:00:00.000+01:00",
                "2025-11-30T23:59:59.999+01:00"));

        assertThat(records).hasSize(1);
        JsonObject record = records.getJsonObject(0);
        assertThat(record.getString("d")).isEqualTo("2025-10-31T23:00:00Z");
        assertThat(record.getString("de")).isEqualTo("2025-11-30T23:00:00Z");
        JsonObject peak = record.getJsonArray("v").getJsonObject(0);
        assertThat(new BigDecimal(peak.getValue("v").toString())).isEqualByComparingTo(BigDecimal.valueOf(best * 4, 3));
        assertThat(Instant.parse(peak.getString("set"))).isEqualTo(Instant.parse(peak.getString("sst")).plusSeconds(900));
    }

    @Test
    @DisplayName("a gas meter has no spikes")
    void gasHasNoSpikes() {
        assertThat(ok(client.spikes(demoToken, GAS, "2025-11-01T00:00:00.000+01:00",
                "2025-11-30T23:59:59.999+01:00"))).isEmpty();
    }

    @Test
    @DisplayName("failNext(503, 1) fails exactly the next data request")
    void failNextServiceUnavailable() {
        sim.options().failNext(503, 1);

        assertThat(daily(SOLAR, "2025-11-20", "2025-11-20", "+01:00").statusCode()).isEqualTo(503);
        assertThat(daily(SOLAR, "2025-11-20", "2025-11-20", "+01:00").statusCode()).isEqualTo(200);
    }

    @Test
    @DisplayName("an error rate answers data requests with 500, 502 and 503 alike, also when it spares the sign-in pages")
    void errorRateMix() {
        sim.options().errorRate(1).faultsOnSignIn(false);
        try {
            java.util.Set<Integer> statuses = new java.util.HashSet<>();
            for (int i = 0; i < 30; i++) {
                statuses.add(daily(SOLAR, "2025-11-20", "2025-11-20", "+01:00").statusCode());
            }
            assertThat(statuses).containsExactlyInAnyOrder(500, 502, 503);
        } finally {
            sim.options().errorRate(0).faultsOnSignIn(true);
        }
    }

    @Test
    @DisplayName("failNext(429, 1) answers 429 with the configured Retry-After")
    void failNextRateLimited() {
        sim.options().retryAfter(Duration.ofSeconds(12)).failNext(429, 1);
        try {
            HttpResponse<Buffer> response = daily(SOLAR, "2025-11-20", "2025-11-20", "+01:00");

            assertThat(response.statusCode()).isEqualTo(429);
            assertThat(response.getHeader("Retry-After")).isEqualTo("12");
        } finally {
            sim.options().retryAfter(Duration.ofSeconds(30));
        }
    }

    @Test
    @DisplayName("malformedRate spoils value entries and counts every unusable one; a record without de is still usable")
    void malformedValuesAreCounted() {
        sim.options().malformedRate(0.2);
        long before = sim.stats().malformedValues();

        JsonArray records = ok(daily(SOLAR, "2025-09-01", "2025-10-31", "+02:00"));

        long unusable = 0;
        for (Object r : records) {
            JsonObject record = (JsonObject) r;
            List<JsonObject> values = record.getJsonArray("v").stream().map(JsonObject.class::cast).toList();
            unusable += values.stream().filter(MeterApiTest::malformed).count();
        }
        assertThat(unusable).isGreaterThan(0);
        assertThat(sim.stats().malformedValues() - before).isEqualTo(unusable);
    }

    private static boolean malformed(JsonObject value) {
        return value.getValue("v") == null || !List.of(1, 2).contains(value.getInteger("dc"))
                || !List.of(1, 2).contains(value.getInteger("t")) || value.getInteger("u") != 3;
    }

    @Test
    @DisplayName("a year of daily records comes back in one request, one record per day")
    void yearOfDays() {
        JsonArray records = ok(daily(SOLAR, "2024-11-30", "2025-11-29", "+01:00"));

        assertThat(records).hasSize(365);
        assertThat(records.stream().map(r -> ((JsonObject) r).getString("d")).collect(Collectors.toSet())).hasSize(365);
    }

    @Test
    @DisplayName("every data request is counted, also the ones that fail")
    void dataRequestsCounted() {
        long before = sim.stats().dataRequests();
        sim.options().failNext(503, 1);

        IntStream.range(0, 3).forEach(i -> daily(SOLAR, "2025-11-20", "2025-11-20", "+01:00"));

        assertThat(sim.stats().dataRequests() - before).isEqualTo(3);
    }

    @Test
    @DisplayName("a token issued while the simulator clock runs ahead of the system clock is accepted")
    void clockAheadOfSystemClock() {
        sim.clock().set(Instant.parse("2031-03-10T12:00:00Z"));
        String token = client.signIn(SimAccounts.DEMO_EMAIL, SimAccounts.DEMO_PASSWORD).getString("access_token");

        HttpResponse<Buffer> response = client.history(token, SOLAR, "2031-03-01T00:00:00.000+01:00",
                "2031-03-01T23:59:59.999+01:00", "4");

        assertThat(ok(response)).hasSize(1);
    }
}
