package be.meterkast.web;

import be.meterkast.domain.Direction;
import be.meterkast.domain.Reading;
import be.meterkast.domain.Tariff;
import be.meterkast.domain.Unit;
import be.meterkast.fluvius.sim.DayTotals;
import be.meterkast.fluvius.sim.MeterDataGenerator;
import be.meterkast.fluvius.sim.SimAccounts;
import be.meterkast.fluvius.sim.SimClock;
import be.meterkast.fluvius.sim.SimMeter;
import be.meterkast.store.DailyTotalRepository;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Costs checked to the cent against figures this test works out itself, from the simulator's generator
 * ({@link MeterDataGenerator}: the same Wh the imported file holds) and the tariffs it sets — month sums and the
 * bill's formulas written out here, not the cost code's day-by-day walk. The meter's data comes in as Mijn Fluvius
 * quarter-hour files (and daily values for a month without quarter-hours), through the API like a user's.
 */
@DisplayName("Costs from simulated data, worked out independently")
class SimulatedCostsTest extends PortalTestBase {
    private static final SimMeter SOLAR = SimAccounts.DEMO_SOLAR;
    private static final MathContext EXACT = MathContext.DECIMAL128;
    private static final BigDecimal THOUSAND = BigDecimal.valueOf(1000);
    private static final LocalDate OCTOBER_1 = LocalDate.of(2025, 10, 1);
    private static final LocalDate OCTOBER_31 = LocalDate.of(2025, 10, 31);

    private Browser owner;
    private String token;
    private long household;
    private long meter;

    @Override
    protected Clock clock() {
        return SimClock.fixed(Instant.parse("2025-11-12T10:00:00Z"));
    }

    @BeforeEach
    void meterWithOctoberQuarterHours() {
        owner = setUpAdmin();
        household = sql("SELECT id FROM households ORDER BY id LIMIT 1").iterator().next().getLong(0);
        token = owner.api("POST", "/api/v1/token", null, new JsonObject().put("username", "admin")
                .put("password", "correct horse")).bodyAsJsonObject().getString("token");
        meter = owner.api("POST", "/api/v1/households/" + household + "/meters", token, new JsonObject()
                .put("ean", SOLAR.ean()).put("serial", SOLAR.serial()).put("kind", "electricity").put("label", "Zon"))
                .bodyAsJsonObject().getLong("id");
        var imported = owner.client().postAbs("http://127.0.0.1:" + server.port() + "/api/v1/meters/" + meter + "/imports")
                .bearerTokenAuthentication(token).putHeader("Content-Type", "text/csv")
                .sendBuffer(ImportFiles.bytes(ImportFiles.quarterHours(SOLAR, OCTOBER_1, OCTOBER_31))).await();
        assertThat(imported.statusCode()).as(imported.bodyAsString()).isEqualTo(200);
    }

