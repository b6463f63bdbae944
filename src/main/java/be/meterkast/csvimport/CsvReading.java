package be.meterkast.csvimport;

import be.meterkast.domain.Reading;

/**
 * One value of a file: the meter as the file names it (EAN, and its serial where the file has a "Meter"
 * column, else empty) and the reading in domain terms. {@code line} counts from 1, the header included.
 */
public record CsvReading(int line, String ean, String serial, Reading reading) {
}
