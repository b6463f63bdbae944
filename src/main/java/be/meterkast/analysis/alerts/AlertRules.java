package be.meterkast.analysis.alerts;

import be.meterkast.analysis.CapacityTariff;
import be.meterkast.analysis.DailyUsage;
import be.meterkast.domain.Direction;
import be.meterkast.domain.MonthlyPeak;
import be.meterkast.domain.Reading;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;

/**
 * When each alert rule fires, as pure functions of stored figures: no clock (today is passed in), no I/O.
 * "Usual" is always the median of the days before the day looked at, so one odd day in the past does not move it.
 */
public final class AlertRules {
    /** How many days before the day looked at make its "usual". */
    public static final int USUAL_DAYS = 30;
    /** Fewer days with data than this and there is no usual yet: a new meter raises nothing. */
    public static final int MIN_BASE_LOAD_DAYS = 7;
    public static final int MIN_USUAL_DAYS = 14;
    /** The night's base load is its quietest quarter-hour between these local times. */
    public static final LocalTime NIGHT_FROM = LocalTime.of(1, 0);
    public static final LocalTime NIGHT_TO = LocalTime.of(5, 0);
    /** A night needs this many of its 16 quarter-hours to count: a gap is not a quiet quarter-hour. */
    static final int MIN_NIGHT_QUARTERS = 12;
    /** A rise of the base load smaller than this is noise, whatever the percentage (a fridge starting). */
    public static final BigDecimal MIN_BASE_LOAD_RISE_KW = new BigDecimal("0.050");
    /** A usual day below this (kWh or m³) is too small to be "far" from: winter injection, a summer gas meter. */
    public static final BigDecimal MIN_USUAL_DAY = new BigDecimal("0.5");

    private AlertRules() {
    }

    /** This month's peak, when it is above {@code levelKw}. */
    public static Optional<MonthlyPeak> peakAboveLevel(List<MonthlyPeak> peaks, YearMonth month, BigDecimal levelKw) {
        return peakOf(peaks, month).filter(p -> p.kilowatts().compareTo(levelKw) > 0);
    }

    /** A month's peak above the 12-month average of the months before it (as the capacity tariff counts them). */
    public record PeakAboveAverage(MonthlyPeak peak, BigDecimal average) {
    }

    /**
     * This month's peak, when it is above the capacity tariff's running average as it stood at the end of last
     * month: the month that will raise the average. Empty without last month's peak.
     */
    public static Optional<PeakAboveAverage> peakAboveAverage(List<MonthlyPeak> peaks, YearMonth month) {
        List<MonthlyPeak> before = peaks.stream().filter(p -> p.month().isBefore(month)).toList();
        Optional<BigDecimal> average = CapacityTariff.exactAverage(before, month.minusMonths(1))
                .map(a -> a.setScale(3, RoundingMode.HALF_UP));
        return peakOf(peaks, month).flatMap(peak -> average.filter(a -> peak.kilowatts().compareTo(a) > 0)
                .map(a -> new PeakAboveAverage(peak, a)));
    }

    private static Optional<MonthlyPeak> peakOf(List<MonthlyPeak> peaks, YearMonth month) {
        return peaks.stream().filter(p -> p.month().equals(month)).findFirst();
    }

    /**
     * Each local day's night base load in kW: the lowest offtake of its quarter-hours starting between
     * {@link #NIGHT_FROM} and {@link #NIGHT_TO} (both registers added up), times four. Days with too few of
     * those quarter-hours are left out.
     */
    public static NavigableMap<LocalDate, BigDecimal> nightBaseLoads(List<Reading> quarterHours, ZoneId zone) {
        Map<Instant, BigDecimal> byQuarter = new TreeMap<>();
        for (Reading r : quarterHours) {
            if (r.direction() == Direction.OFFTAKE && ChronoUnit.MINUTES.between(r.start(), r.end()) == 15) {
                byQuarter.merge(r.start(), r.value(), BigDecimal::add);
            }
        }
        Map<LocalDate, List<BigDecimal>> nights = new TreeMap<>();
        byQuarter.forEach((start, kwh) -> {
            ZonedDateTime local = start.atZone(zone);
            LocalTime time = local.toLocalTime();
            if (!time.isBefore(NIGHT_FROM) && time.isBefore(NIGHT_TO)) {
                nights.computeIfAbsent(local.toLocalDate(), d -> new ArrayList<>()).add(kwh);
            }
        });
        NavigableMap<LocalDate, BigDecimal> loads = new TreeMap<>();
        nights.forEach((day, values) -> {
            if (values.size() >= MIN_NIGHT_QUARTERS) {
                loads.put(day, values.stream().min(BigDecimal::compareTo).orElseThrow()
                        .multiply(BigDecimal.valueOf(4)).setScale(3, RoundingMode.HALF_UP));
            }
        });
        return loads;
    }

