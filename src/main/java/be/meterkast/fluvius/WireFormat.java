package be.meterkast.fluvius;

import be.meterkast.domain.BadValue;
import be.meterkast.domain.Defect;
import be.meterkast.domain.Direction;
import be.meterkast.domain.MeterKind;
import be.meterkast.domain.Measurements;
import be.meterkast.domain.MonthlyPeak;
import be.meterkast.domain.Reading;
import be.meterkast.domain.Tariff;
import be.meterkast.domain.Unit;
import be.meterkast.domain.time.LocalDays;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The edge where Fluvius' wire names ({@code dc}, {@code t}, {@code u}, {@code vs}) become domain names.
 * Nothing here throws on a bad record: it is skipped and counted, so one odd value never hides a month.
 * Its period is kept, though, so the day it belongs to is marked incomplete rather than shown whole.
 */
public final class WireFormat {
    /** How Fluvius wants history bounds: local time with offset and milliseconds. */
    public static final DateTimeFormatter HISTORY_BOUND = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSXXX");
    /** Fluvius' numbers as documented (FLUVIUS.md); several public scripts swap dc and t, these are confirmed. */
    private static final int REGISTER_SINGLE = 0;
    private static final int REGISTER_DAY = 1;
    private static final int REGISTER_NIGHT = 2;
    private static final int DIRECTION_OFFTAKE = 1;
    private static final int DIRECTION_INJECTION = 2;
    private static final int UNIT_KWH = 3;
    private static final int UNIT_M3 = 5;
    private static final int VALIDATED = 2;

    private WireFormat() {
    }

    public static String bound(ZonedDateTime time) {
        return HISTORY_BOUND.format(time);
    }

    /**
     * Readings of a {@code meter-measurement-history} response asked for at {@code granularity} (empty when
     * the code asked for is not a known one). A record without a readable {@code de} ends where its
     * granularity says: the next local midnight (the next 06:00 for a gas day), a quarter-hour or an hour
     * after its start. A value that is {@code null} or cannot be read is skipped, counted and, when its
     * record's start is known, kept as a {@link BadValue} so its day is not taken for a whole one.
     */
    public static Measurements history(JsonArray records, Optional<Granularity> granularity, MeterKind kind,
                                       ZoneId zone) {
        List<Reading> readings = new ArrayList<>();
        List<BadValue> bad = new ArrayList<>();
        int skipped = 0;
        for (Object item : records) {
            JsonObject record = item instanceof JsonObject o ? o : null;
            JsonArray values = record == null ? null : record.getValue("v") instanceof JsonArray a ? a : null;
            Optional<Instant> start = record == null ? Optional.empty() : instant(record.getValue("d"));
            Optional<Instant> end = record == null || start.isEmpty() ? Optional.empty()
                    : instant(record.getValue("de")).or(() -> granularity.map(g -> endOf(start.get(), g, kind, zone)));
            if (values == null || start.isEmpty() || end.isEmpty() || !end.get().isAfter(start.get())) {
                skipped += values == null || values.isEmpty() ? 1 : values.size();
                if (values != null && start.isPresent()) {
                    values.forEach(v -> bad.add(new BadValue(start.get(), Defect.UNREADABLE_VALUE, unitOf(v))));
                }
                continue;
            }
            for (Object v : values) {
                Optional<Reading> reading = v instanceof JsonObject value
                        ? reading(start.get(), end.get(), value) : Optional.empty();
                if (reading.isPresent()) {
                    readings.add(reading.get());
                } else {
                    skipped++;
                    boolean isNull = v == null || v instanceof JsonObject value && value.getValue("v") == null;
                    bad.add(new BadValue(start.get(), isNull ? Defect.NULL_VALUE : Defect.UNREADABLE_VALUE, unitOf(v)));
                }
            }
        }
        return new Measurements(readings, skipped, bad);
    }

    /** Where a period without {@code de} ends: its granularity's step, a whole local (gas) day for daily values. */
    static Instant endOf(Instant start, Granularity granularity, MeterKind kind, ZoneId zone) {
        return switch (granularity) {
            case DAILY -> LocalDays.nextDayStart(start, zone, LocalDays.dayStart(kind));
            case QUARTER_HOUR, HOURLY -> start.plus(granularity.step());
        };
    }

    private static Optional<Unit> unitOf(Object value) {
        return value instanceof JsonObject o ? code(o.getValue("u")).flatMap(WireFormat::unit) : Optional.empty();
    }

