package be.meterkast.csvimport;

import be.meterkast.domain.Direction;
import be.meterkast.domain.Tariff;
import be.meterkast.fluvius.sim.DayTotals;
import be.meterkast.fluvius.sim.GasDay;
import be.meterkast.fluvius.sim.GasHour;
import be.meterkast.fluvius.sim.MeterDataGenerator;
import be.meterkast.fluvius.sim.SimMeter;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Mijn Fluvius CSV files written from the simulator's generator, so a test knows the expected numbers without
 * the parser: every header variant of FLUVIUS.md, Dutch or English, quarter-hour, hourly gas and daily rows,
 * naive Brussels local times, decimal comma, the EAN as {@code ="…"}.
 */
public final class GeneratedFiles {
    static final ZoneId BRUSSELS = ZoneId.of("Europe/Brussels");

    public enum Variant {
        DUTCH_2019("Van Datum;Van Tijdstip;Tot Datum;Tot Tijdstip;EAN;Meter;Metertype;Register;Volume;Eenheid;Validatiestatus", false, false),
        DUTCH_2022("Van datum;Van tijdstip;Tot datum;Tot tijdstip;EAN-code;Meter;Metertype;Register;Volume;Eenheid;Validatiestatus;Omschrijving", false, true),
        DUTCH_2024("Van (datum);Van (tijdstip);Tot (datum);Tot (tijdstip);EAN-code;Meter;Metertype;Register;Volume;Eenheid;Validatiestatus;Omschrijving", false, true),
        ENGLISH("From (date);From (time);Until (date);Until (time);EAN code;Meter;Meter type;Register;Volume;Unit;Validation status;Description", true, true);

        final String header;
        final boolean english;
        final boolean description;

        Variant(String header, boolean english, boolean description) {
            this.header = header;
            this.english = english;
            this.description = description;
        }
    }

    /** One row, before it is written: naive local times come from the instants. */
    public record Row(Instant start, Instant end, String register, BigDecimal volume, String unit, String status, String calorific) {
    }

    private GeneratedFiles() {
    }

    /** The quarter-hours of {@code day}: the offtake and injection row of the register each quarter-hour counts on. */
    public static List<Row> quarterHours(SimMeter meter, LocalDate day, Variant variant) {
        List<Row> rows = new ArrayList<>();
        for (Instant start : MeterDataGenerator.quarterHours(day)) {
            Tariff tariff = MeterDataGenerator.tariffAt(start);
            for (Direction direction : Direction.values()) {
                long wh = MeterDataGenerator.quarterHourWh(meter, start, direction, false);
                rows.add(new Row(start, start.plusSeconds(900), register(tariff, direction, variant),
                        BigDecimal.valueOf(wh, 3), "kWh", validated(variant), ""));
            }
        }
        return rows;
    }

    /** The daily rows of {@code day}: all four registers, a register that did not occur as "Geen verbruik" without a volume. */
    public static List<Row> daily(SimMeter meter, LocalDate day, Variant variant) {
        DayTotals totals = MeterDataGenerator.dailyTotals(meter, day, false);
        Instant start = MeterDataGenerator.dayStart(day);
        Instant end = MeterDataGenerator.dayStart(day.plusDays(1));
        List<Row> rows = new ArrayList<>();
        rows.add(dayRow(start, end, register(Tariff.DAY, Direction.OFFTAKE, variant), totals.offtakeDay(), variant));
        rows.add(dayRow(start, end, register(Tariff.NIGHT, Direction.OFFTAKE, variant), totals.offtakeNight(), variant));
        rows.add(dayRow(start, end, register(Tariff.DAY, Direction.INJECTION, variant), totals.injectionDay(), variant));
        rows.add(dayRow(start, end, register(Tariff.NIGHT, Direction.INJECTION, variant), totals.injectionNight(), variant));
        return rows;
    }

    private static Row dayRow(Instant start, Instant end, String register, BigDecimal value, Variant variant) {
        return value.signum() == 0
                ? new Row(start, end, register, null, "kWh", variant.english ? "No consumption" : "Geen verbruik", "")
                : new Row(start, end, register, value, "kWh", validated(variant), "");
    }

    /** The hours of a gas day: an m³ row and a kWh row of the same gas per hour, the kWh one "Definitief". */
    public static List<Row> gasHours(SimMeter meter, LocalDate gasDay, Variant variant) {
        List<Row> rows = new ArrayList<>();
        for (GasHour hour : MeterDataGenerator.gasHours(meter, gasDay, false)) {
            String offtake = variant.english ? "Offtake" : "Afname";
            rows.add(new Row(hour.start(), hour.end(), offtake, hour.m3(), "m³", validated(variant), ""));
            rows.add(new Row(hour.start(), hour.end(), offtake, hour.kwh(), "kWh", validated(variant),
                    variant.english ? "Definitive" : "Definitief"));
        }
        return rows;
    }

    public static GasDay gasDay(SimMeter meter, LocalDate gasDay) {
        return MeterDataGenerator.gasDay(meter, gasDay, false);
    }

    /**
     * The file: header, then the rows in the order given. {@code sideBySide} puts the rows of the autumn
     * night's repeated local times next to each other (02:00 summer, 02:00 winter, 02:15 …) instead of in
     * time order (two blocks), as a published sample does.
     */
    public static String file(SimMeter meter, List<Row> rows, Variant variant, boolean bom, boolean sideBySide) {
        boolean gas = rows.stream().anyMatch(r -> r.unit().equals("m³"));
        String header = variant.header + (gas ? (variant.english ? ";Caloric upper value" : ";Calorische Bovenwaarde") : "");
        List<Row> ordered = new ArrayList<>(rows);
        if (sideBySide) {
            // stable: rows of one local time keep their summer-before-winter order
            ordered.sort(Comparator.comparing(r -> local(r.start())));
        }
        StringBuilder file = new StringBuilder(bom ? "\uFEFF" : "").append(header).append("\r\n");
        DateTimeFormatter date = DateTimeFormatter.ofPattern(variant.english ? "dd/MM/yyyy" : "dd-MM-yyyy");
        DateTimeFormatter time = DateTimeFormatter.ofPattern("HH:mm:ss");
        for (Row row : ordered) {
            LocalDateTime from = local(row.start());
            LocalDateTime until = local(row.end());
            file.append(date.format(from)).append(';').append(time.format(from)).append(';')
                    .append(date.format(until)).append(';').append(time.format(until)).append(';')
                    .append("=\"").append(meter.ean()).append("\";")
                    .append(meter.serial()).append(';')
                    .append(gas ? "Gas" : (variant.english ? "Electricity" : "Elektriciteit")).append(';')
                    .append(row.register()).append(';')
                    .append(row.volume() == null ? "" : row.volume().toPlainString().replace('.', ',')).append(';')
                    .append(row.unit()).append(';')
                    .append(row.status());
            if (variant.description) {
                file.append(';');
            }
            if (gas) {
                file.append(';').append(row.calorific());
            }
            file.append("\r\n");
        }
        return file.toString();
    }

    public static LocalDateTime local(Instant instant) {
        return LocalDateTime.ofInstant(instant, BRUSSELS);
    }

    private static String register(Tariff tariff, Direction direction, Variant variant) {
        String what = direction == Direction.OFFTAKE ? (variant.english ? "Offtake" : "Afname")
                : (variant.english ? "Injection" : "Injectie");
        String when = tariff == Tariff.DAY ? (variant.english ? "Day" : "Dag") : (variant.english ? "Night" : "Nacht");
        return what + " " + when;
    }

    private static String validated(Variant variant) {
        return variant.english ? "Validated" : "Gevalideerd";
    }
}
