package be.meterkast.csvimport;

import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Where each column is, from the header line. Mijn Fluvius has changed its header over the years and writes
 * it in Dutch or English ("Van Datum", "Van datum", "Van (datum)", "From (date)" …); names are compared
 * without case, brackets, hyphens and repeated spaces, so every variant in FLUVIUS.md maps to one column.
 */
final class CsvHeader {
    enum Column {
        FROM_DATE(true, "van datum", "from date"),
        FROM_TIME(true, "van tijdstip", "from time"),
        UNTIL_DATE(true, "tot datum", "until date", "to date"),
        UNTIL_TIME(true, "tot tijdstip", "until time", "to time"),
        EAN(true, "ean", "ean code"),
        METER(false, "meter"),
        METER_TYPE(false, "metertype", "meter type"),
        REGISTER(true, "register"),
        VOLUME(true, "volume"),
        UNIT(true, "eenheid", "unit"),
        VALIDATION(true, "validatiestatus", "validation status"),
        /** Gas files: "Voorlopig" (provisional) or "Definitief" on the kWh row, whose energy it qualifies. */
        CALORIFIC_VALUE(false, "calorische bovenwaarde", "caloric upper value", "calorific upper value");

        private final boolean required;
        private final List<String> names;

        Column(boolean required, String... names) {
            this.required = required;
            this.names = List.of(names);
        }
    }

    private final Map<Column, Integer> positions;
    private final int width;

    private CsvHeader(Map<Column, Integer> positions, int width) {
        this.positions = positions;
        this.width = width;
    }

    /** The header, or why the line is not a Verbruikshistoriek header. */
    static CsvHeader parse(List<String> cells) {
        Map<Column, Integer> positions = new EnumMap<>(Column.class);
        for (int i = 0; i < cells.size(); i++) {
            String name = normalize(cells.get(i));
            for (Column column : Column.values()) {
                if (column.names.contains(name) && !positions.containsKey(column)) {
                    positions.put(column, i);
                }
            }
        }
        List<Column> missing = java.util.Arrays.stream(Column.values())
                .filter(c -> c.required && !positions.containsKey(c)).toList();
        if (!missing.isEmpty()) {
            String columns = missing.stream().map(c -> "'" + c.names.get(0) + "'").collect(Collectors.joining(", "));
            throw new NotVerbruikshistoriek(Reason.of("file.not_verbruikshistoriek",
                    "this is not a Mijn Fluvius consumption history (Verbruikshistoriek)"
                    + " file: its first line lacks the column" + (missing.size() > 1 ? "s " : " ") + columns, columns));
        }
        return new CsvHeader(positions, cells.size());
    }

    /** How many columns the header names: a shorter row was cut off. */
    int width() {
        return width;
    }

    /** The required column's cell. */
    String cell(List<String> cells, Column column) {
        return cells.get(positions.get(column));
    }

    /** The optional column's cell, empty when the file has no such column. */
    Optional<String> optional(List<String> cells, Column column) {
        Integer at = positions.get(column);
        return at == null || at >= cells.size() ? Optional.empty() : Optional.of(cells.get(at));
    }

    static String normalize(String name) {
        return name.toLowerCase(Locale.ROOT).replace('(', ' ').replace(')', ' ').replace('-', ' ')
                .replace('_', ' ').strip().replaceAll("\\s+", " ");
    }

    /** A first line that is not a Verbruikshistoriek header. */
    static final class NotVerbruikshistoriek extends IllegalArgumentException {
        final transient Reason reason;

        NotVerbruikshistoriek(Reason reason) {
            super(reason.english());
            this.reason = reason;
        }
    }
}
