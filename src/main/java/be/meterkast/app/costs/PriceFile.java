package be.meterkast.app.costs;

import be.meterkast.domain.DayAheadPrice;
import be.meterkast.domain.time.LocalDays;

import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.temporal.ChronoField;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A day-ahead price file, read line by line: {@code start;price}, the price in €/MWh (decimal point or comma,
 * negative allowed), the start in UTC or with its offset ({@code 2025-10-26T01:00:00Z},
 * {@code 2025-10-26T02:00:00+02:00}) or as Brussels local time ({@code 2025-10-26 02:00}). A local time the
 * autumn night has twice is read in file order: its first occurrence is summer time, the second winter time;
 * one the spring night skips is refused. Each price lasts until the next one starts when they are 15 minutes
 * or an hour apart (a file may go from hours to quarter-hours, as the market did on 1 October 2025); before a
 * gap it lasts as long as the one before it. A header line is allowed. The first wrong line refuses the file
 * ({@link Refused}, with its line number), so nothing of it is stored.
 */
public final class PriceFile {
    /** Beyond the market's harmonised limits (−500 and 4,000 €/MWh in 2025), with room for them to move. */
    static final BigDecimal LIMIT = new BigDecimal("10000");
    static final Instant EARLIEST = Instant.parse("2000-01-01T00:00:00Z");
    static final Instant LATEST = Instant.parse("2101-01-01T00:00:00Z");
    private static final Duration QUARTER = Duration.ofMinutes(15);
    private static final Duration HOUR = Duration.ofHours(1);
    private static final DateTimeFormatter LOCAL = new DateTimeFormatterBuilder().parseCaseInsensitive()
            .append(DateTimeFormatter.ISO_LOCAL_DATE).optionalStart().appendLiteral('T').optionalEnd()
            .optionalStart().appendLiteral(' ').optionalEnd()
            .appendValue(ChronoField.HOUR_OF_DAY, 2).appendLiteral(':').appendValue(ChronoField.MINUTE_OF_HOUR, 2)
            .optionalStart().appendLiteral(':').appendValue(ChronoField.SECOND_OF_MINUTE, 2).optionalEnd()
            .toFormatter(Locale.ROOT);
    private static final DateTimeFormatter OFFSET = new DateTimeFormatterBuilder().append(LOCAL)
            .appendOffset("+HH:MM", "Z").toFormatter(Locale.ROOT);

    /** A wrong line: its number (from 1), what is wrong as a message key, and the key's arguments. */
    public static final class Refused extends RuntimeException {
        private final int line;
        private final String messageKey;
        private final transient Object[] arguments;

        Refused(int line, String messageKey, Object... arguments) {
            super("line " + line + ": " + messageKey, null, false, false);
            this.line = line;
            this.messageKey = messageKey;
            this.arguments = arguments.clone();
        }

        public int line() {
            return line;
        }

        public String messageKey() {
            return messageKey;
        }

        public Object[] arguments() {
            return arguments.clone();
        }
    }

    private final List<Instant> starts = new ArrayList<>();
    private final List<BigDecimal> values = new ArrayList<>();
    private final List<Integer> lineNumbers = new ArrayList<>();
    private int lineNumber;
    private boolean headerRead;
    private Refused refused;

    /** Reads one more line; after a wrong one the rest is ignored (the file is refused whole). */
    public void line(String text) {
        lineNumber++;
        if (refused != null) {
            return;
        }
        try {
            read(lineNumber == 1 && text.startsWith("\uFEFF") ? text.substring(1) : text);
        } catch (Refused wrong) {
            refused = wrong;
        }
    }

    /** The prices in time order; or {@link Refused} for the first wrong line. */
    public List<DayAheadPrice> prices() {
        if (refused != null) {
            throw refused;
        }
        if (starts.isEmpty()) {
            throw new Refused(Math.max(lineNumber, 1), "costs.prices.error.empty");
        }
        List<Duration> lengths = new ArrayList<>();
        for (int i = 0; i < starts.size(); i++) {
            Duration gap = i + 1 < starts.size() ? Duration.between(starts.get(i), starts.get(i + 1)) : null;
            lengths.add(QUARTER.equals(gap) || HOUR.equals(gap) ? gap : null);
        }
        Duration known = lengths.stream().filter(d -> d != null).findFirst()
                .orElseThrow(() -> new Refused(lineNumbers.get(Math.min(1, starts.size() - 1)), "costs.prices.error.step"));
        List<DayAheadPrice> prices = new ArrayList<>();
        for (int i = 0; i < starts.size(); i++) {
            if (lengths.get(i) == null) {
                lengths.set(i, known);
            }
            known = lengths.get(i);
            Instant start = starts.get(i);
            if (known.equals(HOUR) && start.atOffset(ZoneOffset.UTC).getMinute() != 0) {
                throw new Refused(lineNumbers.get(i), "costs.prices.error.hourStart");
            }
            prices.add(new DayAheadPrice(start, start.plus(known), values.get(i)));
        }
        return prices;
    }

    private void read(String text) {
        String line = text.strip();
        if (line.isEmpty()) {
            return;
        }
        String[] fields = line.split(";", -1);
        if (!headerRead && starts.isEmpty() && !Character.isDigit(line.charAt(0))) {
            // the header, "start;price" or the like
            headerRead = true;
            return;
        }
        if (fields.length != 2) {
            throw new Refused(lineNumber, "costs.prices.error.fields", fields.length);
        }
        Instant start = start(fields[0].strip());
        if (start.isBefore(EARLIEST) || !start.isBefore(LATEST)) {
            throw new Refused(lineNumber, "costs.prices.error.range");
        }
        if (start.atOffset(ZoneOffset.UTC).getMinute() % 15 != 0 || start.getEpochSecond() % 60 != 0) {
            throw new Refused(lineNumber, "costs.prices.error.quarter");
        }
        if (!starts.isEmpty() && !start.isAfter(starts.get(starts.size() - 1))) {
            throw new Refused(lineNumber, "costs.prices.error.order");
        }
        BigDecimal price;
        try {
            price = new BigDecimal(fields[1].strip().replace(',', '.'));
        } catch (NumberFormatException e) {
            throw new Refused(lineNumber, "costs.prices.error.price");
        }
        if (price.abs().compareTo(LIMIT) > 0 || price.scale() > 3) {
            throw new Refused(lineNumber, "costs.prices.error.priceRange");
        }
        starts.add(start);
        values.add(price);
        lineNumbers.add(lineNumber);
    }

    private Instant start(String text) {
        try {
            return OffsetDateTime.parse(text, OFFSET).toInstant();
        } catch (DateTimeException notWithOffset) {
            LocalDateTime local;
            try {
                local = LocalDateTime.parse(text, LOCAL);
            } catch (DateTimeException e) {
                throw new Refused(lineNumber, "costs.prices.error.start");
            }
            var offsets = LocalDays.BRUSSELS.getRules().getValidOffsets(local);
            if (offsets.isEmpty()) {
                throw new Refused(lineNumber, "costs.prices.error.dstGap");
            }
            Instant first = local.toInstant(offsets.get(0));
            // the autumn night's second 02:00–02:59: the earlier reading is already in the file
            if (offsets.size() > 1 && !starts.isEmpty() && !starts.get(starts.size() - 1).isBefore(first)) {
                return local.toInstant(offsets.get(1));
            }
            return first;
        }
    }
}
