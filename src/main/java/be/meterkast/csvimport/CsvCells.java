package be.meterkast.csvimport;

import java.util.ArrayList;
import java.util.List;

/**
 * One line's cells: {@code ;}-separated, a cell optionally in double quotes (with {@code ""} for a quote), and
 * Excel's {@code ="…"} form that Mijn Fluvius writes EANs in so spreadsheets keep the leading digits.
 */
final class CsvCells {
    private CsvCells() {
    }

    /** The cells, trimmed and unquoted; an unterminated quote is an error, not a guess. */
    static List<String> split(String line) {
        List<String> cells = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    cell.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    cell.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ';') {
                cells.add(clean(cell));
                cell.setLength(0);
            } else {
                cell.append(c);
            }
        }
        if (quoted) {
            throw new IllegalArgumentException("a quoted cell is not closed");
        }
        cells.add(clean(cell));
        return cells;
    }

    private static String clean(StringBuilder cell) {
        String text = cell.toString().strip();
        // ="5414…" arrives as =5414… once its quotes are gone
        return text.startsWith("=") ? text.substring(1).strip() : text;
    }
}
