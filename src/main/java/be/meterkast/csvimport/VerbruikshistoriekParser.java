package be.meterkast.csvimport;

import be.meterkast.csvimport.CsvHeader.Column;
import be.meterkast.csvimport.CsvSummary.Interval;
import be.meterkast.domain.Direction;
import be.meterkast.domain.MeterKind;
import be.meterkast.domain.Reading;
import be.meterkast.domain.Tariff;
import be.meterkast.domain.Unit;
import be.meterkast.domain.time.LocalDays;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.time.zone.ZoneRules;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Reads a Mijn Fluvius "Verbruikshistoriek" CSV file line by line and hands each value on as a domain
 * {@link Reading} as soon as its line is read, so memory does not grow with the file. Not thread-safe: one
 * parser per file, lines in file order.
 *
 * <p>Rules that are easy to get wrong (FLUVIUS.md has the format):
 * <ul>
 *   <li>Times are naive Brussels local times. On the autumn DST night each local time from 02:00 to 02:45
 *       occurs twice: the first row of a register at such a time is summer time (+02:00), the second winter
 *       time (+01:00), whether the file puts the pairs side by side or in two blocks. A row's end is the
 *       first instant of its local end time after its start, so the summer 02:45 row that "ends" at 02:00
 *       ends at 02:00 winter time. A time the spring night skips is an error.</li>
 *   <li>"Geen verbruik" with an empty volume is a zero, not a gap; an empty volume otherwise is an error.</li>
 *   <li>Gas comes as an m³ row and a kWh row of the same gas: both are handed on with their unit, never added.</li>
 *   <li>A row that cannot be read is reported with its line number and the reason, never guessed.</li>
 * </ul>
 */
public final class VerbruikshistoriekParser {
    /** Problems kept for the report; the count goes on. */
    public static final int KEPT_PROBLEMS = 100;

    private static final ZoneRules BRUSSELS = LocalDays.BRUSSELS.getRules();
    private static final List<DateTimeFormatter> DATES = List.of(
            DateTimeFormatter.ofPattern("d-M-uuuu").withResolverStyle(ResolverStyle.STRICT),
            DateTimeFormatter.ofPattern("d/M/uuuu").withResolverStyle(ResolverStyle.STRICT),
            DateTimeFormatter.ofPattern("uuuu-M-d").withResolverStyle(ResolverStyle.STRICT));
    private static final List<DateTimeFormatter> TIMES = List.of(
            DateTimeFormatter.ofPattern("H:mm:ss").withResolverStyle(ResolverStyle.STRICT),
            DateTimeFormatter.ofPattern("H:mm").withResolverStyle(ResolverStyle.STRICT));
    private static final Set<String> ESTIMATED = Set.of("geschat", "estimated");
    private static final Set<String> MEASURED = Set.of("gevalideerd", "validated", "uitgelezen", "read");
    private static final Set<String> NO_CONSUMPTION = Set.of("geen verbruik", "no consumption");
    private static final Set<String> PROVISIONAL = Set.of("voorlopig", "provisional");

    private record Register(Tariff tariff, Direction direction) {
    }

    private static final Map<String, Register> REGISTERS = Map.of(
            "afname dag", new Register(Tariff.DAY, Direction.OFFTAKE),
            "afname nacht", new Register(Tariff.NIGHT, Direction.OFFTAKE),
            "injectie dag", new Register(Tariff.DAY, Direction.INJECTION),
            "injectie nacht", new Register(Tariff.NIGHT, Direction.INJECTION),
            "offtake day", new Register(Tariff.DAY, Direction.OFFTAKE),
            "offtake night", new Register(Tariff.NIGHT, Direction.OFFTAKE),
            "injection day", new Register(Tariff.DAY, Direction.INJECTION),
            "injection night", new Register(Tariff.NIGHT, Direction.INJECTION),
            "afname", new Register(Tariff.SINGLE, Direction.OFFTAKE),
            "offtake", new Register(Tariff.SINGLE, Direction.OFFTAKE));
    private static final Map<String, Register> SINGLE_INJECTION = Map.of(
            "injectie", new Register(Tariff.SINGLE, Direction.INJECTION),
            "injection", new Register(Tariff.SINGLE, Direction.INJECTION));

