package be.meterkast.web;

import be.meterkast.domain.Defect;
import be.meterkast.domain.Direction;
import be.meterkast.domain.IncompleteDay;
import be.meterkast.domain.Reading;
import be.meterkast.domain.Resolution;
import be.meterkast.domain.Tariff;
import be.meterkast.domain.Unit;
import be.meterkast.fluvius.sim.SimAccounts;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How pages and the API show a day Fluvius did not send whole, and an estimated day until Fluvius validates
 * it, over readings and marks stored for 1–3 June 2025.
 */
class IncompleteDayPagesTest extends PortalTestBase {
    private static final ZoneId BRUSSELS = ZoneId.of("Europe/Brussels");
    private static final LocalDate JUNE_1 = LocalDate.of(2025, 6, 1);
    private static final LocalDate JUNE_2 = JUNE_1.plusDays(1);
    private static final LocalDate JUNE_3 = JUNE_1.plusDays(2);
    private static final String PERIOD = "?from=2025-06-01&to=2025-06-03";
    private static final Format FMT = new Format(Locale.ENGLISH, BRUSSELS);

    private Browser anna;
    private long meter;

    @BeforeEach
    void storedDays() {
        anna = setUpAdmin();
        long household = sql("SELECT id FROM households").iterator().next().getLong(0);
        anna.get("/households/" + household);
        anna.post("/households/" + household + "/accounts", "email", SimAccounts.DEMO_EMAIL, "password", "pw");
        anna.get("/households/" + household);
        var added = anna.post("/households/" + household + "/meters", "label", "Zon", "ean", SimAccounts.DEMO_SOLAR.ean(),
                "serial", SimAccounts.DEMO_SOLAR.serial(), "kind", "electricity", "gasUnit", "m3");
        meter = idFrom(added.getHeader("Location"));
        List<Reading> all = new ArrayList<>(day(JUNE_1, true));
        // 2 June lacks its night injection; 3 June has only its first 92 quarter-hours.
        all.addAll(day(JUNE_2, false).subList(0, 3));
        all.addAll(day(JUNE_3, false));
        Instant start = JUNE_3.atStartOfDay(BRUSSELS).toInstant();
        for (int q = 0; q < 92; q++) {
            Instant s = start.plus(Duration.ofMinutes(15L * q));
            all.add(new Reading(s, s.plus(Duration.ofMinutes(15)), Tariff.NIGHT, Direction.OFFTAKE, Unit.KWH,
                    new BigDecimal("0.050"), false));
        }
        server.services().readings().upsert(meter, all).await();
        server.services().incompleteDays().record(meter, Resolution.DAY, List.of(JUNE_1, JUNE_3),
                List.of(new IncompleteDay(JUNE_2, Resolution.DAY, Defect.MISSING_REGISTER))).await();
        server.services().incompleteDays().record(meter, Resolution.QUARTER_HOUR, List.of(),
                List.of(new IncompleteDay(JUNE_3, Resolution.QUARTER_HOUR, Defect.MISSING_INTERVALS))).await();
    }

    private static List<Reading> day(LocalDate day, boolean estimated) {
        Instant start = day.atStartOfDay(BRUSSELS).toInstant();
        Instant end = day.plusDays(1).atStartOfDay(BRUSSELS).toInstant();
        return List.of(new Reading(start, end, Tariff.DAY, Direction.OFFTAKE, Unit.KWH, new BigDecimal("4.000"), estimated),
                new Reading(start, end, Tariff.NIGHT, Direction.OFFTAKE, Unit.KWH, new BigDecimal("1.500"), estimated),
                new Reading(start, end, Tariff.DAY, Direction.INJECTION, Unit.KWH, new BigDecimal("6.000"), estimated),
                new Reading(start, end, Tariff.NIGHT, Direction.INJECTION, Unit.KWH, new BigDecimal("0.500"), estimated));
    }

    /** The table row of {@code day} on the meter page. */
    private static String row(String page, LocalDate day) {
        int cell = page.indexOf(">" + FMT.day(day) + "<", page.indexOf("<tbody>"));
        assertThat(cell).as("row of %s", day).isPositive();
        return page.substring(page.lastIndexOf("<tr", cell), page.indexOf("</tr>", cell));
    }

