package be.meterkast.fluvius;

import be.meterkast.domain.BadValue;
import be.meterkast.domain.Defect;
import be.meterkast.domain.Direction;
import be.meterkast.domain.Measurements;
import be.meterkast.domain.MeterKind;
import be.meterkast.domain.Reading;
import be.meterkast.domain.Tariff;
import be.meterkast.domain.Unit;
import io.vertx.core.json.JsonArray;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class WireFormatTest {
    private static final ZoneId BRUSSELS = ZoneId.of("Europe/Brussels");

    @Test
    @DisplayName("dc is the tariff register and t the direction, never the other way round")
    void dcIsTariffAndTIsDirection() {
        Measurements m = daily("""
                [{"d":"2025-06-30T22:00:00Z","de":"2025-07-01T22:00:00Z","v":[
                  {"dc":1,"t":2,"st":0,"v":12.421,"vs":2,"u":3,"gcuv":null}]}]""");

        Reading r = m.readings().get(0);
        assertThat(r.tariff()).isEqualTo(Tariff.DAY);
        assertThat(r.direction()).isEqualTo(Direction.INJECTION);
        assertThat(r.unit()).isEqualTo(Unit.KWH);
        assertThat(r.value()).isEqualByComparingTo("12.421");
        assertThat(r.start()).isEqualTo(Instant.parse("2025-06-30T22:00:00Z"));
        assertThat(r.end()).isEqualTo(Instant.parse("2025-07-01T22:00:00Z"));
        assertThat(r.estimated()).isFalse();
    }

    @Test
    @DisplayName("the documented daily example reads as offtake day and night, injection day and night")
    void documentedDailyExample() {
        Measurements m = daily("""
                [{"d":"2025-06-30T22:00:00Z","de":"2025-07-01T22:00:00Z","v":[
                  {"dc":1,"t":1,"st":0,"v":9.133,"vs":2,"u":3,"gcuv":null},
                  {"dc":2,"t":1,"st":0,"v":2.2,"vs":2,"u":3,"gcuv":null},
                  {"dc":1,"t":2,"st":0,"v":12.421,"vs":2,"u":3,"gcuv":null},
                  {"dc":2,"t":2,"st":0,"v":0.0,"vs":2,"u":3,"gcuv":null}]}]""");

        assertThat(m.readings()).extracting(r -> r.tariff() + " " + r.direction() + " " + r.value())
                .containsExactly("DAY OFFTAKE 9.133", "NIGHT OFFTAKE 2.2", "DAY INJECTION 12.421", "NIGHT INJECTION 0.0");
        assertThat(m.skipped()).isZero();
    }

    @Test
    @DisplayName("decimal values are kept exactly as written")
    void valuesAreExact() {
        Measurements m = daily("""
                [{"d":"2025-11-18T05:00:00Z","de":"2025-11-19T05:00:00Z","v":[
                  {"dc":0,"t":1,"v":5.083,"u":5},{"dc":0,"t":1,"v":57.9398,"u":3}]}]""");

        assertThat(m.readings()).extracting(Reading::value)
                .containsExactly(new BigDecimal("5.083"), new BigDecimal("57.9398"));
        assertThat(m.readings()).extracting(Reading::unit).containsExactly(Unit.M3, Unit.KWH);
        assertThat(m.readings()).extracting(Reading::tariff).containsOnly(Tariff.SINGLE);
    }

    @Test
    @DisplayName("a value status other than 2 marks the reading as estimated")
    void provisionalValuesAreEstimated() {
        Measurements m = daily("""
                [{"d":"2025-06-30T22:00:00Z","de":"2025-07-01T22:00:00Z","v":[
                  {"dc":1,"t":1,"v":1.0,"vs":1,"u":3}]}]""");

        assertThat(m.readings().get(0).estimated()).isTrue();
    }

    @Test
    @DisplayName("null and unreadable values are skipped and counted, the good ones are kept")
    void malformedValuesAreSkippedAndCounted() {
        Measurements m = daily("""
                [{"d":"2025-06-30T22:00:00Z","de":"2025-07-01T22:00:00Z","v":[
                   {"dc":1,"t":1,"v":null,"u":3},
                   {"dc":7,"t":1,"v":1.0,"u":3},
                   {"dc":1,"t":9,"v":1.0,"u":3},
                   {"dc":1,"t":1,"v":1.0,"u":11},
                   {"dc":1,"t":2,"v":"n/a","u":3},
                   {"dc":2,"t":1,"v":2.2,"u":3}]},
                 {"d":"2025-07-02T22:00:00Z","de":"2025-07-02T22:00:00Z","v":[{"dc":1,"t":1,"v":3.0,"u":3}]},
                 {"de":"2025-07-03T22:00:00Z","v":[{"dc":1,"t":1,"v":3.0,"u":3}]},
                 "not a record"]""");

        assertThat(m.readings()).hasSize(1);
        assertThat(m.readings().get(0).value()).isEqualByComparingTo("2.2");
        assertThat(m.skipped()).isEqualTo(5 + 1 + 1 + 1);
        Instant july1 = Instant.parse("2025-06-30T22:00:00Z");
        assertThat(m.badValues()).containsExactly(
                new BadValue(july1, Defect.NULL_VALUE, Optional.of(Unit.KWH)),
                new BadValue(july1, Defect.UNREADABLE_VALUE, Optional.of(Unit.KWH)),
                new BadValue(july1, Defect.UNREADABLE_VALUE, Optional.of(Unit.KWH)),
                new BadValue(july1, Defect.UNREADABLE_VALUE, Optional.empty()),
                new BadValue(july1, Defect.UNREADABLE_VALUE, Optional.of(Unit.KWH)),
                new BadValue(Instant.parse("2025-07-02T22:00:00Z"), Defect.UNREADABLE_VALUE, Optional.of(Unit.KWH)));
    }

    @Test
    @DisplayName("a daily electricity record without de ends at the next local midnight")
    void missingEndOfAnElectricityDay() {
        Measurements m = daily("""
                [{"d":"2025-11-21T23:00:00Z","v":[{"dc":2,"t":1,"v":8.412,"vs":2,"u":3}]}]""");

        assertThat(m.skipped()).isZero();
        assertThat(m.readings()).singleElement().satisfies(r -> {
            assertThat(r.start()).isEqualTo(Instant.parse("2025-11-21T23:00:00Z"));
            assertThat(r.end()).isEqualTo(Instant.parse("2025-11-22T23:00:00Z"));
            assertThat(r.value()).isEqualByComparingTo("8.412");
        });
    }

    @Test
    @DisplayName("without de, the spring DST day lasts 23 hours and the autumn one 25")
    void missingEndOnDstDays() {
        Measurements m = daily("""
                [{"d":"2025-03-29T23:00:00Z","v":[{"dc":2,"t":1,"v":5.0,"vs":2,"u":3}]},
                 {"d":"2025-10-25T22:00:00Z","v":[{"dc":2,"t":1,"v":6.0,"vs":2,"u":3}]}]""");

        assertThat(m.readings()).extracting(Reading::end)
                .containsExactly(Instant.parse("2025-03-30T22:00:00Z"), Instant.parse("2025-10-26T23:00:00Z"));
    }

    @Test
    @DisplayName("a daily gas record without de ends at the next gas day's 06:00, also across a DST change")
    void missingEndOfAGasDay() {
        Measurements m = WireFormat.history(new JsonArray("""
                [{"d":"2025-11-18T05:00:00Z","v":[{"dc":0,"t":1,"v":5.083,"u":5},{"dc":0,"t":1,"v":57.9398,"u":3}]},
                 {"d":"2025-03-29T05:00:00Z","v":[{"dc":0,"t":1,"v":4.2,"u":5}]},
                 {"d":"2025-10-25T04:00:00Z","v":[{"dc":0,"t":1,"v":3.9,"u":5}]}]"""),
                Optional.of(Granularity.DAILY), MeterKind.GAS, BRUSSELS);

        assertThat(m.readings()).extracting(Reading::end).containsExactly(
                Instant.parse("2025-11-19T05:00:00Z"), Instant.parse("2025-11-19T05:00:00Z"),
                Instant.parse("2025-03-30T04:00:00Z"), Instant.parse("2025-10-26T05:00:00Z"));
    }

    @Test
    @DisplayName("a quarter-hour record without de lasts 15 minutes, an hourly one an hour, also in the repeated autumn hour")
    void missingEndOfQuarterHoursAndHours() {
        String records = """
                [{"d":"2025-10-26T00:45:00Z","v":[{"dc":2,"t":1,"v":0.062,"vs":2,"u":3}]},
                 {"d":"2025-10-26T01:00:00Z","v":[{"dc":2,"t":1,"v":0.061,"vs":2,"u":3}]}]""";

        Measurements quarters = WireFormat.history(new JsonArray(records), Optional.of(Granularity.QUARTER_HOUR),
                MeterKind.ELECTRICITY, BRUSSELS);
        Measurements hours = WireFormat.history(new JsonArray(records), Optional.of(Granularity.HOURLY),
                MeterKind.GAS, BRUSSELS);

        assertThat(quarters.readings()).extracting(Reading::end)
                .containsExactly(Instant.parse("2025-10-26T01:00:00Z"), Instant.parse("2025-10-26T01:15:00Z"));
        assertThat(hours.readings()).extracting(Reading::end)
                .containsExactly(Instant.parse("2025-10-26T01:45:00Z"), Instant.parse("2025-10-26T02:00:00Z"));
    }

    @Test
    @DisplayName("asked for at an unknown granularity, a record without de cannot be placed: skipped and counted")
    void missingEndAtUnknownGranularity() {
        Measurements m = WireFormat.history(new JsonArray("""
                [{"d":"2025-11-21T23:00:00Z","v":[{"dc":2,"t":1,"v":8.412,"vs":2,"u":3},{"dc":1,"t":1,"v":1.0,"vs":2,"u":3}]}]"""),
                Optional.empty(), MeterKind.ELECTRICITY, BRUSSELS);

        assertThat(m.readings()).isEmpty();
        assertThat(m.skipped()).isEqualTo(2);
    }

    @Test
    @DisplayName("a monthly peak belongs to the local month of its quarter-hour")
    void spikesByLocalMonth() {
        var peaks = WireFormat.spikes(new JsonArray("""
                [{"d":"2024-01-01T00:00:00Z","de":"2024-01-31T23:00:00Z","v":[
                  {"v":5.432,"sst":"2024-01-14T11:00:00Z","set":"2024-01-14T11:15:00Z"}]},
                 {"d":"2024-01-31T23:00:00Z","de":"2024-02-29T23:00:00Z","v":[
                  {"v":3.1,"sst":"2024-01-31T23:15:00Z","set":"2024-01-31T23:30:00Z"}]}]"""), BRUSSELS);

        assertThat(peaks.peaks()).hasSize(2);
        assertThat(peaks.peaks().get(0).month()).isEqualTo(YearMonth.of(2024, 1));
        assertThat(peaks.peaks().get(0).kilowatts()).isEqualByComparingTo("5.432");
        assertThat(peaks.peaks().get(1).month()).isEqualTo(YearMonth.of(2024, 2));
    }

    @Test
    @DisplayName("history bounds are local time with offset and milliseconds")
    void boundsFormat() {
        HistoryQuery summer = new HistoryQuery(new be.meterkast.domain.MeterRef("541448820000000018", "S"),
                be.meterkast.domain.MeterKind.ELECTRICITY, java.time.LocalDate.of(2025, 6, 30),
                java.time.LocalDate.of(2025, 7, 6), BRUSSELS, Granularity.DAILY);

        assertThat(WireFormat.bound(summer.from(summer.firstDay()))).isEqualTo("2025-06-30T00:00:00.000+02:00");
        assertThat(WireFormat.bound(summer.until(summer.lastDay()))).isEqualTo("2025-07-06T23:59:59.999+02:00");
    }

    @Test
    @DisplayName("gas queries are aligned to gas days, 06:00 to 06:00 local")
    void gasBounds() {
        HistoryQuery gas = new HistoryQuery(new be.meterkast.domain.MeterRef("541448820000000018", "S"),
                be.meterkast.domain.MeterKind.GAS, java.time.LocalDate.of(2025, 11, 18),
                java.time.LocalDate.of(2025, 11, 18), BRUSSELS, Granularity.DAILY);

        assertThat(WireFormat.bound(gas.from(gas.firstDay()))).isEqualTo("2025-11-18T06:00:00.000+01:00");
        assertThat(WireFormat.bound(gas.until(gas.lastDay()))).isEqualTo("2025-11-19T05:59:59.999+01:00");
    }

    private static Measurements daily(String json) {
        return WireFormat.history(new JsonArray(json), Optional.of(Granularity.DAILY), MeterKind.ELECTRICITY, BRUSSELS);
    }
}