    @Test
    @DisplayName("fixed prices changing on 16 October, before VAT until then and with VAT after: each line to the cent")
    void fixedPricesChangingInsideTheMonth() {
        putTariffs(new JsonArray()
                .add(new JsonObject().put("validFrom", "2025-01-01").put("energyDay", "0.30").put("energyNight", "0.20")
                        .put("injection", "0.04").put("capacityPerKwYear", "48").put("fixedPerYear", "120"))
                .add(new JsonObject().put("validFrom", "2025-10-16").put("energyDay", "0.33").put("energyNight", "0.22")
                        .put("injection", "0.05").put("capacityPerKwYear", "54").put("fixedPerYear", "150")
                        .put("pricesIncludeVat", true)));

        // Worked out from the generator: the first 15 days before VAT, the other 16 as entered (with 6 % VAT in them).
        BigDecimal[] first = fixedEnergy(OCTOBER_1, LocalDate.of(2025, 10, 15), "0.30", "0.20", "0.04");
        BigDecimal[] second = fixedEnergy(LocalDate.of(2025, 10, 16), OCTOBER_31, "0.33", "0.22", "0.05");
        BigDecimal average = peakKw(OCTOBER_1, OCTOBER_31, Set.of()).max(new BigDecimal("2.5"));
        // capacity: October's average (its only month with a peak) × €/kW/year ÷ 12, the month's 31 days shared out
        BigDecimal capacity1 = average.multiply(new BigDecimal("48")).multiply(BigDecimal.valueOf(15))
                .divide(BigDecimal.valueOf(12 * 31), EXACT);
        BigDecimal capacity2 = average.multiply(new BigDecimal("54")).multiply(BigDecimal.valueOf(16))
                .divide(BigDecimal.valueOf(12 * 31), EXACT);
        BigDecimal fixed1 = new BigDecimal("120").multiply(BigDecimal.valueOf(15)).divide(BigDecimal.valueOf(365), EXACT);
        BigDecimal fixed2 = new BigDecimal("150").multiply(BigDecimal.valueOf(16)).divide(BigDecimal.valueOf(365), EXACT);
        BigDecimal vat1 = first[0].add(capacity1).add(fixed1).multiply(new BigDecimal("0.06"));
        BigDecimal withVat2 = second[0].add(capacity2).add(fixed2);
        BigDecimal vat2 = withVat2.subtract(withVat2.divide(new BigDecimal("1.06"), EXACT));
        BigDecimal energy = first[0].add(second[0].divide(new BigDecimal("1.06"), EXACT));
        BigDecimal injection = first[1].add(second[1]).negate();
        BigDecimal total = first[0].add(capacity1).add(fixed1).add(vat1).add(withVat2).add(injection);

        JsonObject costs = costs("2025-10-01", "2025-10-31");
        JsonObject lines = costs.getJsonObject("total");
        assertEuro(lines, "energy", energy);
        assertEuro(lines, "injection", injection);
        assertEuro(lines, "capacity", capacity1.add(capacity2.divide(new BigDecimal("1.06"), EXACT)));
        assertEuro(lines, "fixed", fixed1.add(fixed2.divide(new BigDecimal("1.06"), EXACT)));
        assertEuro(lines, "vat", vat1.add(vat2));
        assertEuro(lines, "total", total);
        assertThat(costs.getJsonArray("missing")).isEmpty();
        assertThat(costs.getJsonArray("days").getJsonObject(15).getString("validFrom")).isEqualTo("2025-10-16");

        String page = owner.get("/meters/" + meter + "/costs?month=2025-10").bodyAsString();
        assertThat(page).contains("<th class=\"total\">" + euro(total) + "</th>");
    }

    @Test
    @DisplayName("a month without peak data: no capacity counted, and every day of it says the peak is missing")
    void monthWithoutPeak() {
        List<Reading> september = new ArrayList<>();
        for (LocalDate day = LocalDate.of(2025, 9, 1); day.getMonthValue() == 9; day = day.plusDays(1)) {
            DayTotals t = MeterDataGenerator.dailyTotals(SOLAR, day, false);
            september.add(dayReading(day, Tariff.DAY, Direction.OFFTAKE, t.offtakeDay()));
            september.add(dayReading(day, Tariff.NIGHT, Direction.OFFTAKE, t.offtakeNight()));
            september.add(dayReading(day, Tariff.DAY, Direction.INJECTION, t.injectionDay()));
            september.add(dayReading(day, Tariff.NIGHT, Direction.INJECTION, t.injectionNight()));
        }
        server.services().readings().upsert(meter, september).await();
        putTariffs(new JsonArray().add(new JsonObject().put("validFrom", "2025-01-01").put("energyDay", "0.30")
                .put("energyNight", "0.20").put("injection", "0.04").put("capacityPerKwYear", "48")
                .put("fixedPerYear", "120").put("vatPercent", "0")));

        BigDecimal[] energy = fixedEnergy(LocalDate.of(2025, 9, 1), LocalDate.of(2025, 9, 30), "0.30", "0.20", "0.04");
        BigDecimal fixed = new BigDecimal("120").multiply(BigDecimal.valueOf(30)).divide(BigDecimal.valueOf(365), EXACT);

        JsonObject costs = costs("2025-09-01", "2025-09-30");
        JsonObject lines = costs.getJsonObject("total");
        assertEuro(lines, "energy", energy[0]);
        assertEuro(lines, "injection", energy[1].negate());
        assertEuro(lines, "capacity", BigDecimal.ZERO);
        assertEuro(lines, "vat", BigDecimal.ZERO);
        assertEuro(lines, "total", energy[0].subtract(energy[1]).add(fixed));
        JsonObject missing = costs.getJsonArray("missing").getJsonObject(0);
        assertThat(missing.getString("what")).isEqualTo("peak");
        assertThat(missing.getInteger("days")).isEqualTo(30);
        assertThat(owner.get("/meters/" + meter + "/costs?month=2025-09").bodyAsString())
                .contains("No monthly peak stored for the month: 30 day(s)");
    }

