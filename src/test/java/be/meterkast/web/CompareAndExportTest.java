package be.meterkast.web;

import be.meterkast.domain.Defect;
import be.meterkast.domain.Direction;
import be.meterkast.domain.IncompleteDay;
import be.meterkast.domain.Reading;
import be.meterkast.domain.Resolution;
import be.meterkast.domain.Tariff;
import be.meterkast.domain.Unit;
import be.meterkast.fluvius.sim.SimAccounts;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The compare page and the exports, over readings stored for known days of June 2025 and June 2024. */
class CompareAndExportTest extends PortalTestBase {
    private static final ZoneId BRUSSELS = ZoneId.of("Europe/Brussels");
    private static final LocalDate JUNE_1 = LocalDate.of(2025, 6, 1);
    private static final Format FMT = new Format(java.util.Locale.ENGLISH, BRUSSELS);

    private Browser anna;
    private long household;
    private long solar;
    private long ev;
    private long gas;

    @BeforeEach
    void meters() {
        anna = setUpAdmin();
        household = sql("SELECT id FROM households").iterator().next().getLong(0);
        anna.get("/households/" + household);
        anna.post("/households/" + household + "/accounts", "email", SimAccounts.DEMO_EMAIL, "password", "pw");
        solar = addMeter("Zon & dak", SimAccounts.DEMO_SOLAR.ean(), SimAccounts.DEMO_SOLAR.serial(), "electricity");
        ev = addMeter("Auto", SimAccounts.DEMO_EV.ean(), SimAccounts.DEMO_EV.serial(), "electricity");
        gas = addMeter("Gas", SimAccounts.DEMO_GAS.ean(), SimAccounts.DEMO_GAS.serial(), "gas");

        // Solar: 1-3 June 2025 and 1-2 June 2024. EV: 1 and 3 June 2025 (the 2nd is missing). Gas: 1-2 June 2025.
        store(solar, electricityDay(JUNE_1, "4.000", "1.500", "10.250", "0.000", false),
                electricityDay(JUNE_1.plusDays(1), "3.000", "1.000", "2.000", "0.000", false),
                electricityDay(JUNE_1.plusDays(2), "5.125", "0.875", "1.000", "0.000", true),
                electricityDay(JUNE_1.minusYears(1), "6.000", "2.000", "3.000", "0.000", false),
                electricityDay(JUNE_1.minusYears(1).plusDays(1), "7.000", "1.000", "4.000", "0.000", false));
        store(ev, electricityDay(JUNE_1, "8.000", "12.000", "0.000", "0.000", false),
                electricityDay(JUNE_1.plusDays(2), "9.000", "11.000", "0.000", "0.000", false));
        store(gas, gasDay(JUNE_1, "1.250", "14.2375"), gasDay(JUNE_1.plusDays(1), "0.750", "8.5425"));
    }

    private long addMeter(String label, String ean, String serial, String kind) {
        anna.get("/households/" + household);
        var added = anna.post("/households/" + household + "/meters", "label", label, "ean", ean, "serial", serial,
                "kind", kind, "gasUnit", "m3");
        assertThat(added.statusCode()).as(added.bodyAsString()).isEqualTo(302);
        return idFrom(added.getHeader("Location"));
    }

    private void store(long meter, List<List<Reading>> days) {
        List<Reading> all = new ArrayList<>();
        days.forEach(all::addAll);
        server.services().readings().upsert(meter, all).await();
    }

    @SafeVarargs
    private void store(long meter, List<Reading>... days) {
        store(meter, List.of(days));
    }

    private static List<Reading> electricityDay(LocalDate day, String offDay, String offNight, String injDay,
                                                String injNight, boolean estimated) {
        Instant start = day.atStartOfDay(BRUSSELS).toInstant();
        Instant end = day.plusDays(1).atStartOfDay(BRUSSELS).toInstant();
        return List.of(new Reading(start, end, Tariff.DAY, Direction.OFFTAKE, Unit.KWH, new BigDecimal(offDay), estimated),
                new Reading(start, end, Tariff.NIGHT, Direction.OFFTAKE, Unit.KWH, new BigDecimal(offNight), estimated),
                new Reading(start, end, Tariff.DAY, Direction.INJECTION, Unit.KWH, new BigDecimal(injDay), estimated),
                new Reading(start, end, Tariff.NIGHT, Direction.INJECTION, Unit.KWH, new BigDecimal(injNight), estimated));
    }