    /** A register's value at an ambiguous local time: how often it was met decides the offset. */
    private record Occurrence(String ean, LocalDateTime start, Register register, Unit unit) {
    }

    private final Consumer<CsvReading> readings;
    private CsvHeader header;
    private int lineNumber;
    private long read;
    private int problemCount;
    private final List<CsvProblem> problems = new ArrayList<>();
    private Reason unreadable;
    private final Map<Occurrence, Integer> ambiguous = new HashMap<>();
    private final Set<String> eans = new LinkedHashSet<>();
    private final Set<String> serials = new LinkedHashSet<>();
    private final Set<MeterKind> kinds = EnumSet.noneOf(MeterKind.class);
    private final Set<Interval> intervals = EnumSet.noneOf(Interval.class);
    private Instant earliest;
    private Instant latest;

    /** {@code readings} receives each value as its line is read. */
    public VerbruikshistoriekParser(Consumer<CsvReading> readings) {
        this.readings = readings;
    }

    /** The next line of the file, without its line terminator. */
    public void line(String text) {
        lineNumber++;
        if (unreadable != null) {
            return;
        }
        String line = lineNumber == 1 && text.startsWith("\uFEFF") ? text.substring(1) : text;
        if (line.replace(";", "").isBlank()) {
            return;
        }
        List<String> cells;
        try {
            cells = CsvCells.split(line);
        } catch (IllegalArgumentException e) {
            problem(Reason.of("row.unclosed_quote", e.getMessage()));
            return;
        }
        if (header == null) {
            try {
                header = CsvHeader.parse(cells);
            } catch (CsvHeader.NotVerbruikshistoriek e) {
                unreadable = e.reason;
            }
            return;
        }
        try {
            row(cells);
        } catch (RowProblem e) {
            problem(e.reason);
        }
    }

    /** What the file held; call once, after its last line. */
    public CsvSummary finish() {
        Optional<Reason> whole = Optional.ofNullable(unreadable);
        if (whole.isEmpty() && header == null) {
            whole = Optional.of(Reason.of("file.empty", "the file is empty"));
        } else if (whole.isEmpty() && read == 0 && problemCount == 0) {
            whole = Optional.of(Reason.of("file.header_only", "the file has a header but no rows"));
        }
        Optional<MeterKind> kind = kinds.size() == 1 ? Optional.of(kinds.iterator().next()) : Optional.empty();
        // gas days run 06:00 to 06:00, so a gas file's last row, ending at 06:00, ends the day before
        LocalTime dayStart = LocalDays.dayStart(kind.orElse(MeterKind.ELECTRICITY));
        if (kinds.size() > 1) {
            whole = whole.or(() -> Optional.of(Reason.of("file.mixed_kinds", "the file mixes electricity and gas rows")));
        }
        return new CsvSummary(read, List.copyOf(problems), problemCount, whole, Set.copyOf(eans), Set.copyOf(serials),
                kind, intervals.isEmpty() ? Set.of() : EnumSet.copyOf(intervals),
                Optional.ofNullable(earliest).map(start -> LocalDays.dayOf(start, LocalDays.BRUSSELS, dayStart)),
                Optional.ofNullable(latest).map(end -> LocalDays.dayOf(end.minusNanos(1), LocalDays.BRUSSELS, dayStart)));
    }