    @Test
    @DisplayName("a dynamic month: each quarter-hour × (factor × day-ahead price + adder), through the DST night; "
            + "an hour without prices and a day with missing quarter-hours are named, not guessed")
    void dynamicMonth() {
        putTariffs(new JsonArray().add(new JsonObject().put("validFrom", "2025-01-01")
                .put("dynamic", new JsonObject().put("factor", "1.1").put("adder", "0.015")).put("injection", "0.04")
                .put("capacityPerKwYear", "48").put("fixedPerYear", "120")));
        // Hourly local times until 15 October, then quarter-hours with offsets; 20 October 18:00–19:00 left out.
        Map<Instant, BigDecimal> prices = new HashMap<>();
        StringBuilder file = new StringBuilder("start;price\n");
        DateTimeFormatter local = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");
        for (LocalDate day = OCTOBER_1; !day.isAfter(OCTOBER_31); day = day.plusDays(1)) {
            List<Instant> quarters = MeterDataGenerator.quarterHours(day);
            boolean hourly = day.getDayOfMonth() <= 15;
            for (int i = 0; i < quarters.size(); i += hourly ? 4 : 1) {
                Instant start = quarters.get(i);
                ZonedDateTime at = start.atZone(MeterDataGenerator.ZONE);
                if (day.getDayOfMonth() == 20 && at.getHour() == 18) {
                    continue;
                }
                BigDecimal price = BigDecimal.valueOf(Math.floorMod(start.getEpochSecond() / 900 * 37, 230) - 30, 0)
                        .add(new BigDecimal("0.25"));
                for (int q = 0; q < (hourly ? 4 : 1); q++) {
                    prices.put(quarters.get(i + q), price);
                }
                file.append(hourly ? at.toLocalDateTime().format(local) : at.toOffsetDateTime().toString())
                        .append(';').append(price.toPlainString().replace('.', ',')).append('\n');
            }
        }
        var posted = owner.client().postAbs("http://127.0.0.1:" + server.port() + "/api/v1/prices")
                .bearerTokenAuthentication(token).putHeader("Content-Type", "text/csv")
                .sendBuffer(ImportFiles.bytes(file.toString())).await();
        assertThat(posted.statusCode()).as(posted.bodyAsString()).isEqualTo(200);
        assertThat(posted.bodyAsJsonObject().getInteger("prices")).isEqualTo(15 * 24 + 16 * 96 + 4 - 4);
        // 22 October 12:00–13:00 never arrived
        Instant noon = LocalDate.of(2025, 10, 22).atTime(12, 0).atZone(MeterDataGenerator.ZONE).toInstant();
        sql("DELETE FROM readings WHERE meter_id = " + meter + " AND period_start >= '" + noon
                + "' AND period_start < '" + noon.plusSeconds(3600) + "'");
        // rows deleted past the repository: their daily totals computed again, as a restore does
        new DailyTotalRepository(server.database().pool()).rebuildAll().await();
        Set<Instant> gone = new HashSet<>();
        for (int q = 0; q < 4; q++) {
            gone.add(noon.plusSeconds(900L * q));
        }

        BigDecimal energy = BigDecimal.ZERO;
        BigDecimal injectedKwh = BigDecimal.ZERO;
        for (LocalDate day = OCTOBER_1; !day.isAfter(OCTOBER_31); day = day.plusDays(1)) {
            for (Instant start : MeterDataGenerator.quarterHours(day)) {
                if (gone.contains(start)) {
                    continue;
                }
                BigDecimal kwh = kwh(MeterDataGenerator.quarterHourWh(SOLAR, start, Direction.OFFTAKE, false));
                injectedKwh = injectedKwh.add(kwh(MeterDataGenerator.quarterHourWh(SOLAR, start, Direction.INJECTION, false)));
                BigDecimal price = prices.get(start);
                if (price != null) {
                    energy = energy.add(kwh.multiply(new BigDecimal("1.1").multiply(price).divide(THOUSAND)
                            .add(new BigDecimal("0.015"))));
                }
            }
        }
        BigDecimal capacity = peakKw(OCTOBER_1, OCTOBER_31, gone).max(new BigDecimal("2.5"))
                .multiply(new BigDecimal("48")).divide(BigDecimal.valueOf(12), EXACT);
        BigDecimal fixed = new BigDecimal("120").multiply(BigDecimal.valueOf(31)).divide(BigDecimal.valueOf(365), EXACT);
        BigDecimal vat = energy.add(capacity).add(fixed).multiply(new BigDecimal("0.06"));
        BigDecimal injection = injectedKwh.multiply(new BigDecimal("0.04")).negate();

        JsonObject costs = costs("2025-10-01", "2025-10-31");
        JsonObject lines = costs.getJsonObject("total");
        assertEuro(lines, "energy", energy);
        assertEuro(lines, "injection", injection);
        assertEuro(lines, "capacity", capacity);
        assertEuro(lines, "vat", vat);
        assertEuro(lines, "total", energy.add(injection).add(capacity).add(fixed).add(vat));
        Map<String, List<Object>> missing = new HashMap<>();
        costs.getJsonArray("missing").forEach(m -> missing.put(((JsonObject) m).getString("what"),
                ((JsonObject) m).getJsonArray("dates").getList()));
        assertThat(missing).containsOnlyKeys("quarter_hours", "day_ahead_price");
        assertThat(missing.get("quarter_hours")).containsExactly("2025-10-22");
        assertThat(missing.get("day_ahead_price")).containsExactly("2025-10-20");
        JsonObject dstDay = costs.getJsonArray("days").getJsonObject(25);
        assertThat(dstDay.getString("date")).isEqualTo("2025-10-26");
        assertThat(dstDay.getJsonArray("missing")).as("100 quarter-hours, all priced").isEmpty();

        String page = owner.get("/meters/" + meter + "/costs?month=2025-10").bodyAsString();
        assertThat(page).contains("<th class=\"total\">" + euro(energy.add(injection).add(capacity).add(fixed).add(vat))
                + "</th>", "No day-ahead price for some quarter-hours");
    }

