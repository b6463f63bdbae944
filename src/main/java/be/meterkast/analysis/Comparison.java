package be.meterkast.analysis;

import be.meterkast.domain.Unit;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Pure functions that set periods side by side: averages per day and per weekday, differences and ranking.
 * Days without data never count as zero: averages are over the days with data, and a period without any
 * has no average (and no rank). Periods in different units are never compared with each other.
 */
public final class Comparison {
    /** Averages are shown to the Wh (or litre). */
    public static final int SCALE = 3;

    private Comparison() {
    }

    /** What is compared per day. */
    public enum Measure {
        NET(DailyUsage::net, PeriodSummary::net),
        OFFTAKE(DailyUsage::totalOfftake, PeriodSummary::totalOfftake),
        INJECTION(DailyUsage::totalInjection, PeriodSummary::totalInjection);

        private final Function<DailyUsage, BigDecimal> ofDay;
        private final Function<PeriodSummary, BigDecimal> ofPeriod;

        Measure(Function<DailyUsage, BigDecimal> ofDay, Function<PeriodSummary, BigDecimal> ofPeriod) {
            this.ofDay = ofDay;
            this.ofPeriod = ofPeriod;
        }

        public BigDecimal of(DailyUsage day) {
            return ofDay.apply(day);
        }

        /** The total over the days with data. */
        public BigDecimal of(PeriodSummary period) {
            return ofPeriod.apply(period);
        }

        /** {@code net}, {@code offtake}, {@code injection}; empty for anything else. */
        public static Optional<Measure> parse(String text) {
            for (Measure m : values()) {
                if (m.name().equalsIgnoreCase(text)) {
                    return Optional.of(m);
                }
            }
            return Optional.empty();
        }
    }

    /** The average of one weekday (Monday … Sunday) over the {@code days} days of it that have data. */
    public record WeekdayAverage(DayOfWeek weekday, int days, Optional<BigDecimal> average) {
    }

    /** The measure per day with data, averaged; empty when no day has data. */
    public static Optional<BigDecimal> averagePerDay(PeriodSummary period, Measure measure) {
        return average(measure.of(period), period.days().size());
    }

    /** Seven averages, Monday first, each over the days of that weekday that have data. */
    public static List<WeekdayAverage> weekdayProfile(List<DailyUsage> days, Measure measure) {
        Map<DayOfWeek, BigDecimal> sums = new EnumMap<>(DayOfWeek.class);
        Map<DayOfWeek, Integer> counts = new EnumMap<>(DayOfWeek.class);
        for (DailyUsage day : days) {
            DayOfWeek weekday = day.day().getDayOfWeek();
            sums.merge(weekday, measure.of(day), BigDecimal::add);
            counts.merge(weekday, 1, Integer::sum);
        }
        List<WeekdayAverage> profile = new ArrayList<>(7);
        for (DayOfWeek weekday : DayOfWeek.values()) {
            int n = counts.getOrDefault(weekday, 0);
            profile.add(new WeekdayAverage(weekday, n, average(sums.getOrDefault(weekday, BigDecimal.ZERO), n)));
        }
        return profile;
    }

    /** How one period differs from a reference period of the same unit: per day with data and in total. */
    public record Difference(BigDecimal total, Optional<BigDecimal> perDay, Optional<BigDecimal> percent) {
    }

    /**
     * {@code period} minus {@code reference}. The percentage is of the reference's average per day, so that
     * periods with a different number of days with data compare fairly; empty when either has no data or the
     * reference averages zero.
     */
    public static Difference difference(PeriodSummary period, PeriodSummary reference, Measure measure) {
        requireSameUnit(period.unit(), reference.unit());
        BigDecimal total = measure.of(period).subtract(measure.of(reference));
        Optional<BigDecimal> mine = averagePerDay(period, measure);
        Optional<BigDecimal> theirs = averagePerDay(reference, measure);
        Optional<BigDecimal> perDay = mine.flatMap(a -> theirs.map(a::subtract));
        Optional<BigDecimal> percent = perDay.flatMap(d -> theirs.filter(t -> t.signum() != 0)
                .map(t -> d.multiply(BigDecimal.valueOf(100)).divide(t.abs(), 1, RoundingMode.HALF_UP)));
        return new Difference(total, perDay, percent);
    }