    private static List<Reading> gasDay(LocalDate day, String m3, String kwh) {
        Instant start = day.atTime(6, 0).atZone(BRUSSELS).toInstant();
        Instant end = day.plusDays(1).atTime(6, 0).atZone(BRUSSELS).toInstant();
        return List.of(new Reading(start, end, Tariff.SINGLE, Direction.OFFTAKE, Unit.M3, new BigDecimal(m3), false),
                new Reading(start, end, Tariff.SINGLE, Direction.OFFTAKE, Unit.KWH, new BigDecimal(kwh), false));
    }

    private static String section(String page, String start, String end) {
        String rest = page.substring(page.indexOf(start));
        return rest.substring(0, rest.indexOf(end));
    }

    @Test
    @DisplayName("two meters over a month: totals, per-day values with missing days shown as missing, ranking")
    void twoMeters() {
        var r = anna.get("/compare?meter=" + solar + "&meter=" + ev + "&month=2025-06");
        String page = r.bodyAsString();

        assertThat(r.statusCode()).as(page).isEqualTo(200);
        String totals = section(page, "<table class=\"numbers totals", "</table>");
        // Solar: offtake 15.5, injection 13.25, net 2.25 over 3 days; EV: offtake 40, net 40 over 2 days.
        assertThat(totals).contains(">15.500<", ">13.250<", ">2.250<", ">0.750<", ">40.000<", ">20.000<");
        String evRow = section(totals, ">Auto<", "</tr>");
        assertThat(evRow).contains(">2<").contains(">28<").contains(">19.250<"); // 2 days, 28 missing, 20 - 0.75 behind
        String days = section(page, "<table class=\"numbers days\">", "</table>");
        String june2 = section(days, FMT.date(JUNE_1.plusDays(1)), "</tr>");
        assertThat(june2).contains(">2.000<").contains("no data").doesNotContain(">0.000<");
        assertThat(section(days, FMT.date(JUNE_1.plusDays(2)), "</tr>")).contains("class=\"estimated\"", ">5.000<", ">20.000<");
        assertThat(page).contains("<script type=\"application/json\" id=\"chart-0\">")
                .contains("\"label\":\"Zon \\u0026 dak\"").contains("[-4.75,2.0,5.0,null");
        assertThat(section(page, "<table class=\"numbers weekdays\">", "</table>")).contains("Sunday", ">-4.750<");
    }

    @Test
    @DisplayName("electricity and gas are compared in separate groups, never summed or ranked together")
    void unitsApart() {
        String page = anna.get("/compare?meter=" + solar + "&meter=" + gas + "&month=2025-06&measure=offtake").bodyAsString();

        assertThat(page).contains("In kWh").contains("In m³");
        String gasGroup = page.substring(page.indexOf("In m³"));
        assertThat(section(gasGroup, "<table class=\"numbers totals", "</table>"))
                .contains(">2.000<").contains(">1.000<").doesNotContain("Zon");
        assertThat(page).doesNotContain("17.500"); // 15.5 kWh + 2 m³ would be a meaningless sum
    }

    @Test
    @DisplayName("one meter against itself: this June and June a year earlier, with the difference")
    void previousYear() {
        var r = anna.get("/compare?meter=" + solar + "&month=2025-06&against=previous-year&measure=offtake");
        String page = r.bodyAsString();

        assertThat(r.statusCode()).as(page).isEqualTo(200);
        String totals = section(page, "<table class=\"numbers totals", "</table>");
        assertThat(totals).contains(FMT.date(JUNE_1) + " – " + FMT.date(LocalDate.of(2025, 6, 30)),
                FMT.date(JUNE_1.minusYears(1)) + " – " + FMT.date(LocalDate.of(2024, 6, 30)), ">15.500<", ">16.000<");
        // Per day: 5.167 this year against 8.000: -2.833, -35.4 %.
        assertThat(totals).contains(">-0.500<", "-2.833 per day", "(-35.4 %)");
        assertThat(page).contains("/export/meters/" + solar + "/wide.csv?month=2025-06");
    }

    @Test
    @DisplayName("a meter of another household, an unknown or a malformed id answers 404")
    void invisibleMeters() {
        Browser bert = newUser(anna, "bert");

        assertThat(List.of(bert.get("/compare?meter=" + solar + "&meter=" + ev).statusCode(),
                anna.get("/compare?meter=" + solar + "&meter=999999").statusCode(),
                anna.get("/compare?meter=" + solar + "&meter=abc").statusCode(),
                bert.get("/export/meters/" + solar + "/wide.csv").statusCode(),
                anna.get("/export/meters/" + solar + "/other.csv").statusCode())).containsOnly(404);
    }