    private void row(List<String> cells) {
        if (cells.size() < header.width()) {
            throw new RowProblem(Reason.of("row.columns", "has " + cells.size() + " of the header's " + header.width()
                    + " columns (a cut-off line?)", cells.size(), header.width()));
        }
        String ean = header.cell(cells, Column.EAN).replace(" ", "");
        if (!ean.matches("[0-9]{18}")) {
            throw new RowProblem(Reason.of("row.ean", "EAN '" + header.cell(cells, Column.EAN) + "' is not 18 digits",
                    header.cell(cells, Column.EAN)));
        }
        Register register = register(header.cell(cells, Column.REGISTER));
        Unit unit = Unit.parse(header.cell(cells, Column.UNIT).replace("^", ""))
                .orElseThrow(() -> new RowProblem(Reason.of("row.unit",
                        "unit '" + header.cell(cells, Column.UNIT) + "' is neither kWh nor m³", header.cell(cells, Column.UNIT))));
        String status = CsvHeader.normalize(header.cell(cells, Column.VALIDATION));
        boolean noConsumption = NO_CONSUMPTION.contains(status);
        if (!noConsumption && !ESTIMATED.contains(status) && !MEASURED.contains(status)) {
            throw new RowProblem(Reason.of("row.validation", "validation status '" + header.cell(cells, Column.VALIDATION)
                    + "' is unknown", header.cell(cells, Column.VALIDATION)));
        }
        boolean provisional = unit == Unit.KWH && header.optional(cells, Column.CALORIFIC_VALUE)
                .map(CsvHeader::normalize).filter(PROVISIONAL::contains).isPresent();
        BigDecimal volume = volume(header.cell(cells, Column.VOLUME), noConsumption);
        LocalDateTime localStart = dateTime(cells, Column.FROM_DATE, Column.FROM_TIME, "start");
        LocalDateTime localEnd = dateTime(cells, Column.UNTIL_DATE, Column.UNTIL_TIME, "end");
        Instant start = start(new Occurrence(ean, localStart, register, unit));
        Instant end = end(localEnd, start);

        Reading reading = new Reading(start, end, register.tariff(), register.direction(), unit, volume,
                ESTIMATED.contains(status) || provisional);
        String serial = header.optional(cells, Column.METER).orElse("");
        kind(header.optional(cells, Column.METER_TYPE).orElse(""), register, unit);
        eans.add(ean);
        if (!serial.isEmpty()) {
            serials.add(serial);
        }
        intervals.add(interval(Duration.between(start, end)));
        earliest = earliest == null || start.isBefore(earliest) ? start : earliest;
        latest = latest == null || end.isAfter(latest) ? end : latest;
        read++;
        readings.accept(new CsvReading(lineNumber, ean, serial, reading));
    }

    private static Register register(String text) {
        String name = CsvHeader.normalize(text);
        Register register = REGISTERS.getOrDefault(name, SINGLE_INJECTION.get(name));
        if (register == null) {
            throw new RowProblem(Reason.of("row.register", "register '" + text + "' is not one of Afname Dag, Afname Nacht,"
                    + " Injectie Dag, Injectie Nacht, Afname (or their English names)", text));
        }
        return register;
    }

    private static BigDecimal volume(String text, boolean noConsumption) {
        String t = text.replace(" ", "").replace("\u00a0", "");
        if (t.isEmpty()) {
            if (noConsumption) {
                return BigDecimal.ZERO;
            }
            throw new RowProblem(Reason.of("row.no_volume", "has no volume"));
        }
        // decimal comma; a point as well means the point groups thousands ("1.234,5")
        String number = t.contains(",") ? t.replace(".", "").replace(',', '.') : t;
        try {
            BigDecimal value = new BigDecimal(number);
            if (value.signum() < 0) {
                throw new RowProblem(Reason.of("row.negative", "volume '" + text + "' is negative", text));
            }
            return value;
        } catch (NumberFormatException e) {
            throw new RowProblem(Reason.of("row.not_a_number", "volume '" + text + "' is not a number", text));
        }
    }