    /** A night whose base load jumped above its usual: the night's load, the usual and the level it passed. */
    public record BaseLoadJump(LocalDate day, BigDecimal kilowatts, BigDecimal usual) {
    }

    /**
     * {@code day}'s base load, when it is more than {@code percent}% (and {@link #MIN_BASE_LOAD_RISE_KW}) above
     * the median of the {@link #USUAL_DAYS} nights before — and the night before was not: a jump is told once, a
     * device left on for a week does not raise seven alerts.
     */
    public static Optional<BaseLoadJump> baseLoadJump(NavigableMap<LocalDate, BigDecimal> loads, LocalDate day,
                                                      int percent) {
        BigDecimal load = loads.get(day);
        if (load == null) {
            return Optional.empty();
        }
        Optional<BigDecimal> usual = median(loads.subMap(day.minusDays(USUAL_DAYS), true, day, false).values(),
                MIN_BASE_LOAD_DAYS);
        if (usual.isEmpty()) {
            return Optional.empty();
        }
        BigDecimal level = usual.get().multiply(BigDecimal.valueOf(100L + percent)).divide(BigDecimal.valueOf(100), 3,
                RoundingMode.HALF_UP).max(usual.get().add(MIN_BASE_LOAD_RISE_KW));
        BigDecimal before = loads.get(day.minusDays(1));
        if (load.compareTo(level) > 0 && (before == null || before.compareTo(level) <= 0)) {
            return Optional.of(new BaseLoadJump(day, load, usual.get().setScale(3, RoundingMode.HALF_UP)));
        }
        return Optional.empty();
    }

    /** A day whose offtake or injection is far outside the range of the days before it. */
    public record UnusualDay(LocalDate day, Direction direction, BigDecimal value, BigDecimal lowest,
                             BigDecimal highest) {
        public boolean high() {
            return value.compareTo(highest) > 0;
        }
    }

    /**
     * {@code day}'s total in {@code direction}, when it is more than {@code factor} times the highest of the
     * {@link #USUAL_DAYS} complete days before it, or less than their lowest divided by {@code factor}. A range
     * rather than an average: a cloudy day's injection is a fraction of a sunny day's and not unusual for that,
     * but a day below every day of the month before is. An incomplete day is never unusual (its total is only what
     * arrived), nor is a direction whose median day is below {@link #MIN_USUAL_DAY}.
     */
    public static Optional<UnusualDay> unusualDay(List<DailyUsage> days, LocalDate day, Direction direction,
                                                  BigDecimal factor) {
        Optional<DailyUsage> looked = days.stream().filter(d -> d.day().equals(day) && !d.isIncomplete()).findFirst();
        if (looked.isEmpty()) {
            return Optional.empty();
        }
        List<BigDecimal> before = days.stream()
                .filter(d -> d.day().isBefore(day) && !d.day().isBefore(day.minusDays(USUAL_DAYS)) && !d.isIncomplete())
                .map(d -> total(d, direction)).sorted().toList();
        if (median(before, MIN_USUAL_DAYS).filter(u -> u.compareTo(MIN_USUAL_DAY) >= 0).isEmpty()) {
            return Optional.empty();
        }
        BigDecimal lowest = before.get(0);
        BigDecimal highest = before.get(before.size() - 1);
        BigDecimal value = total(looked.get(), direction);
        if (value.compareTo(highest.multiply(factor)) > 0
                || value.compareTo(lowest.divide(factor, 6, RoundingMode.HALF_UP)) < 0) {
            return Optional.of(new UnusualDay(day, direction, value.setScale(3, RoundingMode.HALF_UP),
                    lowest.setScale(3, RoundingMode.HALF_UP), highest.setScale(3, RoundingMode.HALF_UP)));
        }
        return Optional.empty();
    }

    private static BigDecimal total(DailyUsage day, Direction direction) {
        return direction == Direction.OFFTAKE ? day.totalOfftake() : day.totalInjection();
    }

    /**
     * How many whole days have no data: from the local day the newest stored period ends on, up to today (Fluvius
     * is a day late, so yesterday's data ends today at midnight and a meter up to date has 0).
     */
    public static long daysWithoutData(Instant lastPeriodEnd, LocalDate today, ZoneId zone) {
        return Math.max(0, ChronoUnit.DAYS.between(lastPeriodEnd.atZone(zone).toLocalDate(), today));
    }

    static Optional<BigDecimal> median(java.util.Collection<BigDecimal> values, int atLeast) {
        if (values.size() < atLeast || values.isEmpty()) {
            return Optional.empty();
        }
        List<BigDecimal> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        BigDecimal median = n % 2 == 1 ? sorted.get(n / 2)
                : sorted.get(n / 2 - 1).add(sorted.get(n / 2)).divide(BigDecimal.valueOf(2), 6, RoundingMode.HALF_UP);
        return Optional.of(median);
    }
}
