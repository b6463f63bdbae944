package be.meterkast.web;

import be.meterkast.domain.Direction;
import be.meterkast.domain.MonthlyPeak;
import be.meterkast.domain.Reading;
import be.meterkast.domain.Tariff;
import be.meterkast.domain.Unit;
import be.meterkast.domain.time.LocalDays;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
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

class CostsApiTest extends PortalTestBase {
    private Roles roles;

    @BeforeEach
    void visitors() {
        roles = new Roles(this);
    }

    @Test
    @DisplayName("PUT replaces the household's tariff periods and GET lists them oldest first, as sent")
    void replaceAndList() {
        JsonArray periods = new JsonArray()
                .add(new JsonObject().put("validFrom", "2025-06-16").put("energyDay", 0.40).put("energyNight", "0.25")
                        .put("pricesIncludeVat", true))
                .add(new JsonObject().put("validFrom", "2025-01-01").put("energySingle", 0.3).put("injection", 0.05)
                        .put("gas", 0.08).put("capacityPerKwYear", 48).put("fixedPerYear", 120.5).put("vatPercent", 21));

        var put = tariffs("PUT", roles.household, roles.adminToken, periods);

        assertThat(put.statusCode()).as(put.bodyAsString()).isEqualTo(200);
        JsonArray listed = tariffs("GET", roles.household, roles.adminToken, null).bodyAsJsonArray();
        assertThat(listed).hasSize(2);
        JsonObject first = listed.getJsonObject(0);
        assertThat(first.getString("validFrom")).isEqualTo("2025-01-01");
        assertThat(first.getValue("energySingle").toString()).isEqualTo("0.3");
        assertThat(first.getValue("fixedPerYear").toString()).isEqualTo("120.5");
        assertThat(first.getValue("vatPercent").toString()).isEqualTo("21");
        assertThat(first.getValue("energyDay")).isNull();
        assertThat(first.getBoolean("pricesIncludeVat")).isFalse();
        JsonObject second = listed.getJsonObject(1);
        assertThat(second.getValue("energyNight").toString()).isEqualTo("0.25");
        assertThat(second.getValue("vatPercent").toString()).as("the default VAT").isEqualTo("6");
        assertThat(second.getBoolean("pricesIncludeVat")).isTrue();

        assertThat(tariffs("PUT", roles.household, roles.adminToken, new JsonArray()).statusCode()).isEqualTo(200);
        assertThat(tariffs("GET", roles.household, roles.adminToken, null).bodyAsJsonArray()).isEmpty();
    }

    @Test
    @DisplayName("a dynamic period travels as dynamic: {factor, adder} with its capacity floor; wrong parts answer 400 naming them")
    void dynamicPeriod() {
        var put = tariffs("PUT", roles.household, roles.adminToken, new JsonArray().add(new JsonObject()
                .put("validFrom", "2025-01-01").put("dynamic", new JsonObject().put("factor", 1.1).put("adder", 0.015))
                .put("capacityFloor", "average")));
        assertThat(put.statusCode()).as(put.bodyAsString()).isEqualTo(200);
        JsonObject listed = tariffs("GET", roles.household, roles.adminToken, null).bodyAsJsonArray().getJsonObject(0);
        assertThat(listed.getJsonObject("dynamic").getValue("factor").toString()).isEqualTo("1.1");
        assertThat(listed.getJsonObject("dynamic").getValue("adder").toString()).isEqualTo("0.015");
        assertThat(listed.getString("capacityFloor")).isEqualTo("average");

        assertRefused(new JsonObject().put("validFrom", "2025-02-01").put("dynamic", new JsonObject().put("factor", 1)
                .put("margin", 1)), "dynamic.margin", "Not a field");
        assertRefused(new JsonObject().put("validFrom", "2025-02-01").put("dynamic", new JsonObject().put("factor", 1)),
                "dynamic.adder", "both");
        assertRefused(new JsonObject().put("validFrom", "2025-02-01").put("dynamic", "cheap"), "dynamic", "factor");
        assertRefused(new JsonObject().put("validFrom", "2025-02-01").put("capacityFloor", "never"), "capacityFloor",
                "each_month");
        var member = roles.member.client().postAbs("http://127.0.0.1:" + server.port() + "/api/v1/prices")
                .bearerTokenAuthentication(roles.memberToken).putHeader("Content-Type", "text/csv")
                .sendBuffer(Buffer.buffer("2025-06-01T00:00:00Z;1\n")).await();
        assertThat(member.statusCode()).as("a member imports no prices").isEqualTo(403);
        var owner = roles.stranger.client().postAbs("http://127.0.0.1:" + server.port() + "/api/v1/prices")
                .bearerTokenAuthentication(roles.strangerToken).putHeader("Content-Type", "text/csv")
                .sendBuffer(Buffer.buffer("2025-06-01T00:00:00Z;1\n")).await();
        assertThat(owner.statusCode()).as("an owner who is no administrator: the prices are every household's").isEqualTo(403);
        assertThat(owner.bodyAsJsonObject().getString("message")).contains("only an administrator");
        assertThat(sql("SELECT count(*) FROM day_ahead_prices").iterator().next().getLong(0)).isZero();
    }