    @Test
    @DisplayName("the meter page marks the incomplete day, never as a validated one, and says how many days came incomplete")
    void meterPage() {
        String page = anna.get(Paths.meter(meter) + PERIOD).bodyAsString();

        assertThat(row(page, JUNE_2)).contains("class=\"incomplete\"", ">incomplete<", "a register is missing")
                .contains(">4.000<", ">6.000<");
        assertThat(row(page, JUNE_3)).doesNotContain("incomplete").doesNotContain("estimated");
        assertThat(page).contains("Days that came incomplete from Fluvius in this period: 1.");
    }

    @Test
    @DisplayName("the meter page says it in Dutch too")
    void meterPageInDutch() {
        anna.get("/account");
        anna.post("/account/language", "language", "nl");

        String page = anna.get(Paths.meter(meter) + PERIOD).bodyAsString();

        assertThat(page).contains(">onvolledig<", "een register ontbreekt",
                "Dagen in deze periode die onvolledig van Fluvius kwamen: 1.");
    }

    @Test
    @DisplayName("the day page says when the day's daily values or its quarter-hours came incomplete, and why")
    void dayPage() {
        String june2 = anna.get(Paths.meterDay(meter, JUNE_2)).bodyAsString();
        String june3 = anna.get(Paths.meterDay(meter, JUNE_3)).bodyAsString();
        String june1 = anna.get(Paths.meterDay(meter, JUNE_1)).bodyAsString();

        assertThat(june2).contains("Fluvius did not send this day&#39;s daily values whole (a register is missing)");
        assertThat(june3).contains("Fluvius did not send this day&#39;s quarter-hours whole (quarter-hours are missing)")
                .doesNotContain("daily values whole");
        assertThat(june1).doesNotContain("did not send this day");
    }

    @Test
    @DisplayName("the API lists the incomplete days of the readings it returns, daily or quarter-hourly")
    void api() {
        Browser client = browser();
        String token = client.api("POST", "/api/v1/token", null,
                new JsonObject().put("username", "admin").put("password", "correct horse")).bodyAsJsonObject().getString("token");

        JsonObject daily = client.api("GET", "/api/v1/meters/" + meter + "/readings" + PERIOD, token, null).bodyAsJsonObject();
        JsonObject quarters = client.api("GET", "/api/v1/meters/" + meter + "/readings" + PERIOD + "&granularity=quarter-hour",
                token, null).bodyAsJsonObject();

        assertThat(daily.getJsonArray("incomplete_days")).containsExactly(
                new JsonObject().put("date", "2025-06-02").put("reason", "missing_register"));
        assertThat(daily.getJsonArray("readings")).hasSize(4 + 3 + 4);
        assertThat(quarters.getJsonArray("incomplete_days")).containsExactly(
                new JsonObject().put("date", "2025-06-03").put("reason", "missing_intervals"));
    }

    @Test
    @DisplayName("an estimated day shows as estimated on the page and in the export until Fluvius' validated value replaces it")
    void estimatedUntilValidated() {
        String before = anna.get(Paths.meter(meter) + PERIOD).bodyAsString();
        JsonArray exportedBefore = anna.get(Paths.export(meter, "daily.json") + PERIOD).bodyAsJsonObject().getJsonArray("days");

        server.services().readings().upsert(meter, day(JUNE_1, false)).await();

        String after = anna.get(Paths.meter(meter) + PERIOD).bodyAsString();
        JsonArray exportedAfter = anna.get(Paths.export(meter, "daily.json") + PERIOD).bodyAsJsonObject().getJsonArray("days");
        assertThat(row(before, JUNE_1)).contains("class=\"estimated\"", ">estimated<");
        assertThat(exportedBefore.getJsonObject(0).getString("status")).isEqualTo("estimated");
        assertThat(row(after, JUNE_1)).doesNotContain("estimated");
        assertThat(exportedAfter.getJsonObject(0).getString("status")).isEqualTo("validated");
    }

    @Test
    @DisplayName("the home page counts the incomplete days of the last 7 and 30 days")
    void homePage() {
        // Ten days back: inside both overview periods whatever the time of day the test runs.
        LocalDate recent = LocalDate.now(BRUSSELS).minusDays(10);
        server.services().readings().upsert(meter, day(recent, false).subList(0, 3)).await();
        server.services().incompleteDays().record(meter, Resolution.DAY, List.of(),
                List.of(new IncompleteDay(recent, Resolution.DAY, Defect.NULL_VALUE))).await();

        String page = anna.get("/").bodyAsString();

        assertThat(page).contains("incomplete days: 1");
    }
}