    private LocalDateTime dateTime(List<String> cells, Column dateColumn, Column timeColumn, String what) {
        String dateText = header.cell(cells, dateColumn);
        String timeText = header.cell(cells, timeColumn);
        LocalDate date = null;
        for (DateTimeFormatter format : DATES) {
            try {
                date = LocalDate.parse(dateText, format);
                break;
            } catch (DateTimeParseException e) {
                // the next form
            }
        }
        if (date == null) {
            throw new RowProblem(Reason.of("row." + what + "_date", what + " date '" + dateText
                    + "' is not a date like 31-12-2025", dateText));
        }
        for (DateTimeFormatter format : TIMES) {
            try {
                return date.atTime(LocalTime.parse(timeText, format));
            } catch (DateTimeParseException e) {
                // the next form
            }
        }
        throw new RowProblem(Reason.of("row." + what + "_time", what + " time '" + timeText
                + "' is not a time like 00:15:00", timeText));
    }

    /** The start instant; at an ambiguous local time the first row of its register is summer time. */
    private Instant start(Occurrence occurrence) {
        List<ZoneOffset> offsets = BRUSSELS.getValidOffsets(occurrence.start());
        if (offsets.isEmpty()) {
            throw new RowProblem(Reason.of("row.start_skipped", "starts at " + occurrence.start()
                    + ", a local time the spring DST night skips", occurrence.start()));
        }
        if (offsets.size() == 1) {
            return occurrence.start().toInstant(offsets.get(0));
        }
        int seen = ambiguous.merge(occurrence, 1, Integer::sum);
        if (seen > 2) {
            throw new RowProblem(Reason.of("row.third_occurrence", "is the " + ordinal(seen) + " row for "
                    + occurrence.start() + " " + occurrence.register().tariff() + " " + occurrence.register().direction()
                    + "; the DST night has that local time only twice", seen, occurrence.start()));
        }
        // getValidOffsets lists the offset before the transition (summer time) first
        return occurrence.start().toInstant(offsets.get(seen - 1));
    }

    /** The first instant of the local end time that lies after the start. */
    private static Instant end(LocalDateTime localEnd, Instant start) {
        for (ZoneOffset offset : BRUSSELS.getValidOffsets(localEnd)) {
            Instant end = localEnd.toInstant(offset);
            if (end.isAfter(start)) {
                return end;
            }
        }
        if (BRUSSELS.getValidOffsets(localEnd).isEmpty()) {
            throw new RowProblem(Reason.of("row.end_skipped", "ends at " + localEnd
                    + ", a local time the spring DST night skips", localEnd));
        }
        throw new RowProblem(Reason.of("row.end_before_start", "ends at " + localEnd + ", not after it starts ("
                + start + ")", localEnd, start));
    }

    private void kind(String meterType, Register register, Unit unit) {
        String type = CsvHeader.normalize(meterType);
        if (type.contains("gas")) {
            kinds.add(MeterKind.GAS);
        } else if (type.contains("elektr") || type.contains("electr")) {
            kinds.add(MeterKind.ELECTRICITY);
        } else if (unit == Unit.M3) {
            kinds.add(MeterKind.GAS);
        } else if (register.tariff() != Tariff.SINGLE || register.direction() == Direction.INJECTION) {
            kinds.add(MeterKind.ELECTRICITY);
        }
    }

    private static Interval interval(Duration length) {
        if (length.equals(Duration.ofMinutes(15))) {
            return Interval.QUARTER_HOUR;
        }
        if (length.equals(Duration.ofHours(1))) {
            return Interval.HOUR;
        }
        long hours = length.toHours();
        return length.toMinutesPart() == 0 && hours >= 23 && hours <= 25 ? Interval.DAY : Interval.OTHER;
    }

    private void problem(Reason reason) {
        problemCount++;
        if (problems.size() < KEPT_PROBLEMS) {
            problems.add(new CsvProblem(lineNumber, reason));
        }
    }

    private static String ordinal(int n) {
        return n == 3 ? "third" : n + "th";
    }

    /** Why one row cannot be read; the parser goes on with the next. */
    private static final class RowProblem extends RuntimeException {
        final transient Reason reason;

        RowProblem(Reason reason) {
            super(reason.english(), null, false, false);
            this.reason = reason;
        }
    }
}