    @Test
    @DisplayName("a wrong value answers 400 naming its period and field, and the stored list stays as it was")
    void badValues() {
        JsonArray good = new JsonArray().add(new JsonObject().put("validFrom", "2025-01-01").put("energySingle", 0.3));
        tariffs("PUT", roles.household, roles.adminToken, good);

        assertRefused(new JsonObject().put("validFrom", "2025-02-01").put("energyDay", -0.1), "energyDay", "negative");
        assertRefused(new JsonObject().put("validFrom", "2025-02-01").put("vatPercent", 101), "vatPercent", "0 to 100");
        assertRefused(new JsonObject().put("validFrom", "1999-12-31"), "validFrom", "2000 and 2100");
        assertRefused(new JsonObject().put("validFrom", "2101-01-01"), "validFrom", "2000 and 2100");
        assertRefused(new JsonObject().put("validFrom", "soon"), "validFrom", "like 2025-01-01");
        assertRefused(new JsonObject().put("validFrom", "2025-02-01").put("gas", "cheap"), "gas", "number");
        assertRefused(new JsonObject().put("validFrom", "2025-02-01").put("pricesIncludeVat", "yes"), "pricesIncludeVat", "true or false");
        assertRefused(new JsonObject().put("validFrom", "2025-02-01").put("price", 1), "price", "Not a field");
        var duplicate = tariffs("PUT", roles.household, roles.adminToken, new JsonArray()
                .add(new JsonObject().put("validFrom", "2025-02-01")).add(new JsonObject().put("validFrom", "2025-02-01")));
        assertThat(duplicate.statusCode()).isEqualTo(400);
        assertThat(duplicate.bodyAsJsonObject().getString("field")).isEqualTo("validFrom");
        assertThat(duplicate.bodyAsJsonObject().getString("message")).contains("Period 2", "same date");
        var notAList = roles.admin.api("PUT", "/api/v1/households/" + roles.household + "/tariffs", roles.adminToken,
                new JsonObject());
        assertThat(notAList.statusCode()).isEqualTo(400);

        JsonArray stored = tariffs("GET", roles.household, roles.adminToken, null).bodyAsJsonArray();
        assertThat(stored).hasSize(1);
        assertThat(stored.getJsonObject(0).getString("validFrom")).isEqualTo("2025-01-01");
    }

    @Test
    @DisplayName("tariffs are the owners': a member gets 403, another household 404")
    void ownersOnly() {
        JsonArray periods = new JsonArray().add(new JsonObject().put("validFrom", "2025-01-01"));

        assertThat(tariffs("GET", roles.household, roles.memberToken, null).statusCode()).isEqualTo(403);
        assertThat(tariffs("PUT", roles.household, roles.memberToken, periods).statusCode()).isEqualTo(403);
        assertThat(tariffs("GET", roles.household, roles.strangerToken, null).statusCode()).isEqualTo(404);
        assertThat(tariffs("PUT", roles.household, roles.strangerToken, periods).statusCode()).isEqualTo(404);
        assertThat(tariffs("GET", roles.household, roles.adminToken, null).bodyAsJsonArray()).isEmpty();
    }

    @Test
    @DisplayName("costs per day and in total, to the cent, with the period used; a member may read them")
    void costs() {
        seedJune();

        var r = roles.member.api("GET", "/api/v1/meters/" + roles.meter + "/costs?from=2025-06-15&to=2025-06-16",
                roles.memberToken, null);

        assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(200);
        JsonObject body = r.bodyAsJsonObject();
        JsonArray days = body.getJsonArray("days");
        assertThat(days).hasSize(2);
        // 15 June (first period): energy 10 × 0.30 + 5 × 0.20 = 4.00; capacity: June's only peak 1.2 kW counts as
        // 2.5 kW, 2.5 × 48 / 12 = 10.00 for June, 0.333… a day; fixed 365 / 365 = 1.00; VAT 6 % of 5.333… = 0.32
        JsonObject fifteenth = days.getJsonObject(0);
        assertThat(fifteenth.getString("validFrom")).isEqualTo("2025-01-01");
        assertEuro(fifteenth, "energy", "4.00");
        assertEuro(fifteenth, "capacity", "0.33");
        assertEuro(fifteenth, "fixed", "1.00");
        assertEuro(fifteenth, "vat", "0.32");
        assertEuro(fifteenth, "total", "5.65");
        // 16 June (second period): energy 10 × 0.40 + 5 × 0.25 = 5.25, injection −4 × 0.05 = −0.20;
        // VAT 6 % of 6.583… = 0.395; total 5.25 − 0.20 + 0.333… + 1.00 + 0.395 = 6.778… → 6.78
        JsonObject sixteenth = days.getJsonObject(1);
        assertThat(sixteenth.getString("validFrom")).isEqualTo("2025-06-16");
        assertEuro(sixteenth, "injection", "-0.20");
        assertEuro(sixteenth, "total", "6.78");
        // in total: energy 9.25, injection −0.20, capacity 0.666… → 0.67, fixed 2.00, VAT 0.32 + 0.395 = 0.715 → 0.72,
        // total 12.4316… → 12.43
        JsonObject total = body.getJsonObject("total");
        assertEuro(total, "energy", "9.25");
        assertEuro(total, "injection", "-0.20");
        assertEuro(total, "capacity", "0.67");
        assertEuro(total, "fixed", "2.00");
        assertEuro(total, "vat", "0.72");
        assertEuro(total, "total", "12.43");
        assertThat(body.getJsonArray("periods").stream().map(p -> ((JsonObject) p).getString("validFrom")))
                .containsExactly("2025-01-01", "2025-06-16");
        assertThat(body.getJsonArray("missing")).isEmpty();
    }

