package be.meterkast.csvimport;

import be.meterkast.csvimport.CsvSummary.Interval;
import be.meterkast.csvimport.GeneratedFiles.Row;
import be.meterkast.csvimport.GeneratedFiles.Variant;
import be.meterkast.domain.Direction;
import be.meterkast.domain.MeterKind;
import be.meterkast.domain.Reading;
import be.meterkast.domain.Tariff;
import be.meterkast.domain.Unit;
import be.meterkast.fluvius.sim.GasDay;
import be.meterkast.fluvius.sim.GasHour;
import be.meterkast.fluvius.sim.MeterDataGenerator;
import be.meterkast.fluvius.sim.SimAccounts;
import be.meterkast.fluvius.sim.SimMeter;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("Reading Mijn Fluvius CSV downloads")
class VerbruikshistoriekParserTest {
    private static final SimMeter SOLAR = SimAccounts.DEMO_SOLAR;
    private static final SimMeter GAS = SimAccounts.DEMO_GAS;
    /** A winter weekday: both registers occur. */
    private static final LocalDate TUESDAY = LocalDate.of(2025, 11, 18);
    private static final LocalDate AUTUMN_NIGHT = LocalDate.of(2025, 10, 26);
    private static final LocalDate SPRING_NIGHT = LocalDate.of(2025, 3, 30);

    /** The parsed file: readings and summary. */
    private record Parsed(List<CsvReading> readings, CsvSummary summary) {
        List<Reading> values() {
            return readings.stream().map(CsvReading::reading).toList();
        }
    }

    private static Parsed parse(String file) {
        List<CsvReading> readings = new ArrayList<>();
        VerbruikshistoriekParser parser = new VerbruikshistoriekParser(readings::add);
        file.lines().forEach(parser::line);
        return new Parsed(readings, parser.finish());
    }

    @ParameterizedTest
    @EnumSource(Variant.class)
    @DisplayName("every header variant, Dutch and English: a quarter-hour day reads as the generator's values to the Wh")
    void headerVariants(Variant variant) {
        Parsed parsed = parse(GeneratedFiles.file(SOLAR, GeneratedFiles.quarterHours(SOLAR, TUESDAY, variant), variant, false, false));

        assertThat(parsed.summary().problems()).isEmpty();
        assertThat(parsed.summary().unreadable()).isEmpty();
        assertThat(parsed.readings()).hasSize(96 * 2);
        for (Reading r : parsed.values()) {
            assertThat(r.end()).isEqualTo(r.start().plus(Duration.ofMinutes(15)));
            assertThat(r.tariff()).isEqualTo(MeterDataGenerator.tariffAt(r.start()));
            assertThat(r.unit()).isEqualTo(Unit.KWH);
            assertThat(r.estimated()).isFalse();
            assertThat(r.value()).isEqualByComparingTo(
                    BigDecimal.valueOf(MeterDataGenerator.quarterHourWh(SOLAR, r.start(), r.direction(), false), 3));
        }
        assertThat(parsed.values().stream().map(Reading::start).distinct()).containsExactlyElementsOf(
                MeterDataGenerator.quarterHours(TUESDAY));
        assertThat(parsed.summary().eans()).containsExactly(SOLAR.ean());
        assertThat(parsed.summary().serials()).containsExactly(SOLAR.serial());
        assertThat(parsed.summary().kind()).contains(MeterKind.ELECTRICITY);
        assertThat(parsed.summary().intervals()).containsExactly(Interval.QUARTER_HOUR);
        assertThat(parsed.summary().firstDay()).contains(TUESDAY);
        assertThat(parsed.summary().lastDay()).contains(TUESDAY);
    }

    @Test
    @DisplayName("a byte-order mark before the header changes nothing")
    void byteOrderMark() {
        List<Row> rows = GeneratedFiles.quarterHours(SOLAR, TUESDAY, Variant.DUTCH_2024);
        Parsed without = parse(GeneratedFiles.file(SOLAR, rows, Variant.DUTCH_2024, false, false));
        Parsed with = parse(GeneratedFiles.file(SOLAR, rows, Variant.DUTCH_2024, true, false));

        assertThat(with.summary().unreadable()).isEmpty();
        assertThat(with.values()).isEqualTo(without.values()).hasSize(192);
    }

    @Test
    @DisplayName("the autumn DST night in time order (two blocks of 02:00–02:45): 100 quarter-hours, each local time once in summer and once in winter time")
    void autumnNightInTwoBlocks() {
        assertAutumnNight(false);
    }

    @Test
    @DisplayName("the autumn DST night with the repeated local times side by side: the same 100 quarter-hours")
    void autumnNightSideBySide() {
        assertAutumnNight(true);
    }