    @Test
    @DisplayName("a price file with a wrong line is refused naming the line, and nothing of it is stored")
    void badPriceFile() {
        var refused = owner.client().postAbs("http://127.0.0.1:" + server.port() + "/api/v1/prices")
                .bearerTokenAuthentication(token).putHeader("Content-Type", "text/csv")
                .sendBuffer(ImportFiles.bytes("start;price\n2025-03-30 01:00;50\n2025-03-30 02:00;51\n")).await();

        assertThat(refused.statusCode()).isEqualTo(422);
        assertThat(refused.bodyAsJsonObject().getInteger("line")).isEqualTo(3);
        assertThat(refused.bodyAsJsonObject().getString("message")).contains("line 3", "does not exist in Belgium");
        assertThat(sql("SELECT count(*) FROM day_ahead_prices").iterator().next().getLong(0)).isZero();
    }

    @Test
    @DisplayName("capacity: Fluvius' peak beside the quarter-hours' (said when they differ), this month so far with the "
            + "quarter-hour that set it and its cost if it stays, and what capping every peak would save a year")
    void capacityTariff() {
        LocalDate november1 = LocalDate.of(2025, 11, 1);
        LocalDate november11 = LocalDate.of(2025, 11, 11);
        var imported = owner.client().postAbs("http://127.0.0.1:" + server.port() + "/api/v1/meters/" + meter + "/imports")
                .bearerTokenAuthentication(token).putHeader("Content-Type", "text/csv")
                .sendBuffer(ImportFiles.bytes(ImportFiles.quarterHours(SOLAR, november1, november11))).await();
        assertThat(imported.statusCode()).as(imported.bodyAsString()).isEqualTo(200);
        // Fluvius says October's peak was 6.5 kW, above what the stored quarter-hours give
        Instant fluviusAt = Instant.parse("2025-10-14T17:00:00Z");
        server.services().peaks().upsert(meter, List.of(new be.meterkast.domain.MonthlyPeak(java.time.YearMonth.of(2025, 10),
                new BigDecimal("6.5"), fluviusAt, fluviusAt.plusSeconds(900)))).await();
        putTariffs(new JsonArray().add(new JsonObject().put("validFrom", "2025-01-01").put("energySingle", "0.30")
                .put("capacityPerKwYear", "54").put("vatPercent", "6")));

        BigDecimal october = peakKw(OCTOBER_1, OCTOBER_31, Set.of());
        BigDecimal november = peakKw(november1, november11, Set.of());
        Instant novemberAt = peakStart(november1, november11);
        BigDecimal average = new BigDecimal("6.5").add(november.max(new BigDecimal("2.5")))
                .divide(BigDecimal.valueOf(2), EXACT);
        BigDecimal ifItStays = average.multiply(new BigDecimal("54")).divide(BigDecimal.valueOf(12), EXACT);
        // capped at 3 kW: October 6.5 → 3, November min(peak, 3) floored at 2.5; a year at 54 €/kW with 6 % VAT
        BigDecimal capped = new BigDecimal("3").add(november.min(new BigDecimal("3")).max(new BigDecimal("2.5")))
                .divide(BigDecimal.valueOf(2), EXACT);
        BigDecimal saving = average.subtract(capped).multiply(new BigDecimal("54")).multiply(new BigDecimal("1.06"));

        String page = owner.get("/meters/" + meter + "/costs?month=2025-11&cap=3").bodyAsString();

        assertThat(page).contains("This month so far (November 2025):", "peak " + amount(november) + " kW",
                "the month&#39;s capacity costs " + euro(ifItStays) + " (before VAT)");
        assertThat(page).contains("set by the quarter-hour " + shortTime(novemberAt) + " to " + shortTime(novemberAt.plusSeconds(900)));
        assertThat(page).contains("<td>" + amount(new BigDecimal("6.5")) + "</td>", "<td>" + amount(october) + "</td>",
                "Fluvius&#39; peak differs from the stored quarter-hours&#39;");
        assertThat(page).contains("Lowering every monthly peak of the last 12 months to 3.000 kW would save " + euro(saving)
                + " a year (VAT included).", "October 2025: 6.500 kW");
        assertThat(owner.get("/meters/" + meter + "/costs?month=2025-11&cap=lots").statusCode()).isEqualTo(400);

        var api = owner.api("GET", "/api/v1/meters/" + meter + "/capacity?cap=3", token, null);
        assertThat(api.statusCode()).as(api.bodyAsString()).isEqualTo(200);
        JsonObject body = api.bodyAsJsonObject();
        assertThat(new BigDecimal(body.getJsonObject("thisMonth").getValue("capacityIfItStays").toString()))
                .isEqualByComparingTo(cents(ifItStays));
        assertThat(body.getJsonObject("thisMonth").getJsonObject("peak").getString("start")).isEqualTo(novemberAt.toString());
        assertThat(new BigDecimal(body.getJsonObject("whatIf").getValue("savingPerYear").toString()))
                .isEqualByComparingTo(cents(saving));
        JsonObject octoberRow = body.getJsonArray("months").getJsonObject(1);
        assertThat(octoberRow.getBoolean("differ")).isTrue();
        assertThat(new BigDecimal(octoberRow.getValue("quarterHoursKw").toString())).isEqualByComparingTo(october);
    }