    private static Optional<Reading> reading(Instant start, Instant end, JsonObject value) {
        Optional<Tariff> tariff = code(value.getValue("dc")).flatMap(WireFormat::tariff);
        Optional<Direction> direction = code(value.getValue("t")).flatMap(WireFormat::direction);
        Optional<Unit> unit = code(value.getValue("u")).flatMap(WireFormat::unit);
        Optional<BigDecimal> amount = decimal(value.getValue("v"));
        if (tariff.isEmpty() || direction.isEmpty() || unit.isEmpty() || amount.isEmpty()) {
            return Optional.empty();
        }
        // Gas samples omit vs; a missing status is not a reason to call a value estimated.
        boolean estimated = code(value.getValue("vs")).map(vs -> vs != VALIDATED).orElse(false);
        return Optional.of(new Reading(start, end, tariff.get(), direction.get(), unit.get(), amount.get(), estimated));
    }

    /** Monthly peaks of a {@code meter-measurement-spikes} response, by the local month of the peak. */
    public static PeakList spikes(JsonArray records, ZoneId zone) {
        List<MonthlyPeak> peaks = new ArrayList<>();
        int skipped = 0;
        for (Object item : records) {
            JsonArray values = item instanceof JsonObject o && o.getValue("v") instanceof JsonArray a ? a : null;
            if (values == null) {
                skipped++;
                continue;
            }
            for (Object v : values) {
                if (v instanceof JsonObject value) {
                    Optional<BigDecimal> kw = decimal(value.getValue("v"));
                    Optional<Instant> start = instant(value.getValue("sst"));
                    Optional<Instant> end = instant(value.getValue("set"));
                    if (kw.isPresent() && start.isPresent() && end.isPresent()) {
                        peaks.add(new MonthlyPeak(YearMonth.from(start.get().atZone(zone)), kw.get(),
                                start.get(), end.get()));
                        continue;
                    }
                }
                skipped++;
            }
        }
        return new PeakList(peaks, skipped);
    }

    public record PeakList(List<MonthlyPeak> peaks, int skipped) {
        public PeakList {
            peaks = List.copyOf(peaks);
        }
    }

    private static Optional<Tariff> tariff(int dc) {
        return switch (dc) {
            case REGISTER_SINGLE -> Optional.of(Tariff.SINGLE);
            case REGISTER_DAY -> Optional.of(Tariff.DAY);
            case REGISTER_NIGHT -> Optional.of(Tariff.NIGHT);
            default -> Optional.empty();
        };
    }

    private static Optional<Direction> direction(int t) {
        return switch (t) {
            case DIRECTION_OFFTAKE -> Optional.of(Direction.OFFTAKE);
            case DIRECTION_INJECTION -> Optional.of(Direction.INJECTION);
            default -> Optional.empty();
        };
    }

    private static Optional<Unit> unit(int u) {
        return switch (u) {
            case UNIT_KWH -> Optional.of(Unit.KWH);
            case UNIT_M3 -> Optional.of(Unit.M3);
            default -> Optional.empty();
        };
    }

    private static Optional<Integer> code(Object value) {
        if (value instanceof Integer i) {
            return Optional.of(i);
        }
        if (value instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue())) {
            return Optional.of(n.intValue());
        }
        if (value instanceof String s) {
            try {
                return Optional.of(Integer.parseInt(s.trim()));
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        }
        return Optional.empty();
    }

    /** Via the number's own text, so 9.133 stays exactly 9.133. */
    private static Optional<BigDecimal> decimal(Object value) {
        try {
            if (value instanceof BigDecimal b) {
                return Optional.of(b);
            }
            if (value instanceof Double d && !d.isNaN() && !d.isInfinite()) {
                return Optional.of(BigDecimal.valueOf(d));
            }
            if (value instanceof Float f && !f.isNaN() && !f.isInfinite()) {
                return Optional.of(new BigDecimal(f.toString()));
            }
            if (value instanceof Number n) {
                return Optional.of(new BigDecimal(n.toString()));
            }
            if (value instanceof String s && !s.isBlank()) {
                return Optional.of(new BigDecimal(s.trim()));
            }
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
        return Optional.empty();
    }

    private static Optional<Instant> instant(Object value) {
        if (!(value instanceof String s)) {
            return Optional.empty();
        }
        try {
            return Optional.of(Instant.parse(s));
        } catch (DateTimeParseException notInstant) {
            try {
                return Optional.of(ZonedDateTime.parse(s).toInstant());
            } catch (DateTimeParseException neither) {
                return Optional.empty();
            }
        }
    }
}
