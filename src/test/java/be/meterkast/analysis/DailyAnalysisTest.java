package be.meterkast.analysis;

import be.meterkast.domain.Defect;
import be.meterkast.domain.Direction;
import be.meterkast.domain.MeterKind;
import be.meterkast.domain.Reading;
import be.meterkast.domain.Tariff;
import be.meterkast.domain.Unit;
import be.meterkast.fluvius.Granularity;
import be.meterkast.fluvius.WireFormat;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class DailyAnalysisTest {
    private static final ZoneId BRUSSELS = ZoneId.of("Europe/Brussels");

    private static Reading reading(String start, String end, Tariff tariff, Direction direction, Unit unit, String value) {
        return new Reading(Instant.parse(start), Instant.parse(end), tariff, direction, unit, new BigDecimal(value), false);
    }

    @Test
    @DisplayName("the README's example day: offtake 11.333, injection 12.421, net -1.088 kWh")
    void readmeExample() {
        String d = "2025-06-30T22:00:00Z";
        String de = "2025-07-01T22:00:00Z";
        List<Reading> readings = List.of(
                reading(d, de, Tariff.DAY, Direction.OFFTAKE, Unit.KWH, "9.133"),
                reading(d, de, Tariff.NIGHT, Direction.OFFTAKE, Unit.KWH, "2.2"),
                reading(d, de, Tariff.DAY, Direction.INJECTION, Unit.KWH, "12.421"),
                reading(d, de, Tariff.NIGHT, Direction.INJECTION, Unit.KWH, "0.0"));

        DailyUsage day = DailyAnalysis.daily(readings, BRUSSELS, Unit.KWH).get(0);

        assertThat(day.day()).isEqualTo(LocalDate.of(2025, 7, 1));
        assertThat(day.offtake(Tariff.DAY)).isEqualByComparingTo("9.133");
        assertThat(day.offtake(Tariff.NIGHT)).isEqualByComparingTo("2.200");
        assertThat(day.totalOfftake()).isEqualByComparingTo("11.333");
        assertThat(day.totalInjection()).isEqualByComparingTo("12.421");
        assertThat(day.net()).isEqualByComparingTo("-1.088");
    }

    @Test
    @DisplayName("quarter-hours of the 92-quarter DST day add up to that one local day")
    void springForwardDay() {
        List<Reading> readings = new ArrayList<>();
        Instant start = LocalDate.of(2025, 3, 30).atStartOfDay(BRUSSELS).toInstant();
        Instant end = LocalDate.of(2025, 3, 31).atStartOfDay(BRUSSELS).toInstant();
        for (Instant q = start; q.isBefore(end); q = q.plus(Duration.ofMinutes(15))) {
            readings.add(new Reading(q, q.plus(Duration.ofMinutes(15)), Tariff.NIGHT, Direction.OFFTAKE, Unit.KWH,
                    new BigDecimal("0.010"), false));
        }

        List<DailyUsage> days = DailyAnalysis.daily(readings, BRUSSELS, Unit.KWH);

        assertThat(readings).hasSize(92);
        assertThat(days).singleElement().satisfies(d -> {
            assertThat(d.day()).isEqualTo(LocalDate.of(2025, 3, 30));
            assertThat(d.totalOfftake()).isEqualByComparingTo("0.920");
        });
    }

    @Test
    @DisplayName("a gas day that starts at 06:00 belongs to its own date, and m³ and kWh are never added")
    void gasDayAndUnits() {
        List<Reading> readings = List.of(
                reading("2025-11-18T05:00:00Z", "2025-11-19T05:00:00Z", Tariff.SINGLE, Direction.OFFTAKE, Unit.M3, "5.083"),
                reading("2025-11-18T05:00:00Z", "2025-11-19T05:00:00Z", Tariff.SINGLE, Direction.OFFTAKE, Unit.KWH, "57.9398"));

        DailyUsage m3 = DailyAnalysis.daily(readings, BRUSSELS, Unit.M3).get(0);
        DailyUsage kwh = DailyAnalysis.daily(readings, BRUSSELS, Unit.KWH).get(0);

        assertThat(m3.day()).isEqualTo(LocalDate.of(2025, 11, 18));
        assertThat(m3.totalOfftake()).isEqualByComparingTo("5.083");
        assertThat(kwh.totalOfftake()).isEqualByComparingTo("57.9398");
        assertThat(m3.singleRegister()).isTrue();
        assertThat(DailyAnalysis.kindOf(readings)).isEqualTo(MeterKind.GAS);
    }

    @Test
    @DisplayName("a correction replaces the estimated value instead of adding to it")
    void correctionsReplace() {
        Reading estimated = new Reading(Instant.parse("2025-06-30T22:00:00Z"), Instant.parse("2025-07-01T22:00:00Z"),
                Tariff.DAY, Direction.OFFTAKE, Unit.KWH, new BigDecimal("8.000"), true);
        Reading validated = new Reading(estimated.start(), estimated.end(), Tariff.DAY, Direction.OFFTAKE, Unit.KWH,
                new BigDecimal("9.133"), false);

        DailyUsage day = DailyAnalysis.daily(List.of(estimated, validated), BRUSSELS, Unit.KWH).get(0);

        assertThat(day.totalOfftake()).isEqualByComparingTo("9.133");
        assertThat(day.estimated()).isFalse();
    }

    @Test
    @DisplayName("a day still estimated is marked as such")
    void estimatedMarked() {
        Reading estimated = new Reading(Instant.parse("2025-06-30T22:00:00Z"), Instant.parse("2025-07-01T22:00:00Z"),
                Tariff.DAY, Direction.OFFTAKE, Unit.KWH, new BigDecimal("8.000"), true);

        assertThat(DailyAnalysis.daily(List.of(estimated), BRUSSELS, Unit.KWH).get(0).estimated()).isTrue();
    }

    @Test
    @DisplayName("days without data are listed as missing, not counted as zero")
    void missingDays() {
        List<Reading> readings = List.of(
                reading("2025-06-30T22:00:00Z", "2025-07-01T22:00:00Z", Tariff.DAY, Direction.OFFTAKE, Unit.KWH, "3.000"),
                reading("2025-07-02T22:00:00Z", "2025-07-03T22:00:00Z", Tariff.DAY, Direction.OFFTAKE, Unit.KWH, "5.000"));

        PeriodSummary p = DailyAnalysis.summarize(DailyAnalysis.daily(readings, BRUSSELS, Unit.KWH),
                LocalDate.of(2025, 7, 1), LocalDate.of(2025, 7, 3), Unit.KWH);

        assertThat(p.missingDays()).containsExactly(LocalDate.of(2025, 7, 2));
        assertThat(p.days()).hasSize(2);
        assertThat(p.totalOfftake()).isEqualByComparingTo("8.000");
        assertThat(p.averageNetPerDay()).isEqualByComparingTo("4.000");
    }

    @Test
    @DisplayName("an incomplete day is marked, listed and kept in the totals, but never the busiest or quietest day")
    void incompleteDays() {
        List<Reading> readings = List.of(
                reading("2025-06-30T22:00:00Z", "2025-07-01T22:00:00Z", Tariff.DAY, Direction.OFFTAKE, Unit.KWH, "3.000"),
                reading("2025-07-01T22:00:00Z", "2025-07-02T22:00:00Z", Tariff.DAY, Direction.OFFTAKE, Unit.KWH, "0.500"),
                reading("2025-07-02T22:00:00Z", "2025-07-03T22:00:00Z", Tariff.DAY, Direction.OFFTAKE, Unit.KWH, "5.000"));
        LocalDate july2 = LocalDate.of(2025, 7, 2);

        PeriodSummary p = DailyAnalysis.summarize(DailyAnalysis.markIncomplete(DailyAnalysis.daily(readings, BRUSSELS, Unit.KWH),
                java.util.Map.of(july2, Defect.MISSING_REGISTER)), LocalDate.of(2025, 7, 1), LocalDate.of(2025, 7, 3), Unit.KWH);

        assertThat(p.incompleteDays()).containsExactly(july2);
        assertThat(p.days()).filteredOn(d -> d.day().equals(july2)).singleElement()
                .satisfies(d -> assertThat(d.status()).isEqualTo("incomplete"));
        assertThat(p.totalOfftake()).isEqualByComparingTo("8.500");
        assertThat(p.quietestDay()).hasValueSatisfying(d -> assertThat(d.day()).isEqualTo(LocalDate.of(2025, 7, 1)));
        assertThat(p.busiestDay()).hasValueSatisfying(d -> assertThat(d.day()).isEqualTo(LocalDate.of(2025, 7, 3)));
    }

    @Test
    @DisplayName("net is negative when injection exceeds offtake over the period")
    void negativeNet() {
        List<Reading> readings = List.of(
                reading("2025-06-30T22:00:00Z", "2025-07-01T22:00:00Z", Tariff.DAY, Direction.OFFTAKE, Unit.KWH, "1.500"),
                reading("2025-06-30T22:00:00Z", "2025-07-01T22:00:00Z", Tariff.DAY, Direction.INJECTION, Unit.KWH, "20.250"));

        PeriodSummary p = DailyAnalysis.summarize(DailyAnalysis.daily(readings, BRUSSELS, Unit.KWH),
                LocalDate.of(2025, 7, 1), LocalDate.of(2025, 7, 1), Unit.KWH);

        assertThat(p.net()).isEqualByComparingTo("-18.750");
    }

    @Test
    @DisplayName("days outside the period are not counted in its totals")
    void outsidePeriod() {
        List<Reading> readings = List.of(
                reading("2025-06-29T22:00:00Z", "2025-06-30T22:00:00Z", Tariff.DAY, Direction.OFFTAKE, Unit.KWH, "7.000"),
                reading("2025-06-30T22:00:00Z", "2025-07-01T22:00:00Z", Tariff.DAY, Direction.OFFTAKE, Unit.KWH, "1.000"));

        PeriodSummary p = DailyAnalysis.summarize(DailyAnalysis.daily(readings, BRUSSELS, Unit.KWH),
                LocalDate.of(2025, 7, 1), LocalDate.of(2025, 7, 1), Unit.KWH);

        assertThat(p.totalOfftake()).isEqualByComparingTo("1.000");
    }

    /** A Saturday in November: night register only, as Fluvius writes it, with or without the day register. */
    private static List<DailyUsage> saturday(boolean withDayRegister) {
        JsonArray values = new JsonArray();
        if (withDayRegister) {
            values.add(new JsonObject("{\"dc\":1,\"t\":1,\"st\":0,\"v\":0.0,\"vs\":2,\"u\":3,\"gcuv\":null}"));
            values.add(new JsonObject("{\"dc\":1,\"t\":2,\"st\":0,\"v\":0.0,\"vs\":2,\"u\":3,\"gcuv\":null}"));
        }
        values.add(new JsonObject("{\"dc\":2,\"t\":1,\"st\":0,\"v\":8.412,\"vs\":2,\"u\":3,\"gcuv\":null}"));
        values.add(new JsonObject("{\"dc\":2,\"t\":2,\"st\":0,\"v\":1.35,\"vs\":2,\"u\":3,\"gcuv\":null}"));
        JsonArray records = new JsonArray().add(new JsonObject()
                .put("d", "2025-11-21T23:00:00Z").put("de", "2025-11-22T23:00:00Z").put("v", values));
        return DailyAnalysis.daily(WireFormat.history(records, Optional.of(Granularity.DAILY), MeterKind.ELECTRICITY, BRUSSELS).readings(), BRUSSELS, Unit.KWH);
    }

    @Test
    @DisplayName("a day whose day register did not occur gives the same figures whether Fluvius leaves it out or sends 0.0")
    void absentRegisterEqualsZero() {
        DailyUsage leftOut = saturday(false).get(0);
        DailyUsage zero = saturday(true).get(0);

        assertThat(leftOut).usingRecursiveComparison().withComparatorForType(BigDecimal::compareTo, BigDecimal.class)
                .isEqualTo(zero);
        assertThat(leftOut.offtake().keySet()).isEqualTo(zero.offtake().keySet());
        assertThat(leftOut.injection().keySet()).isEqualTo(zero.injection().keySet());
        assertThat(leftOut.singleRegister()).isFalse();
        assertThat(zero.singleRegister()).isFalse();
        assertThat(leftOut.offtakeDay()).isZero();
        assertThat(leftOut.totalOfftake()).isEqualByComparingTo(zero.totalOfftake()).isEqualByComparingTo("8.412");
        assertThat(leftOut.net()).isEqualByComparingTo(zero.net()).isEqualByComparingTo("7.062");
        assertThat(leftOut.estimated()).isEqualTo(zero.estimated()).isFalse();
        assertThat(DailyAnalysis.summarize(saturday(false), leftOut.day(), leftOut.day(), Unit.KWH).missingDays())
                .isEmpty();
    }

    @Test
    @DisplayName("a gas meter's single register is not filled in with day and night registers")
    void singleRegisterStaysSingle() {
        List<Reading> readings = List.of(
                reading("2025-11-18T05:00:00Z", "2025-11-19T05:00:00Z", Tariff.SINGLE, Direction.OFFTAKE, Unit.M3, "5.083"));

        DailyUsage day = DailyAnalysis.daily(readings, BRUSSELS, Unit.M3).get(0);

        assertThat(day.singleRegister()).isTrue();
        assertThat(day.offtake()).containsOnlyKeys(Tariff.SINGLE);
    }

    @Test
    @DisplayName("one register without injection is shown as offtake only; injection on it brings the other columns back")
    void offtakeOnly() {
        Reading gas = reading("2025-11-18T05:00:00Z", "2025-11-19T05:00:00Z", Tariff.SINGLE, Direction.OFFTAKE, Unit.KWH, "5.083");
        Reading injected = reading("2025-11-18T05:00:00Z", "2025-11-19T05:00:00Z", Tariff.SINGLE, Direction.INJECTION, Unit.KWH, "1.250");

        DailyUsage offtake = DailyAnalysis.daily(List.of(gas), BRUSSELS, Unit.KWH).get(0);
        DailyUsage both = DailyAnalysis.daily(List.of(gas, injected), BRUSSELS, Unit.KWH).get(0);

        assertThat(offtake.offtakeOnly()).isTrue();
        assertThat(offtake.hasInjection()).isFalse();
        assertThat(both.singleRegister()).isTrue();
        assertThat(both.offtakeOnly()).isFalse();
        assertThat(both.hasInjection()).isTrue();
        assertThat(saturday(false).get(0).offtakeOnly()).as("day and night registers").isFalse();
    }

    @Test
    @DisplayName("with days starting at 06:00, gas hours before 06:00 count for the gas day before")
    void gasHoursIntoGasDays() {
        List<Reading> readings = List.of(
                reading("2025-11-18T05:00:00Z", "2025-11-18T06:00:00Z", Tariff.SINGLE, Direction.OFFTAKE, Unit.M3, "0.400"),
                reading("2025-11-19T03:00:00Z", "2025-11-19T04:00:00Z", Tariff.SINGLE, Direction.OFFTAKE, Unit.M3, "0.100"),
                reading("2025-11-19T04:00:00Z", "2025-11-19T05:00:00Z", Tariff.SINGLE, Direction.OFFTAKE, Unit.M3, "0.020"),
                reading("2025-11-19T05:00:00Z", "2025-11-19T06:00:00Z", Tariff.SINGLE, Direction.OFFTAKE, Unit.M3, "0.300"));

        List<DailyUsage> days = DailyAnalysis.daily(readings, BRUSSELS, Unit.M3, LocalTime.of(6, 0));

        assertThat(days).extracting(DailyUsage::day).containsExactly(LocalDate.of(2025, 11, 18), LocalDate.of(2025, 11, 19));
        assertThat(days.get(0).totalOfftake()).isEqualByComparingTo("0.520");
        assertThat(days.get(1).totalOfftake()).isEqualByComparingTo("0.300");
    }

    @Test
    @DisplayName("intervals keep each hour's own register and both directions, oldest first, one unit only")
    void hourIntervals() {
        List<Reading> readings = List.of(
                reading("2025-11-20T06:00:00Z", "2025-11-20T07:00:00Z", Tariff.DAY, Direction.OFFTAKE, Unit.KWH, "0.512"),
                reading("2025-11-20T06:00:00Z", "2025-11-20T07:00:00Z", Tariff.DAY, Direction.INJECTION, Unit.KWH, "0.0"),
                reading("2025-11-20T05:00:00Z", "2025-11-20T06:00:00Z", Tariff.NIGHT, Direction.OFFTAKE, Unit.KWH, "0.2"),
                reading("2025-11-20T05:00:00Z", "2025-11-20T06:00:00Z", Tariff.NIGHT, Direction.INJECTION, Unit.KWH, "0.0"),
                reading("2025-11-20T05:00:00Z", "2025-11-20T06:00:00Z", Tariff.SINGLE, Direction.OFFTAKE, Unit.M3, "9"));

        List<IntervalUsage> hours = DailyAnalysis.intervals(readings, Unit.KWH);

        assertThat(hours).extracting(IntervalUsage::start)
                .containsExactly(Instant.parse("2025-11-20T05:00:00Z"), Instant.parse("2025-11-20T06:00:00Z"));
        assertThat(hours.get(0).offtake()).containsOnlyKeys(Tariff.NIGHT);
        assertThat(hours.get(0).totalOfftake()).isEqualByComparingTo("0.2");
        assertThat(hours.get(1).offtake()).containsOnlyKeys(Tariff.DAY);
        assertThat(hours.get(1).injection()).containsOnlyKeys(Tariff.DAY);
    }
}