    @Test
    @DisplayName("the year view: each month in kWh and euro beside the same month of the year before, with totals and "
            + "averages per day; the month view: each day in kWh and euro")
    void yearAndMonthViews() {
        LocalDate october2024 = LocalDate.of(2024, 10, 1);
        var imported = owner.client().postAbs("http://127.0.0.1:" + server.port() + "/api/v1/meters/" + meter + "/imports")
                .bearerTokenAuthentication(token).putHeader("Content-Type", "text/csv")
                .sendBuffer(ImportFiles.bytes(ImportFiles.quarterHours(SOLAR, october2024, LocalDate.of(2024, 10, 31)))).await();
        assertThat(imported.statusCode()).as(imported.bodyAsString()).isEqualTo(200);
        putTariffs(new JsonArray().add(new JsonObject().put("validFrom", "2024-01-01").put("energyDay", "0.30")
                .put("energyNight", "0.20").put("injection", "0.04").put("vatPercent", "0")));

        BigDecimal[] now = usage(OCTOBER_1, OCTOBER_31);
        BigDecimal[] before = usage(october2024, LocalDate.of(2024, 10, 31));
        BigDecimal[] energyNow = fixedEnergy(OCTOBER_1, OCTOBER_31, "0.30", "0.20", "0.04");
        BigDecimal[] energyBefore = fixedEnergy(october2024, LocalDate.of(2024, 10, 31), "0.30", "0.20", "0.04");
        BigDecimal costNow = energyNow[0].subtract(energyNow[1]);
        BigDecimal costBefore = energyBefore[0].subtract(energyBefore[1]);

        String year = owner.get("/meters/" + meter + "/costs?year=2025").bodyAsString();
        String october = year.substring(year.indexOf(">October 2025</a>"));
        october = october.substring(0, october.indexOf("</tr>"));
        assertThat(october).contains("<td>" + amount(now[0]) + "</td>", "<td>" + amount(now[1]) + "</td>",
                "<td>" + amount(now[2]) + "</td>", "<td>" + amount(now[0].add(now[1]).subtract(now[2])) + "</td>",
                "<td>" + euro(costNow) + "</td>", "<td>" + euro(costNow.divide(BigDecimal.valueOf(31), EXACT)) + "</td>",
                "<td>" + amount(before[0].add(before[1])) + "</td>", "<td>" + amount(before[2]) + "</td>",
                "<td>" + amount(before[0].add(before[1]).subtract(before[2])) + "</td>", "<td>" + euro(costBefore) + "</td>");
        assertThat(year).contains("data-source=\"costs-chart\"", "data-source=\"net-chart\"", "Average per day");

        String month = owner.get("/meters/" + meter + "/costs?month=2025-10").bodyAsString();
        DayTotals dst = MeterDataGenerator.dailyTotals(SOLAR, LocalDate.of(2025, 10, 26), false);
        BigDecimal dstCost = dst.offtakeDay().multiply(new BigDecimal("0.30")).add(dst.offtakeNight().multiply(new BigDecimal("0.20")))
                .subtract(dst.injectionDay().add(dst.injectionNight()).multiply(new BigDecimal("0.04")));
        assertThat(month).contains("<td>" + amount(dst.offtakeDay()) + "</td>\n        <td>" + amount(dst.offtakeNight())
                + "</td>\n        \n        <td>" + amount(dst.injectionDay().add(dst.injectionNight())) + "</td>");
        assertThat(month).contains(euro(dstCost), "<th>" + euro(costNow) + "</th>");
    }

