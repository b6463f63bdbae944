package be.meterkast.web;

import be.meterkast.domain.Direction;
import be.meterkast.fluvius.sim.DayTotals;
import be.meterkast.fluvius.sim.MeterDataGenerator;
import be.meterkast.fluvius.sim.SimAccounts;
import be.meterkast.fluvius.sim.SimMeter;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A meter whose only data is a quarter-hour file (no daily values, no Fluvius peaks) has days on every page:
 * each the sum of its quarter-hours, equal to the generator's daily totals to the Wh, the autumn DST day of
 * 100 quarter-hours among them, and a monthly peak from its highest quarter-hour.
 */
@DisplayName("Days and peaks from quarter-hours, for a meter with only a quarter-hour file")
class QuarterHourDaysTest extends PortalTestBase {
    private static final SimMeter SOLAR = SimAccounts.DEMO_SOLAR;
    private static final LocalDate FIRST = LocalDate.of(2025, 10, 24);
    private static final LocalDate LAST = LocalDate.of(2025, 10, 28);
    private static final String RANGE = "from=" + FIRST + "&to=" + LAST;

    private Browser owner;
    private String token;
    private long meter;

    @BeforeEach
    void meterFromFile() {
        owner = setUpAdmin();
        long household = sql("SELECT id FROM households ORDER BY id LIMIT 1").iterator().next().getLong(0);
        token = owner.api("POST", "/api/v1/token", null, new JsonObject().put("username", "admin")
                .put("password", "correct horse")).bodyAsJsonObject().getString("token");
        meter = owner.api("POST", "/api/v1/households/" + household + "/meters", token, new JsonObject()
                .put("ean", SOLAR.ean()).put("serial", SOLAR.serial()).put("kind", "electricity").put("label", "Zon"))
                .bodyAsJsonObject().getLong("id");
        var imported = owner.client().postAbs("http://127.0.0.1:" + server.port() + "/api/v1/meters/" + meter + "/imports")
                .bearerTokenAuthentication(token).putHeader("Content-Type", "text/csv")
                .sendBuffer(ImportFiles.bytes(ImportFiles.quarterHours(SOLAR, FIRST, LAST))).await();
        assertThat(imported.statusCode()).as(imported.bodyAsString()).isEqualTo(200);
        assertThat(sql("SELECT count(*) FROM readings WHERE meter_id = " + meter
                + " AND period_end - period_start >= interval '23 hours'").iterator().next().getLong(0))
                .as("the file holds quarter-hours only").isZero();
    }

    private static DayTotals expected(LocalDate day) {
        return MeterDataGenerator.dailyTotals(SOLAR, day, false);
    }

    private static String amount(BigDecimal value) {
        return new DecimalFormat("#,##0.000", DecimalFormatSymbols.getInstance(Locale.ENGLISH)).format(value);
    }

    @Test
    @DisplayName("the meter page lists each day with its registers summed from the quarter-hours, and the month's peak")
    void meterPage() {
        String page = owner.get("/meters/" + meter + "?" + RANGE).bodyAsString();

        assertThat(page).contains("5 of 5 days with data");
        for (LocalDate day = FIRST; !day.isAfter(LAST); day = day.plusDays(1)) {
            DayTotals t = expected(day);
            assertThat(page).as(day.toString()).contains("<td>" + amount(t.offtakeDay()) + "</td>\n        <td>"
                    + amount(t.offtakeNight()) + "</td>\n        <td>" + amount(t.injectionDay()) + "</td>\n        <td>"
                    + amount(t.injectionNight()) + "</td>");
        }
        long peakWh = 0;
        for (LocalDate day = FIRST; !day.isAfter(LAST); day = day.plusDays(1)) {
            for (Instant start : MeterDataGenerator.quarterHours(day)) {
                peakWh = Math.max(peakWh, MeterDataGenerator.quarterHourWh(SOLAR, start, Direction.OFFTAKE, false));
            }
        }
        assertThat(page).contains("October 2025").contains("<td>" + amount(BigDecimal.valueOf(peakWh * 4, 3)) + "</td>")
                .doesNotContain("No peaks yet");
    }

    @Test
    @DisplayName("the compare page totals the summed days")
    void compare() {
        BigDecimal offtake = BigDecimal.ZERO;
        for (LocalDate day = FIRST; !day.isAfter(LAST); day = day.plusDays(1)) {
            offtake = offtake.add(expected(day).offtakeDay()).add(expected(day).offtakeNight());
        }

        String page = owner.get("/compare?meter=" + meter + "&" + RANGE + "&against=previous-year&measure=offtake").bodyAsString();

        assertThat(page).contains(amount(offtake));
    }

    @Test
    @DisplayName("the daily.json export has the same days to the Wh")
    void export() {
        JsonObject json = owner.get("/export/meters/" + meter + "/daily.json?" + RANGE).bodyAsJsonObject();

        JsonArray days = json.getJsonArray("days");
        assertThat(days).hasSize(5);
        for (int i = 0; i < days.size(); i++) {
            JsonObject day = days.getJsonObject(i);
            DayTotals t = expected(LocalDate.parse(day.getString("date")));
            assertThat(new BigDecimal(day.getValue("offtake_day").toString())).isEqualByComparingTo(t.offtakeDay());
            assertThat(new BigDecimal(day.getValue("offtake_night").toString())).isEqualByComparingTo(t.offtakeNight());
            assertThat(new BigDecimal(day.getValue("injection_day").toString())).isEqualByComparingTo(t.injectionDay());
            assertThat(new BigDecimal(day.getValue("injection_night").toString())).isEqualByComparingTo(t.injectionNight());
        }
        assertThat(json.getJsonArray("missing_days")).isEmpty();
    }

    @Test
    @DisplayName("the API's daily readings are whole days summed from the quarter-hours, to the Wh")
    void api() {
        JsonObject r = owner.api("GET", "/api/v1/meters/" + meter + "/readings?" + RANGE, token, null).bodyAsJsonObject();

        Map<String, BigDecimal> byKey = new HashMap<>();
        for (Object o : r.getJsonArray("readings")) {
            JsonObject reading = (JsonObject) o;
            String day = Instant.parse(reading.getString("start")).atZone(java.time.ZoneId.of("Europe/Brussels"))
                    .toLocalDate().toString();
            assertThat(Instant.parse(reading.getString("end"))).isEqualTo(
                    LocalDate.parse(day).plusDays(1).atStartOfDay(java.time.ZoneId.of("Europe/Brussels")).toInstant());
            byKey.put(day + "/" + reading.getString("tariff") + "/" + reading.getString("direction"),
                    new BigDecimal(reading.getValue("value").toString()));
        }
        // a register no quarter-hour counted on (the day register at the weekend) has no reading: zero
        assertThat(byKey.keySet().stream().map(k -> k.substring(0, 10)).distinct()).hasSize(5);
        for (LocalDate day = FIRST; !day.isAfter(LAST); day = day.plusDays(1)) {
            DayTotals t = expected(day);
            assertThat(byKey.getOrDefault(day + "/day/offtake", BigDecimal.ZERO)).as(day.toString()).isEqualByComparingTo(t.offtakeDay());
            assertThat(byKey.getOrDefault(day + "/night/offtake", BigDecimal.ZERO)).isEqualByComparingTo(t.offtakeNight());
            assertThat(byKey.getOrDefault(day + "/day/injection", BigDecimal.ZERO)).isEqualByComparingTo(t.injectionDay());
            assertThat(byKey.getOrDefault(day + "/night/injection", BigDecimal.ZERO)).isEqualByComparingTo(t.injectionNight());
        }
    }
}