    private void assertAutumnNight(boolean sideBySide) {
        Parsed parsed = parse(GeneratedFiles.file(SOLAR, GeneratedFiles.quarterHours(SOLAR, AUTUMN_NIGHT, Variant.DUTCH_2024),
                Variant.DUTCH_2024, false, sideBySide));

        assertThat(parsed.summary().problems()).isEmpty();
        List<Instant> starts = parsed.values().stream().map(Reading::start).distinct().sorted().toList();
        assertThat(starts).hasSize(100).isEqualTo(MeterDataGenerator.quarterHours(AUTUMN_NIGHT));
        assertThat(parsed.values()).allSatisfy(r -> {
            assertThat(Duration.between(r.start(), r.end())).isEqualTo(Duration.ofMinutes(15));
            assertThat(r.value()).isEqualByComparingTo(
                    BigDecimal.valueOf(MeterDataGenerator.quarterHourWh(SOLAR, r.start(), r.direction(), false), 3));
        });
        // the summer 02:45 row "ends at 02:00": at 02:00 winter time, 01:00 UTC
        assertThat(parsed.values()).anySatisfy(r -> {
            assertThat(r.start()).isEqualTo(Instant.parse("2025-10-26T00:45:00Z"));
            assertThat(r.end()).isEqualTo(Instant.parse("2025-10-26T01:00:00Z"));
        });
        assertThat(parsed.summary().firstDay()).contains(AUTUMN_NIGHT);
        assertThat(parsed.summary().lastDay()).contains(AUTUMN_NIGHT);
    }

    @Test
    @DisplayName("the spring DST night has 92 quarter-hours; a row at a local time it skips is reported, not guessed")
    void springNight() {
        List<Row> rows = GeneratedFiles.quarterHours(SOLAR, SPRING_NIGHT, Variant.DUTCH_2024);
        String file = GeneratedFiles.file(SOLAR, rows, Variant.DUTCH_2024, false, false);
        Parsed parsed = parse(file);
        assertThat(parsed.summary().problems()).isEmpty();
        assertThat(parsed.values().stream().map(Reading::start).distinct()).hasSize(92);

        Parsed skipped = parse(file + "30-03-2025;02:15:00;30-03-2025;02:30:00;=\"" + SOLAR.ean() + "\";" + SOLAR.serial()
                + ";Elektriciteit;Afname Nacht;0,100;kWh;Gevalideerd;\r\n");
        assertThat(skipped.summary().problems()).singleElement().satisfies(p -> {
            assertThat(p.line()).isEqualTo(186);
            assertThat(p.reason()).contains("line 186").contains("2025-03-30T02:15").contains("skips");
        });
        assertThat(skipped.readings()).hasSize(184);
    }

    @Test
    @DisplayName("a third row for a repeated local time of the autumn night is reported")
    void thirdOccurrence() {
        String row = "26-10-2025;02:00:00;26-10-2025;02:15:00;=\"" + SOLAR.ean() + "\";" + SOLAR.serial()
                + ";Elektriciteit;Afname Nacht;0,100;kWh;Gevalideerd;\r\n";
        Parsed parsed = parse(Variant.DUTCH_2024.header + "\r\n" + row + row + row);

        assertThat(parsed.readings()).extracting(r -> r.reading().start())
                .containsExactly(Instant.parse("2025-10-26T00:00:00Z"), Instant.parse("2025-10-26T01:00:00Z"));
        assertThat(parsed.summary().problems()).singleElement()
                .satisfies(p -> assertThat(p.reason()).contains("line 4").contains("third"));
    }