    @Test
    @DisplayName("euro beside kWh on the home page (last 7 and 30 days) and the compare page, once the household has tariffs")
    void euroOnHomeAndCompare() {
        String compare = "/compare?meter=" + meter + "&month=2025-10&against=previous-year";
        assertThat(owner.get("/").bodyAsString()).as("no tariffs: kWh alone").doesNotContain("class=\"euro\"");
        putTariffs(new JsonArray().add(new JsonObject().put("validFrom", "2024-01-01").put("energyDay", "0.30")
                .put("energyNight", "0.20").put("injection", "0.04").put("fixedPerYear", "73").put("vatPercent", "0")));

        // Yesterday is 11 November; the data ends on 31 October: last 30 days = 13 Oct – 11 Nov, last 7 = 5 – 11 Nov
        BigDecimal[] october = fixedEnergy(LocalDate.of(2025, 10, 13), OCTOBER_31, "0.30", "0.20", "0.04");
        BigDecimal month = october[0].subtract(october[1]).add(new BigDecimal("0.2").multiply(BigDecimal.valueOf(30)));
        BigDecimal week = new BigDecimal("0.2").multiply(BigDecimal.valueOf(7));
        String home = owner.get("/").bodyAsString();
        assertThat(home).contains("<small class=\"euro\">" + euro(month) + "</small>")
                .as("a week without readings shows no data, not its fixed fees alone").doesNotContain(euro(week));

        BigDecimal[] all = fixedEnergy(OCTOBER_1, OCTOBER_31, "0.30", "0.20", "0.04");
        String page = owner.get(compare).bodyAsString();
        assertThat(page).contains("<small class=\"euro\">" + euro(all[0].subtract(all[1])
                .add(new BigDecimal("0.2").multiply(BigDecimal.valueOf(31)))) + "</small>");
        // October 2024 has no readings: only its fixed fees, € 73 over a leap year's 366 days
        assertThat(page).contains("<small class=\"euro\">" + euro(new BigDecimal("73").multiply(BigDecimal.valueOf(31))
                .divide(BigDecimal.valueOf(366), EXACT)) + "</small>");
    }