    @Test
    @DisplayName("costs say what was missing: days before the first tariff, days without readings")
    void costsMissing() {
        seedJune();

        JsonObject body = roles.admin.api("GET", "/api/v1/meters/" + roles.meter + "/costs?from=2024-12-31&to=2025-01-01",
                roles.adminToken, null).bodyAsJsonObject();

        JsonArray missing = body.getJsonArray("missing");
        assertThat(missing.stream().map(m -> ((JsonObject) m).getString("what"))).containsExactly("tariff", "readings", "peak");
        assertThat(missing.getJsonObject(0).getJsonArray("dates")).containsExactly("2024-12-31");
        assertThat(missing.getJsonObject(0).getString("message")).isEqualTo("No tariff period for these days");
        assertThat(body.getJsonArray("days").getJsonObject(0).getValue("validFrom")).isNull();
        assertThat(body.getJsonArray("days").getJsonObject(1).getJsonArray("missing")).containsExactly("readings", "peak");
    }

    @Test
    @DisplayName("costs: bad dates are refused with the rule; another household's meter is not found")
    void costsRefused() {
        String base = "/api/v1/meters/" + roles.meter + "/costs";
        var badFormat = roles.admin.api("GET", base + "?from=yesterday", roles.adminToken, null);
        assertThat(badFormat.statusCode()).isEqualTo(400);
        assertThat(badFormat.bodyAsJsonObject().getString("message")).contains("2025-06-30");
        var outside = roles.admin.api("GET", base + "?from=1999-01-01&to=1999-01-02", roles.adminToken, null);
        assertThat(outside.statusCode()).isEqualTo(400);
        assertThat(outside.bodyAsJsonObject().getString("message")).contains("2000 and 2100");
        var reversed = roles.admin.api("GET", base + "?from=2025-02-01&to=2025-01-01", roles.adminToken, null);
        assertThat(reversed.statusCode()).isEqualTo(400);
        assertThat(roles.stranger.api("GET", base, roles.strangerToken, null).statusCode()).isEqualTo(404);
    }

    /**
     * Two tariff periods (the second from 16 June), June's only peak 1.2 kW, and the solar meter's 15 and 16 June:
     * 10 kWh day and 5 kWh night offtake each, 4 kWh injected on the 16th.
     */
    private void seedJune() {
        var put = tariffs("PUT", roles.household, roles.adminToken, new JsonArray()
                .add(new JsonObject().put("validFrom", "2025-01-01").put("energyDay", "0.30").put("energyNight", "0.20")
                        .put("injection", "0.05").put("capacityPerKwYear", 48).put("fixedPerYear", 365))
                .add(new JsonObject().put("validFrom", "2025-06-16").put("energyDay", "0.40").put("energyNight", "0.25")
                        .put("injection", "0.05").put("capacityPerKwYear", 48).put("fixedPerYear", 365)));
        assertThat(put.statusCode()).as(put.bodyAsString()).isEqualTo(200);
        List<Reading> readings = new ArrayList<>();
        for (String date : List.of("2025-06-15", "2025-06-16")) {
            LocalDate day = LocalDate.parse(date);
            readings.add(day(day, Tariff.DAY, Direction.OFFTAKE, "10"));
            readings.add(day(day, Tariff.NIGHT, Direction.OFFTAKE, "5"));
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

    private void assertRefused(JsonObject period, String field, String messagePart) {
        var r = tariffs("PUT", roles.household, roles.adminToken, new JsonArray().add(period));
        assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(400);
        assertThat(r.bodyAsJsonObject().getString("field")).isEqualTo(field);
        assertThat(r.bodyAsJsonObject().getString("message")).contains("Period 1", field, messagePart);
    }

    private static void assertEuro(JsonObject lines, String line, String euro) {
        assertThat(new BigDecimal(lines.getValue(line).toString())).as(line).isEqualByComparingTo(euro);
    }

    private HttpResponse<Buffer> tariffs(String method, long household, String token, JsonArray body) {
        var request = roles.admin.client().requestAbs(HttpMethod.valueOf(method),
                "http://127.0.0.1:" + server.port() + "/api/v1/households/" + household + "/tariffs")
                .bearerTokenAuthentication(token);
        return (body == null ? request.send() : request.sendJson(body)).await();
    }
}
