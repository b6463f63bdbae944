package be.meterkast.analysis;

import be.meterkast.domain.Direction;
import be.meterkast.domain.Reading;
import be.meterkast.domain.Tariff;
import be.meterkast.domain.Unit;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** One local day in quarter-hours: what was taken and given per quarter, and the night's base load. */
public final class QuarterHourProfile {
    /** How many of the night's lowest quarter-hours make the base load (two hours' worth). */
    static final int BASE_LOAD_QUARTERS = 8;
    static final LocalTime NIGHT_END = LocalTime.of(6, 0);
    private static final BigDecimal WATT_HOURS_PER_KWH = BigDecimal.valueOf(1000);
    private static final BigDecimal QUARTERS_PER_HOUR = BigDecimal.valueOf(4);

    private QuarterHourProfile() {
    }

    public record Quarter(Instant start, LocalTime localStart, Tariff tariff, BigDecimal offtake, BigDecimal injection,
                          boolean estimated) {
        /** Average power over the quarter-hour in watts: kWh × 4 × 1000. */
        public long offtakeWatts() {
            return offtake.multiply(QUARTERS_PER_HOUR).multiply(WATT_HOURS_PER_KWH).setScale(0, RoundingMode.HALF_UP).longValue();
        }

        public long injectionWatts() {
            return injection.multiply(QUARTERS_PER_HOUR).multiply(WATT_HOURS_PER_KWH).setScale(0, RoundingMode.HALF_UP).longValue();
        }
    }

    /** The quarter-hours of the readings (kWh only), in time order, offtake and injection side by side. */
    public static List<Quarter> quarters(List<Reading> readings, ZoneId zone) {
        Map<Instant, Quarter> byStart = new TreeMap<>();
        for (Reading r : DailyAnalysis.latest(readings)) {
            if (r.unit() != Unit.KWH) {
                continue;
            }
            Quarter q = byStart.getOrDefault(r.start(), new Quarter(r.start(),
                    r.start().atZone(zone).toLocalTime(), r.tariff(), BigDecimal.ZERO, BigDecimal.ZERO, false));
            byStart.put(r.start(), new Quarter(q.start(), q.localStart(), r.tariff(),
                    r.direction() == Direction.OFFTAKE ? q.offtake().add(r.value()) : q.offtake(),
                    r.direction() == Direction.INJECTION ? q.injection().add(r.value()) : q.injection(),
                    q.estimated() || r.estimated()));
        }
        return new ArrayList<>(byStart.values());
    }

    /**
     * Base load: the average power of the night's lowest offtake quarter-hours (00:00–06:00), what the house
     * draws when everyone sleeps. Empty when the night has no quarter-hours.
     */
    public static Optional<Long> baseLoadWatts(List<Quarter> quarters) {
        List<Quarter> night = quarters.stream().filter(q -> q.localStart().isBefore(NIGHT_END))
                .sorted(Comparator.comparing(Quarter::offtake)).limit(BASE_LOAD_QUARTERS).toList();
        if (night.isEmpty()) {
            return Optional.empty();
        }
        long sum = night.stream().mapToLong(Quarter::offtakeWatts).sum();
        return Optional.of(Math.round((double) sum / night.size()));
    }

    /** The quarter-hour with the highest offtake (what sets a month's capacity peak). */
    public static Optional<Quarter> peak(List<Quarter> quarters) {
        return quarters.stream().max(Comparator.comparing(Quarter::offtake));
    }
}
