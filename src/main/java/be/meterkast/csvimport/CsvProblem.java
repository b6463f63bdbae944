package be.meterkast.csvimport;

/** A line the parser could not read, with why; {@code line} counts from 1, the header included. */
public record CsvProblem(int line, String reason) {
}