    @ParameterizedTest
    @EnumSource(value = Variant.class, names = {"DUTCH_2019", "ENGLISH"})
    @DisplayName("daily rows: four registers, \"Geen verbruik\" with an empty volume is a zero, not a gap")
    void dailyRows(Variant variant) {
        LocalDate saturday = LocalDate.of(2025, 11, 22);
        List<Row> rows = new ArrayList<>(GeneratedFiles.daily(SOLAR, TUESDAY, variant));
        rows.addAll(GeneratedFiles.daily(SOLAR, saturday, variant));
        Parsed parsed = parse(GeneratedFiles.file(SOLAR, rows, variant, false, false));

        assertThat(parsed.summary().problems()).isEmpty();
        assertThat(parsed.readings()).hasSize(8);
        assertThat(parsed.summary().intervals()).containsExactly(Interval.DAY);
        Map<LocalDate, List<Reading>> byDay = parsed.values().stream()
                .collect(Collectors.groupingBy(r -> GeneratedFiles.local(r.start()).toLocalDate()));
        var saturdayTotals = MeterDataGenerator.dailyTotals(SOLAR, saturday, false);
        assertThat(value(byDay.get(saturday), Tariff.DAY, Direction.OFFTAKE)).isEqualByComparingTo(BigDecimal.ZERO);
        assertThat(value(byDay.get(saturday), Tariff.NIGHT, Direction.OFFTAKE)).isEqualByComparingTo(saturdayTotals.offtakeNight());
        var tuesdayTotals = MeterDataGenerator.dailyTotals(SOLAR, TUESDAY, false);
        assertThat(value(byDay.get(TUESDAY), Tariff.DAY, Direction.OFFTAKE)).isEqualByComparingTo(tuesdayTotals.offtakeDay());
        assertThat(value(byDay.get(TUESDAY), Tariff.DAY, Direction.INJECTION)).isEqualByComparingTo(tuesdayTotals.injectionDay());
        assertThat(byDay.get(TUESDAY)).allSatisfy(r -> {
            assertThat(r.start()).isEqualTo(MeterDataGenerator.dayStart(TUESDAY));
            assertThat(r.end()).isEqualTo(MeterDataGenerator.dayStart(TUESDAY.plusDays(1)));
        });
        assertThat(parsed.summary().firstDay()).contains(TUESDAY);
        assertThat(parsed.summary().lastDay()).contains(saturday);
    }

    @ParameterizedTest
    @EnumSource(value = Variant.class, names = {"DUTCH_2022", "ENGLISH"})
    @DisplayName("hourly gas: an m³ row and a kWh row per hour, both kept with their unit, never added; gas days run 06:00–06:00")
    void gasHours(Variant variant) {
        LocalDate gasDay = LocalDate.of(2025, 11, 18);
        Parsed parsed = parse(GeneratedFiles.file(GAS, GeneratedFiles.gasHours(GAS, gasDay, variant), variant, false, false));

        assertThat(parsed.summary().problems()).isEmpty();
        assertThat(parsed.summary().kind()).contains(MeterKind.GAS);
        assertThat(parsed.summary().intervals()).containsExactly(Interval.HOUR);
        List<GasHour> hours = MeterDataGenerator.gasHours(GAS, gasDay, false);
        assertThat(parsed.readings()).hasSize(hours.size() * 2);
        for (GasHour hour : hours) {
            List<Reading> of = parsed.values().stream().filter(r -> r.start().equals(hour.start())).toList();
            assertThat(of).extracting(Reading::unit).containsExactlyInAnyOrder(Unit.M3, Unit.KWH);
            assertThat(of).allSatisfy(r -> {
                assertThat(r.tariff()).isEqualTo(Tariff.SINGLE);
                assertThat(r.direction()).isEqualTo(Direction.OFFTAKE);
                assertThat(r.value()).isEqualByComparingTo(r.unit() == Unit.M3 ? hour.m3() : hour.kwh());
            });
        }
        GasDay day = GeneratedFiles.gasDay(GAS, gasDay);
        BigDecimal m3 = parsed.values().stream().filter(r -> r.unit() == Unit.M3).map(Reading::value)
                .reduce(BigDecimal.ZERO, BigDecimal::add);
        assertThat(m3).isEqualByComparingTo(day.m3());
        assertThat(parsed.summary().firstDay()).contains(gasDay);
        assertThat(parsed.summary().lastDay()).contains(gasDay);
    }

    @Test
    @DisplayName("\"Geschat\" values and gas kWh on a provisional calorific value are marked estimated")
    void estimated() {
        String ean = GAS.ean();
        String file = "Van datum;Van tijdstip;Tot datum;Tot tijdstip;EAN-code;Meter;Metertype;Register;Volume;Eenheid;Validatiestatus;Calorische Bovenwaarde\n"
                + "18-11-2025;06:00:00;18-11-2025;07:00:00;=\"" + ean + "\";M;Gas;Afname;0,210;m³;Geschat;\n"
                + "18-11-2025;06:00:00;18-11-2025;07:00:00;=\"" + ean + "\";M;Gas;Afname;2,394;kWh;Gevalideerd;Voorlopig\n"
                + "18-11-2025;07:00:00;18-11-2025;08:00:00;=\"" + ean + "\";M;Gas;Afname;0,150;m3;Uitgelezen;\n";
        Parsed parsed = parse(file);

        assertThat(parsed.values()).extracting(Reading::estimated).containsExactly(true, true, false);
        assertThat(parsed.values().get(2).unit()).isEqualTo(Unit.M3);
    }