    @Test
    @DisplayName("parameters that make no comparison answer 400 saying what to fix")
    void badParameters() {
        var badMonth = anna.get("/compare?meter=" + solar + "&meter=" + ev + "&month=June");
        var one = anna.get("/compare?meter=" + solar + "&days=30");
        var againstTwo = anna.get("/compare?meter=" + solar + "&meter=" + ev + "&against=previous-year");
        var export = anna.get("/export/meters/" + solar + "/wide.csv?from=2025-06-10&to=2025-06-01");

        assertThat(badMonth.statusCode()).isEqualTo(400);
        assertThat(badMonth.bodyAsString()).contains("The month (month) is written like 2025-06");
        assertThat(one.statusCode()).isEqualTo(400);
        assertThat(one.bodyAsString()).contains("Choose at least two meters");
        assertThat(againstTwo.statusCode()).isEqualTo(400);
        assertThat(againstTwo.bodyAsString()).contains("exactly one meter");
        assertThat(export.statusCode()).isEqualTo(400);
        assertThat(export.bodyAsString()).contains("The period ends before it starts.");
    }

    @Test
    @DisplayName("without a choice the page shows the picker with every visible meter")
    void picker() {
        var r = anna.get("/compare");

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.bodyAsString()).contains("value=\"" + solar + "\"", "value=\"" + ev + "\"", "value=\"" + gas + "\"",
                "Zon &amp; dak (electricity)").contains("href=\"/compare\"");
    }

    @Test
    @DisplayName("wide.csv: one row per day with its status, empty cells for missing days, decimal point also in Dutch")
    void wideCsv() {
        anna.get("/account");
        anna.post("/account/language", "language", "nl");
        var r = anna.get("/export/meters/" + solar + "/wide.csv?from=2025-06-01&to=2025-06-04");

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.getHeader("Content-Type")).startsWith("text/csv");
        assertThat(r.getHeader("Content-Disposition"))
                .isEqualTo("attachment; filename=\"meterkast-zon-dak-" + SimAccounts.DEMO_SOLAR.ean() + "-2025-06-01-2025-06-04-wide.csv\"");
        assertThat(r.bodyAsString().split("\r\n")).containsExactly(
                "date,offtake_day,offtake_night,injection_day,injection_night,total_offtake,total_injection,net,status",
                "2025-06-01,4.000,1.500,10.250,0.000,5.500,10.250,-4.750,validated",
                "2025-06-02,3.000,1.000,2.000,0.000,4.000,2.000,2.000,validated",
                "2025-06-03,5.125,0.875,1.000,0.000,6.000,1.000,5.000,estimated",
                "2025-06-04,,,,,,,,missing");
    }

    @Test
    @DisplayName("long.csv: one row per stored daily reading with its status; gas in kWh with four decimals")
    void longCsv() {
        var electricity = anna.get("/export/meters/" + solar + "/long.csv?from=2025-06-03&to=2025-06-03").bodyAsString();
        var r = anna.get("/export/meters/" + gas + "/long.csv?month=2025-06");

        assertThat(electricity.split("\r\n")).containsExactly(
                "date,period_start,period_end,tariff,direction,unit,value,status,day",
                "2025-06-03,2025-06-03T00:00:00+02:00,2025-06-04T00:00:00+02:00,day,offtake,kWh,5.125,estimated,whole",
                "2025-06-03,2025-06-03T00:00:00+02:00,2025-06-04T00:00:00+02:00,day,injection,kWh,1.000,estimated,whole",
                "2025-06-03,2025-06-03T00:00:00+02:00,2025-06-04T00:00:00+02:00,night,offtake,kWh,0.875,estimated,whole",
                "2025-06-03,2025-06-03T00:00:00+02:00,2025-06-04T00:00:00+02:00,night,injection,kWh,0.000,estimated,whole");
        assertThat(r.getHeader("Content-Disposition")).endsWith("-2025-06-01-2025-06-30-long.csv\"");
        assertThat(r.bodyAsString().split("\r\n")).containsExactly(
                "date,period_start,period_end,tariff,direction,unit,value,status,day",
                "2025-06-01,2025-06-01T06:00:00+02:00,2025-06-02T06:00:00+02:00,single,offtake,kWh,14.2375,validated,whole",
                "2025-06-01,2025-06-01T06:00:00+02:00,2025-06-02T06:00:00+02:00,single,offtake,m3,1.250,validated,whole",
                "2025-06-02,2025-06-02T06:00:00+02:00,2025-06-03T06:00:00+02:00,single,offtake,kWh,8.5425,validated,whole",
                "2025-06-02,2025-06-02T06:00:00+02:00,2025-06-03T06:00:00+02:00,single,offtake,m3,0.750,validated,whole");
    }

    @Test
    @DisplayName("daily.json: the same numbers as the wide file, with missing days and totals")
    void dailyJson() {
        var r = anna.get("/export/meters/" + ev + "/daily.json?from=2025-06-01&to=2025-06-03");
        JsonObject json = r.bodyAsJsonObject();

        assertThat(r.getHeader("Content-Type")).startsWith("application/json");
        assertThat(json.getJsonObject("meter").getString("unit")).isEqualTo("kWh");
        assertThat(json.getJsonArray("days")).hasSize(3);
        assertThat(json.getJsonArray("days").getJsonObject(1).getString("status")).isEqualTo("missing");
        assertThat(json.getJsonArray("days").getJsonObject(2).getValue("net").toString()).isEqualTo("20.0");
        assertThat(json.getJsonArray("missing_days").getList()).containsExactly("2025-06-02");
        assertThat(json.getJsonObject("totals").getInteger("days_with_data")).isEqualTo(2);
        assertThat(new BigDecimal(json.getJsonObject("totals").getValue("total_offtake").toString())).isEqualByComparingTo("40");
    }

    /** Marks solar's 2 June 2025 as Fluvius not having sent its night injection. */
    private void markJune2Incomplete() {
        server.services().incompleteDays().record(solar, Resolution.DAY, List.of(),
                List.of(new IncompleteDay(JUNE_1.plusDays(1), Resolution.DAY, Defect.MISSING_REGISTER))).await();
    }

    @Test
    @DisplayName("an incomplete day says so in every export: wide.csv and daily.json status, long.csv day column, JSON list")
    void incompleteDayInExports() {
        markJune2Incomplete();

        String wide = anna.get("/export/meters/" + solar + "/wide.csv?from=2025-06-01&to=2025-06-03").bodyAsString();
        String longCsv = anna.get("/export/meters/" + solar + "/long.csv?from=2025-06-02&to=2025-06-02").bodyAsString();
        JsonObject json = anna.get("/export/meters/" + solar + "/daily.json?from=2025-06-01&to=2025-06-03").bodyAsJsonObject();

        assertThat(wide.split("\r\n")).contains("2025-06-01,4.000,1.500,10.250,0.000,5.500,10.250,-4.750,validated",
                "2025-06-02,3.000,1.000,2.000,0.000,4.000,2.000,2.000,incomplete");
        assertThat(List.of(longCsv.split("\r\n")).subList(1, 5)).allSatisfy(row -> assertThat(row).endsWith(",validated,incomplete"));
        assertThat(longCsv.split("\r\n")).hasSize(5);
        JsonObject june2 = json.getJsonArray("days").getJsonObject(1);
        assertThat(june2.getString("status")).isEqualTo("incomplete");
        assertThat(june2.getString("incomplete")).isEqualTo("missing_register");
        assertThat(json.getJsonArray("days").getJsonObject(0).getString("status")).isEqualTo("validated");
        assertThat(json.getJsonArray("incomplete_days").getList()).containsExactly("2025-06-02");
        assertThat(json.getJsonObject("totals").getInteger("incomplete_days")).isEqualTo(1);
    }

    @Test
    @DisplayName("the compare page marks an incomplete day in its day table and counts it in the totals")
    void incompleteDayCompared() {
        markJune2Incomplete();

        String page = anna.get("/compare?meter=" + solar + "&meter=" + ev + "&month=2025-06").bodyAsString();

        String days = section(page, "<table class=\"numbers days\">", "</table>");
        String june2 = section(days, FMT.date(JUNE_1.plusDays(1)), "</tr>");
        assertThat(june2).contains("class=\"incomplete\"", ">2.000<", ">incomplete<");
        assertThat(section(days, FMT.date(JUNE_1), "</tr>")).doesNotContain("incomplete");
        String totals = section(page, "<table class=\"numbers totals", "</table>");
        assertThat(totals).contains("Days incomplete");
        assertThat(section(totals, ">Zon &amp; dak<", "</tr>")).contains(">3<").contains(">1<");
    }
}
