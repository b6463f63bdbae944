package be.meterkast.csvimport;

/**
 * A line the parser could not read, with why; {@code line} counts from 1, the header included (0: about no
 * single line).
 */
public record CsvProblem(int line, Reason why) {
    /** In English, with its line: {@code line 12 volume 'x' is not a number}. */
    public String reason() {
        return line > 0 ? "line " + line + " " + why.english() : why.english();
    }
}
