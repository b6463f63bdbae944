package be.meterkast.fluvius.sim;

import be.meterkast.domain.MeterKind;
import io.vertx.core.MultiMap;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/** The validated parameters of a history or spikes request. */
record HistoryRequest(Instant from, Instant until, Resolution resolution) {
    /** Longer ranges are refused so one request cannot keep the event loop busy for long. */
    static final Duration MAX_RANGE = Duration.ofDays(1100);
    /** An electricity quarter-hour or hourly request may cover one local day, which lasts up to 25 hours. */
    static final Duration MAX_INTERVAL_RANGE = Duration.ofHours(25);

    /** What {@code granularity} asks for; "3" is daily here, as in most public scripts. */
    enum Resolution {
        QUARTER_HOUR, HOUR, DAY;

        static Resolution parse(String code) {
            return switch (code == null ? "" : code.trim()) {
                case "1" -> QUARTER_HOUR;
                case "2" -> HOUR;
                case "3", "4" -> DAY;
                default -> throw new ApiError("granularity must be 1, 2, 3 or 4, not '" + code + "'");
            };
        }
    }

    /**
     * Gas windows are not checked here: a gas window that does not line up with gas days is no error at
     * Fluvius, it just holds nothing (see {@link HistoryRecords#gas}).
     */
    static HistoryRequest history(MultiMap params, MeterKind kind) {
        HistoryRequest range = range(params);
        Resolution resolution = Resolution.parse(params.get("granularity"));
        if (kind == MeterKind.ELECTRICITY && resolution != Resolution.DAY
                && Duration.between(range.from, range.until).compareTo(MAX_INTERVAL_RANGE) > 0) {
            throw new ApiError((resolution == Resolution.HOUR ? "hourly" : "quarter-hour")
                    + " values can be requested for one day at a time");
        }
        return new HistoryRequest(range.from, range.until, resolution);
    }

    static HistoryRequest range(MultiMap params) {
        Instant from = instant(params, "historyFrom");
        Instant until = instant(params, "historyUntil");
        if (from.isAfter(until)) {
            throw new ApiError("historyFrom " + from + " is after historyUntil " + until);
        }
        if (Duration.between(from, until).compareTo(MAX_RANGE) > 0) {
            throw new ApiError("the requested period is too long (at most " + MAX_RANGE.toDays() + " days)");
        }
        return new HistoryRequest(from, until, Resolution.DAY);
    }

    private static Instant instant(MultiMap params, String name) {
        String text = params.get(name);
        if (text == null || text.isBlank()) {
            throw new ApiError(name + " is required");
        }
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            throw new ApiError(name + " is not an ISO date-time with offset: '" + text
                    + "' (a '+' in a query string must be sent as %2B)");
        }
    }
}
