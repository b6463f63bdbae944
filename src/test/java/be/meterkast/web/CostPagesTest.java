package be.meterkast.web;

import be.meterkast.domain.Direction;
import be.meterkast.domain.MonthlyPeak;
import be.meterkast.domain.Reading;
import be.meterkast.domain.Tariff;
import be.meterkast.domain.Unit;
import be.meterkast.domain.time.LocalDays;
import io.vertx.sqlclient.Row;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class CostPagesTest extends PortalTestBase {
    private Roles roles;

    @BeforeEach
    void visitors() {
        roles = new Roles(this);
    }

    @Test
    @DisplayName("an owner adds, edits and removes tariff periods on the form, which says whether prices include VAT")
    void tariffsForm() {
        String form = "/households/" + roles.household + "/tariffs";
        assertThat(roles.admin.get("/households/" + roles.household).bodyAsString()).contains("href=\"" + form + "\"");
        String empty = roles.admin.get(form).bodyAsString();
        assertThat(empty).contains("No tariff periods yet", "Prices include VAT").doesNotContain("??");

        var added = roles.admin.post(form, "rows", "1", "validFrom.0", "2025-01-01", "energyDay.0", "0,30",
                "energyNight.0", "0.20", "pricesIncludeVat.0", "true");
        assertThat(added.statusCode()).as(added.bodyAsString()).isEqualTo(302);
        assertThat(periods()).containsExactly("2025-01-01 0.300000 0.200000 6.00 true");

        String shown = roles.admin.get(form).bodyAsString();
        assertThat(shown).contains("value=\"0.3\"", "Tariffs saved.");
        var edited = roles.admin.post(form, "rows", "2", "validFrom.0", "2025-01-01", "energyDay.0", "0.31",
                "energyNight.0", "0.20", "vatPercent.0", "6", "validFrom.1", "2025-07-01", "energyDay.1", "0.40");
        assertThat(edited.statusCode()).as(edited.bodyAsString()).isEqualTo(302);
        assertThat(periods()).containsExactly("2025-01-01 0.310000 0.200000 6.00 false",
                "2025-07-01 0.400000 null 6.00 false");

        roles.admin.get(form);
        var removed = roles.admin.post(form, "rows", "3", "validFrom.0", "2025-01-01", "energyDay.0", "0.31",
                "remove.0", "on", "validFrom.1", "2025-07-01", "energyDay.1", "0.40", "validFrom.2", "");
        assertThat(removed.statusCode()).as(removed.bodyAsString()).isEqualTo(302);
        assertThat(periods()).containsExactly("2025-07-01 0.400000 null 6.00 false");
    }

    @Test
    @DisplayName("a dynamic period and the capacity floor on the form: stored, shown again, and refused with the field to fix")
    void dynamicPeriodOnTheForm() {
        String form = "/households/" + roles.household + "/tariffs";
        roles.admin.get(form);

        var saved = roles.admin.post(form, "rows", "1", "validFrom.0", "2025-01-01", "dynamic.factor.0", "1,1",
                "dynamic.adder.0", "0.015", "injection.0", "0.04", "capacityFloor.0", "average");
        assertThat(saved.statusCode()).as(saved.bodyAsString()).isEqualTo(302);
        Row row = sql("SELECT dynamic_factor, dynamic_adder, capacity_floor FROM tariff_periods").iterator().next();
        assertThat(row.getBigDecimal(0)).isEqualByComparingTo("1.1");
        assertThat(row.getBigDecimal(1)).isEqualByComparingTo("0.015");
        assertThat(row.getString(2)).isEqualTo("average");
        String shown = roles.admin.get(form).bodyAsString();
        assertThat(shown).contains("value=\"1.1\"", "value=\"0.015\"", "<option value=\"average\" selected=\"selected\"");

        var refused = roles.admin.post(form, "rows", "1", "validFrom.0", "2025-01-01", "dynamic.factor.0", "1",
                "energyDay.0", "0.30", "dynamic.adder.0", "0.01");
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.bodyAsString()).contains("Period 1: A dynamic period is priced by the day-ahead prices");
        var half = roles.admin.post(form, "rows", "1", "validFrom.0", "2025-01-01", "dynamic.factor.0", "1");
        assertThat(half.bodyAsString()).contains("needs both its factor and its adder");
        assertThat(sql("SELECT dynamic_factor FROM tariff_periods").iterator().next().getBigDecimal(0))
                .as("the stored period is unchanged").isEqualByComparingTo("1.1");
    }

    @Test
    @DisplayName("a day-ahead price file uploaded on the tariffs page is stored and summed up; a bad one names its line")
    void priceUploadOnTheTariffsPage() {
        String form = "/households/" + roles.household + "/tariffs";
        String upload = form + "/prices";
        roles.admin.get(form);

        var stored = ImportFiles.upload(roles.admin, server.port(), upload, null, roles.admin.csrf(), "file",
                "prices.csv", "start;price\n2025-06-01T00:00:00+02:00;80\n2025-06-01T01:00:00+02:00;75,5\n");
        assertThat(stored.statusCode()).as(stored.bodyAsString()).isEqualTo(302);
        assertThat(roles.admin.get(form).bodyAsString()).contains("Day-ahead prices imported.", "2 prices stored");

        var bad = ImportFiles.upload(roles.admin, server.port(), upload, null, roles.admin.csrf(), "file",
                "prices.csv", "2025-07-01T00:00:00Z;80\n2025-07-01T00:15:00Z;lots\n");
        assertThat(bad.statusCode()).isEqualTo(422);
        assertThat(bad.bodyAsString()).contains("Nothing was stored: line 2: the price is not a number");
        assertThat(sql("SELECT count(*) FROM day_ahead_prices").iterator().next().getLong(0)).isEqualTo(2);
        roles.member.get("/");
        assertThat(ImportFiles.upload(roles.member, server.port(), upload, null, roles.member.csrf(), "file",
                "prices.csv", "2025-07-01T00:00:00Z;80\n").statusCode()).as("members do not import").isEqualTo(403);
    }

    @Test
    @DisplayName("a wrong value on the form answers 400 naming the period and what to fix; what was typed stays and nothing is stored")
    void tariffsFormRefused() {
        String form = "/households/" + roles.household + "/tariffs";
        roles.admin.get(form);

        var refused = roles.admin.post(form, "rows", "2", "validFrom.0", "2025-01-01", "energyDay.0", "0.30",
                "validFrom.1", "2025-07-01", "vatPercent.1", "121");

        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.bodyAsString()).contains("Period 2: VAT is a percentage from 0 to 100.", "value=\"121\"",
                "value=\"0.30\"", "value=\"2025-07-01\"");
        assertThat(periods()).isEmpty();
    }

    @Test
    @DisplayName("a post that is not the form's own (no row count) is refused and leaves the periods as they were")
    void tariffsFormWithoutRows() {
        String form = "/households/" + roles.household + "/tariffs";
        roles.admin.get(form);
        roles.admin.post(form, "rows", "1", "validFrom.0", "2025-01-01");
        roles.admin.get(form);

        var refused = roles.admin.post(form, "validFrom.0", "2025-02-01");

        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.bodyAsString()).contains("nothing was changed");
        assertThat(periods()).containsExactly("2025-01-01 null null 6.00 false");
    }

    @Test
    @DisplayName("the tariffs form is the owners': a member gets 403, someone from another household 404")
    void tariffsFormOwnersOnly() {
        String form = "/households/" + roles.household + "/tariffs";
        assertThat(roles.member.get(form).statusCode()).isEqualTo(403);
        assertThat(roles.member.get("/households/" + roles.household).bodyAsString()).doesNotContain(form);
        assertThat(roles.stranger.get(form).statusCode()).isEqualTo(404);
        roles.stranger.get("/");
        assertThat(roles.stranger.post(form, "rows", "1", "validFrom.0", "2025-01-01").statusCode()).isEqualTo(404);
        assertThat(periods()).isEmpty();
        assertThat(roles.member.get("/meters/" + roles.meter + "/costs").bodyAsString())
                .contains("An owner of the household can set them.").doesNotContain(form);
    }

    @Test
    @DisplayName("a month's costs per day, to the cent, the same as the API; a member may see them")
    void monthPerDay() {
        seedJune();

        String page = roles.member.get("/meters/" + roles.meter + "/costs?month=2025-06").bodyAsString();

        // 15 June: 4.00 energy + 0.333… capacity + 1.00 fixed + 0.32 VAT = 5.65 (worked out in CostsApiTest)
        assertThat(page).contains("Costs of Zon", "€ 5.65", "€ 6.78", "€ -0.20");
        // June in all: energy 9.25, injection −0.20, capacity 2.5 kW × 48 / 12 = 10.00, fixed 30 × 1.00 = 30.00,
        // VAT 6 % of (4.00 + 5 + 15) + 6 % of (5.25 + 5 + 15) = 1.44 + 1.515 = 2.955 → 2.96; total 52.005 → 52.01
        assertThat(page).contains("€ 9.25", "€ 10.00", "€ 30.00", "€ 2.96", "€ 52.01");
        assertThat(page).contains("No readings stored: 28 day(s)").doesNotContain("??");
    }

    @Test
    @DisplayName("a year's costs per month, linking each month; in Dutch with a decimal comma")
    void yearPerMonthInDutch() {
        seedJune();
        roles.admin.get("/account");
        roles.admin.post("/account/language", "language", "nl");

        String page = roles.admin.get("/meters/" + roles.meter + "/costs?year=2025").bodyAsString();

        assertThat(page).contains("Kosten van Zon", "€ 52,01", "href=\"/meters/" + roles.meter + "/costs?month=2025-06\"");
        assertThat(page).contains("Geen maandpiek bewaard voor de maand");
    }

    @Test
    @DisplayName("the meter page links to its costs; without tariffs they say so and where to set them; a bad month answers 400; other households' meters 404")
    void costsPageEdges() {
        String page = roles.admin.get("/meters/" + roles.meter + "/costs").bodyAsString();
        assertThat(page).contains("This household has no tariffs yet", "/households/" + roles.household + "/tariffs");
        assertThat(roles.admin.get("/meters/" + roles.meter + "/costs?month=1999-01").statusCode()).isEqualTo(400);
        assertThat(roles.stranger.get("/meters/" + roles.meter + "/costs").statusCode()).isEqualTo(404);
        assertThat(roles.admin.get("/meters/" + roles.meter + "?month=2025-06").bodyAsString())
                .contains("href=\"/meters/" + roles.meter + "/costs?month=2025-06\"");
    }

    private List<String> periods() {
        List<String> rows = new ArrayList<>();
        for (Row r : sql("SELECT valid_from, energy_day, energy_night, vat_percent, prices_include_vat FROM tariff_periods "
                + "WHERE household_id = " + roles.household + " ORDER BY valid_from")) {
            rows.add(r.getLocalDate(0) + " " + r.getBigDecimal(1) + " " + r.getBigDecimal(2) + " " + r.getBigDecimal(3)
                    + " " + r.getBoolean(4));
        }
        return rows;
    }

    /** As CostsApiTest: two periods (the second from 16 June), June's only peak 1.2 kW, 15 and 16 June read. */
    private void seedJune() {
        roles.admin.get("/households/" + roles.household + "/tariffs");
        var saved = roles.admin.post("/households/" + roles.household + "/tariffs", "rows", "2",
                "validFrom.0", "2025-01-01", "energyDay.0", "0.30", "energyNight.0", "0.20", "injection.0", "0.05",
                "capacityPerKwYear.0", "48", "fixedPerYear.0", "365",
                "validFrom.1", "2025-06-16", "energyDay.1", "0.40", "energyNight.1", "0.25", "injection.1", "0.05",
                "capacityPerKwYear.1", "48", "fixedPerYear.1", "365");
        assertThat(saved.statusCode()).as(saved.bodyAsString()).isEqualTo(302);
        List<Reading> readings = new ArrayList<>();
        for (String date : List.of("2025-06-15", "2025-06-16")) {
            readings.add(day(LocalDate.parse(date), Tariff.DAY, Direction.OFFTAKE, "10"));
            readings.add(day(LocalDate.parse(date), Tariff.NIGHT, Direction.OFFTAKE, "5"));
        }
        readings.add(day(LocalDate.parse("2025-06-16"), Tariff.DAY, Direction.INJECTION, "4"));
        server.services().readings().upsert(roles.meter, readings).await();
        Instant peakAt = Instant.parse("2025-06-10T17:00:00Z");
        server.services().peaks().upsert(roles.meter, List.of(new MonthlyPeak(YearMonth.of(2025, 6),
                new BigDecimal("1.2"), peakAt, peakAt.plusSeconds(900)))).await();
    }

    private static Reading day(LocalDate day, Tariff register, Direction direction, String kwh) {
        return new Reading(day.atStartOfDay(LocalDays.BRUSSELS).toInstant(),
                day.plusDays(1).atStartOfDay(LocalDays.BRUSSELS).toInstant(), register, direction, Unit.KWH,
                new BigDecimal(kwh), false);
    }
}