    /** {offtake day, offtake night, injection} kWh over the days, from the generator. */
    private static BigDecimal[] usage(LocalDate first, LocalDate last) {
        BigDecimal[] sum = {BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO};
        for (LocalDate d = first; !d.isAfter(last); d = d.plusDays(1)) {
            DayTotals t = MeterDataGenerator.dailyTotals(SOLAR, d, false);
            sum[0] = sum[0].add(t.offtakeDay());
            sum[1] = sum[1].add(t.offtakeNight());
            sum[2] = sum[2].add(t.injectionDay()).add(t.injectionNight());
        }
        return sum;
    }

    /** {energy, injected kWh × injection price} over the days, from the generator's daily totals. */
    private static BigDecimal[] fixedEnergy(LocalDate first, LocalDate last, String day, String night, String injection) {
        BigDecimal energy = BigDecimal.ZERO;
        BigDecimal paidBack = BigDecimal.ZERO;
        for (LocalDate d = first; !d.isAfter(last); d = d.plusDays(1)) {
            DayTotals t = MeterDataGenerator.dailyTotals(SOLAR, d, false);
            energy = energy.add(t.offtakeDay().multiply(new BigDecimal(day))).add(t.offtakeNight().multiply(new BigDecimal(night)));
            paidBack = paidBack.add(t.injectionDay().add(t.injectionNight()).multiply(new BigDecimal(injection)));
        }
        return new BigDecimal[] {energy, paidBack};
    }

    /** The highest quarter-hour offtake of the days × 4, leaving out the quarter-hours not stored. */
    private static BigDecimal peakKw(LocalDate first, LocalDate last, Set<Instant> left) {
        long best = 0;
        for (LocalDate d = first; !d.isAfter(last); d = d.plusDays(1)) {
            for (Instant start : MeterDataGenerator.quarterHours(d)) {
                if (!left.contains(start)) {
                    best = Math.max(best, MeterDataGenerator.quarterHourWh(SOLAR, start, Direction.OFFTAKE, false));
                }
            }
        }
        return BigDecimal.valueOf(best * 4, 3);
    }

    /** The first quarter-hour with the highest offtake of the days. */
    private static Instant peakStart(LocalDate first, LocalDate last) {
        long best = -1;
        Instant at = null;
        for (LocalDate d = first; !d.isAfter(last); d = d.plusDays(1)) {
            for (Instant start : MeterDataGenerator.quarterHours(d)) {
                long wh = MeterDataGenerator.quarterHourWh(SOLAR, start, Direction.OFFTAKE, false);
                if (wh > best) {
                    best = wh;
                    at = start;
                }
            }
        }
        return at;
    }

    private static String amount(BigDecimal kw) {
        return new DecimalFormat("#,##0.000", DecimalFormatSymbols.getInstance(Locale.ENGLISH)).format(kw);
    }

    /** As the page writes a time in English. */
    private static String shortTime(Instant at) {
        return at.atZone(MeterDataGenerator.ZONE).format(DateTimeFormatter.ofPattern("d MMM yyyy HH:mm", Locale.ENGLISH));
    }

    private static BigDecimal kwh(long wh) {
        return BigDecimal.valueOf(wh, 3);
    }

    private static Reading dayReading(LocalDate day, Tariff register, Direction direction, BigDecimal kwh) {
        return new Reading(MeterDataGenerator.dayStart(day), MeterDataGenerator.dayStart(day.plusDays(1)), register,
                direction, Unit.KWH, kwh, false);
    }

    private void putTariffs(JsonArray periods) {
        var put = owner.client().requestAbs(io.vertx.core.http.HttpMethod.PUT, "http://127.0.0.1:" + server.port()
                + "/api/v1/households/" + household + "/tariffs").bearerTokenAuthentication(token).sendJson(periods).await();
        assertThat(put.statusCode()).as(put.bodyAsString()).isEqualTo(200);
    }

    private JsonObject costs(String from, String to) {
        var r = owner.api("GET", "/api/v1/meters/" + meter + "/costs?from=" + from + "&to=" + to, token, null);
        assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(200);
        return r.bodyAsJsonObject();
    }

    private static BigDecimal cents(BigDecimal euro) {
        return euro.setScale(2, RoundingMode.HALF_UP);
    }

    private static void assertEuro(JsonObject lines, String line, BigDecimal expected) {
        assertThat(new BigDecimal(lines.getValue(line).toString())).as(line).isEqualByComparingTo(cents(expected));
    }

    private static String euro(BigDecimal value) {
        return "€ " + new DecimalFormat("#,##0.00", DecimalFormatSymbols.getInstance(Locale.ENGLISH)).format(cents(value));
    }
}
