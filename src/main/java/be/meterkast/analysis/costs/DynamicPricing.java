package be.meterkast.analysis.costs;

import be.meterkast.domain.DayAheadPrice;
import be.meterkast.domain.Direction;
import be.meterkast.domain.DynamicPrice;
import be.meterkast.domain.Reading;
import be.meterkast.domain.Unit;
import be.meterkast.domain.time.LocalDays;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * A dynamic contract's energy line of one day: each quarter-hour's offtake (all registers together; hours where
 * the day has no quarter-hours) × {@code factor × day-ahead price + adder}. A reading finer than the prices takes
 * the price of the interval it lies in; an hour priced per quarter-hour takes the four prices' mean (its kWh are
 * not known per quarter-hour). Nothing is guessed: a day whose readings do not cover it whole reports
 * {@link Missing#QUARTER_HOURS}, a reading without a price for all of it {@link Missing#DAY_AHEAD_PRICE}, and
 * what could not be priced counts as zero.
 */
final class DynamicPricing {
    private static final int SCALE = 12;

    /** Per local day, per interval start: the offtake kWh and the interval's end. */
    private final Map<LocalDate, Map<Instant, Interval>> byDay = new HashMap<>();
    private final TreeMap<Instant, DayAheadPrice> prices = new TreeMap<>();

    private record Interval(Instant start, Instant end, BigDecimal kwh) {
        Interval plus(BigDecimal more) {
            return new Interval(start, end, kwh.add(more));
        }
    }

    DynamicPricing(List<Reading> readings, List<DayAheadPrice> dayAheadPrices) {
        Map<LocalDate, Map<Instant, Interval>> quarters = new HashMap<>();
        Map<LocalDate, Map<Instant, Interval>> hours = new HashMap<>();
        for (Reading r : readings) {
            long minutes = Duration.between(r.start(), r.end()).toMinutes();
            if (r.direction() != Direction.OFFTAKE || r.unit() != Unit.KWH || (minutes != 15 && minutes != 60)) {
                continue;
            }
            LocalDate day = LocalDays.dayOf(r.start(), LocalDays.BRUSSELS, LocalTime.MIDNIGHT);
            (minutes == 15 ? quarters : hours).computeIfAbsent(day, d -> new TreeMap<>())
                    .merge(r.start(), new Interval(r.start(), r.end(), r.value()), (a, b) -> a.plus(b.kwh()));
        }
        // A file may hold hours and quarter-hours of one day: the finest wins, they are never added.
        byDay.putAll(hours);
        byDay.putAll(quarters);
        dayAheadPrices.forEach(p -> prices.put(p.start(), p));
    }

    BigDecimal energy(LocalDate day, DynamicPrice price, Set<Missing> missing) {
        Map<Instant, Interval> intervals = byDay.getOrDefault(day, Map.of());
        Duration covered = Duration.ZERO;
        BigDecimal energy = BigDecimal.ZERO;
        for (Interval interval : intervals.values()) {
            covered = covered.plus(Duration.between(interval.start(), interval.end()));
            BigDecimal mean = meanPrice(interval.start(), interval.end());
            if (mean == null) {
                if (interval.kwh().signum() != 0) {
                    missing.add(Missing.DAY_AHEAD_PRICE);
                }
                continue;
            }
            energy = energy.add(interval.kwh().multiply(price.perKwh(mean)));
        }
        Duration length = Duration.between(LocalDays.start(day, LocalDays.BRUSSELS, LocalTime.MIDNIGHT),
                LocalDays.start(day.plusDays(1), LocalDays.BRUSSELS, LocalTime.MIDNIGHT));
        if (covered.compareTo(length) < 0) {
            missing.add(Missing.QUARTER_HOURS);
        }
        return energy;
    }

    /** The time-weighted mean €/MWh over [start, end), or null when a part of it has no price. */
    private BigDecimal meanPrice(Instant start, Instant end) {
        List<BigDecimal> weighted = new ArrayList<>();
        Instant at = start;
        while (at.isBefore(end)) {
            Map.Entry<Instant, DayAheadPrice> entry = prices.floorEntry(at);
            if (entry == null || !entry.getValue().end().isAfter(at)) {
                return null;
            }
            Instant until = entry.getValue().end().isBefore(end) ? entry.getValue().end() : end;
            weighted.add(entry.getValue().eurPerMwh().multiply(BigDecimal.valueOf(Duration.between(at, until).getSeconds())));
            at = until;
        }
        BigDecimal sum = weighted.stream().reduce(BigDecimal.ZERO, BigDecimal::add);
        return sum.divide(BigDecimal.valueOf(Duration.between(start, end).getSeconds()), SCALE, RoundingMode.HALF_EVEN);
    }
}