    /**
     * A place in a ranking of periods of one unit, lowest average per day first (the least taken from the
     * grid, or the most given back for net). {@code behindFirst} is how much more per day than the first.
     */
    public record Ranked<K>(K key, Unit unit, int rank, BigDecimal averagePerDay, BigDecimal behindFirst) {
    }

    /**
     * Ranks the periods of each unit separately by average per day. Periods without any data get no place:
     * they are left out of the result.
     */
    public static <K> List<Ranked<K>> rank(Map<K, PeriodSummary> periods, Measure measure) {
        record Entry<K>(K key, Unit unit, BigDecimal average) {
        }
        List<Entry<K>> entries = new ArrayList<>();
        periods.forEach((key, period) -> averagePerDay(period, measure)
                .ifPresent(a -> entries.add(new Entry<>(key, period.unit(), a))));
        List<Ranked<K>> ranking = new ArrayList<>();
        for (Unit unit : Unit.values()) {
            List<Entry<K>> ofUnit = entries.stream().filter(e -> e.unit() == unit)
                    .sorted(Comparator.comparing(Entry::average)).toList();
            for (int i = 0; i < ofUnit.size(); i++) {
                Entry<K> e = ofUnit.get(i);
                // Equal averages share a place.
                int rank = i > 0 && e.average().compareTo(ofUnit.get(i - 1).average()) == 0
                        ? ranking.get(ranking.size() - 1).rank() : i + 1;
                ranking.add(new Ranked<>(e.key(), unit, rank, e.average(), e.average().subtract(ofUnit.get(0).average())));
            }
        }
        return ranking;
    }

    /** One line of a day-by-day table: the n-th day of each period, or nothing where that day has no data. */
    public record AlignedDay(int offset, List<LocalDate> dates, List<Optional<DailyUsage>> usage) {
    }

    /**
     * Sets periods side by side day by day, by position: day n of each period on one line (the same dates for
     * meters over one period; this June against last June for one meter over two). Runs as long as the
     * longest period; a period that is shorter has no date there.
     */
    public static List<AlignedDay> align(List<PeriodSummary> periods) {
        int length = periods.stream().mapToInt(p -> dayCount(p)).max().orElse(0);
        List<Map<LocalDate, DailyUsage>> byDay = periods.stream().map(p -> {
            Map<LocalDate, DailyUsage> m = new java.util.HashMap<>();
            p.days().forEach(d -> m.put(d.day(), d));
            return m;
        }).toList();
        List<AlignedDay> lines = new ArrayList<>(length);
        for (int i = 0; i < length; i++) {
            List<LocalDate> dates = new ArrayList<>();
            List<Optional<DailyUsage>> usage = new ArrayList<>();
            for (int p = 0; p < periods.size(); p++) {
                LocalDate date = periods.get(p).firstDay().plusDays(i);
                boolean inside = !date.isAfter(periods.get(p).lastDay());
                dates.add(inside ? date : null);
                usage.add(inside ? Optional.ofNullable(byDay.get(p).get(date)) : Optional.empty());
            }
            lines.add(new AlignedDay(i, dates, usage));
        }
        return lines;
    }

    private static int dayCount(PeriodSummary p) {
        return p.lastDay().isBefore(p.firstDay()) ? 0 : (int) (p.lastDay().toEpochDay() - p.firstDay().toEpochDay() + 1);
    }

    private static Optional<BigDecimal> average(BigDecimal sum, int days) {
        return days == 0 ? Optional.empty()
                : Optional.of(sum.divide(BigDecimal.valueOf(days), SCALE, RoundingMode.HALF_UP));
    }

    private static void requireSameUnit(Unit a, Unit b) {
        if (a != b) {
            throw new IllegalArgumentException("cannot compare " + a.symbol() + " with " + b.symbol());
        }
    }
}