    @Test
    @DisplayName("rows it cannot read are reported with their line number and reason; the others are read")
    void badRows() {
        String ok = "18-11-2025;00:00:00;18-11-2025;00:15:00;=\"" + SOLAR.ean() + "\";S;Elektriciteit;Afname Nacht;0,062;kWh;Gevalideerd";
        String file = String.join("\n",
                "Van Datum;Van Tijdstip;Tot Datum;Tot Tijdstip;EAN;Meter;Metertype;Register;Volume;Eenheid;Validatiestatus",
                ok,
                ok.replace("0,062", "abc"),
                ok.replace("0,062", ""),
                ok.replace("18-11-2025;00:00:00", "31-02-2025;00:00:00"),
                ok.replace("00:15:00", "00:15:00x"),
                ok.replace("Afname Nacht", "Verbruik"),
                ok.replace("kWh;", "MWh;"),
                ok.replace("Gevalideerd", "Misschien"),
                ok.replace("=\"" + SOLAR.ean() + "\"", "=\"5414\""),
                ok.replace(";00:15:00", ";00:00:00"),
                "",
                ok.substring(0, 40));
        Parsed parsed = parse(file);

        assertThat(parsed.readings()).hasSize(1);
        assertThat(parsed.summary().problemCount()).isEqualTo(10);
        assertThat(parsed.summary().problems()).extracting(CsvProblem::line)
                .containsExactly(3, 4, 5, 6, 7, 8, 9, 10, 11, 13);
        assertThat(parsed.summary().problems()).extracting(CsvProblem::reason).satisfiesExactly(
                r -> assertThat(r).isEqualTo("line 3 volume 'abc' is not a number"),
                r -> assertThat(r).isEqualTo("line 4 has no volume"),
                r -> assertThat(r).contains("start date '31-02-2025'"),
                r -> assertThat(r).contains("end time '00:15:00x'"),
                r -> assertThat(r).contains("register 'Verbruik'"),
                r -> assertThat(r).contains("unit 'MWh'"),
                r -> assertThat(r).contains("validation status 'Misschien'"),
                r -> assertThat(r).contains("EAN '5414' is not 18 digits"),
                r -> assertThat(r).contains("not after it starts"),
                r -> assertThat(r).contains("line 13").contains("cut-off"));
    }

    @Test
    @DisplayName("a volume with a thousands point and a decimal comma reads as one number")
    void thousands() {
        String file = "Van Datum;Van Tijdstip;Tot Datum;Tot Tijdstip;EAN;Meter;Metertype;Register;Volume;Eenheid;Validatiestatus\n"
                + "01-01-2025;00:00:00;02-01-2025;00:00:00;=\"" + GAS.ean() + "\";M;Gas;Afname;1.234,5678;kWh;Gevalideerd\n";

        assertThat(parse(file).values()).singleElement()
                .satisfies(r -> assertThat(r.value()).isEqualByComparingTo("1234.5678"));
    }

    @Test
    @DisplayName("a file that is not a Verbruikshistoriek download, an empty one and one without rows are unreadable as a whole")
    void unreadableFiles() {
        assertThat(parse("Datum;Stand\n01-01-2025;123\n").summary().unreadable()).hasValueSatisfying(reason -> assertThat(reason)
                .contains("not a Mijn Fluvius consumption history").contains("'van datum'").contains("'register'"));
        assertThat(parse("").summary().unreadable()).contains("the file is empty");
        assertThat(parse(Variant.ENGLISH.header + "\n").summary().unreadable()).contains("the file has a header but no rows");
    }

    @Test
    @DisplayName("a file that mixes electricity and gas rows is unreadable as a whole")
    void mixedKinds() {
        String file = "Van Datum;Van Tijdstip;Tot Datum;Tot Tijdstip;EAN;Meter;Metertype;Register;Volume;Eenheid;Validatiestatus\n"
                + "01-01-2025;00:00:00;02-01-2025;00:00:00;=\"" + GAS.ean() + "\";M;Gas;Afname;1,5;m³;Gevalideerd\n"
                + "01-01-2025;00:00:00;02-01-2025;00:00:00;=\"" + SOLAR.ean() + "\";M;Elektriciteit;Afname Dag;1,5;kWh;Gevalideerd\n";

        CsvSummary summary = parse(file).summary();
        assertThat(summary.unreadable()).contains("the file mixes electricity and gas rows");
        assertThat(summary.eans()).containsExactlyInAnyOrder(GAS.ean(), SOLAR.ean());
    }

    private static BigDecimal value(List<Reading> readings, Tariff tariff, Direction direction) {
        return readings.stream().filter(r -> r.tariff() == tariff && r.direction() == direction)
                .map(Reading::value).findFirst().orElseThrow();
    }
}
