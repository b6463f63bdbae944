package be.meterkast.analysis;

import be.meterkast.domain.time.LocalDays;
import be.meterkast.domain.Defect;
import be.meterkast.domain.Direction;
import be.meterkast.domain.MeterKind;
import be.meterkast.domain.Reading;
import be.meterkast.domain.Tariff;
import be.meterkast.domain.Unit;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/** Pure functions from readings to days and periods. No I/O, no clock: the caller says which days. */
public final class DailyAnalysis {
    private DailyAnalysis() {
    }

    /**
     * Keeps one reading per period, register, direction and unit: the last one given. Feed readings oldest
     * first and a correction (estimated → validated) replaces the value it corrects instead of adding to it.
     */
    public static List<Reading> latest(Collection<Reading> readings) {
        Map<Reading.Key, Reading> byKey = new LinkedHashMap<>();
        for (Reading r : readings) {
            byKey.remove(r.key());
            byKey.put(r.key(), r);
        }
        return new ArrayList<>(byKey.values());
    }

    /**
     * Sums readings of one unit into local days, keyed by the local date their period starts on (a gas day
     * that starts at 06:00 belongs to that date). Readings in other units are left out, never added: gas
     * comes in m³ and in kWh for the same flow.
     */
    public static List<DailyUsage> daily(Collection<Reading> readings, ZoneId zone, Unit unit) {
        return daily(readings, zone, unit, LocalTime.MIDNIGHT);
    }

    /**
     * As {@link #daily(Collection, ZoneId, Unit)}, for days that start at {@code dayStart} local time: with
     * 06:00, the gas hours from midnight to 06:00 count for the gas day before.
     *
     * <p>A meter with day and night registers reports a register that did not count on a day (the day
     * register on a weekend) either as zero or not at all; both come out here as zero, so the two forms
     * give the same day.
     */
    public static List<DailyUsage> daily(Collection<Reading> readings, ZoneId zone, Unit unit, LocalTime dayStart) {
        Map<LocalDate, Map<Tariff, BigDecimal>> offtake = new TreeMap<>();
        Map<LocalDate, Map<Tariff, BigDecimal>> injection = new TreeMap<>();
        Map<LocalDate, Boolean> estimated = new TreeMap<>();
        for (Reading r : latest(readings)) {
            if (r.unit() != unit) {
                continue;
            }
            LocalDate day = LocalDays.dayOf(r.start(), zone, dayStart);
            var target = r.direction() == Direction.OFFTAKE ? offtake : injection;
            target.computeIfAbsent(day, d -> DailyUsage.emptyRegisters()).merge(r.tariff(), r.value(), BigDecimal::add);
            (r.direction() == Direction.OFFTAKE ? injection : offtake).computeIfAbsent(day, d -> DailyUsage.emptyRegisters());
            estimated.merge(day, r.estimated(), Boolean::logicalOr);
        }
        List<DailyUsage> days = new ArrayList<>();
        for (LocalDate day : estimated.keySet()) {
            fillDayAndNight(offtake.get(day), injection.get(day));
            days.add(new DailyUsage(day, unit, offtake.get(day), injection.get(day), estimated.get(day)));
        }
        return days;
    }

    /**
     * The readings of one unit per period (hour or quarter-hour), oldest first, each period's registers as
     * they came: an hour counts on one register, so no register is filled in.
     */
    public static List<IntervalUsage> intervals(Collection<Reading> readings, Unit unit) {
        Map<Instant, List<Reading>> byStart = new TreeMap<>();
        for (Reading r : latest(readings)) {
            if (r.unit() == unit) {
                byStart.computeIfAbsent(r.start(), s -> new ArrayList<>()).add(r);
            }
        }
        List<IntervalUsage> intervals = new ArrayList<>();
        for (List<Reading> period : byStart.values()) {
            Map<Tariff, BigDecimal> offtake = DailyUsage.emptyRegisters();
            Map<Tariff, BigDecimal> injection = DailyUsage.emptyRegisters();
            boolean estimated = false;
            for (Reading r : period) {
                (r.direction() == Direction.OFFTAKE ? offtake : injection).merge(r.tariff(), r.value(), BigDecimal::add);
                estimated |= r.estimated();
            }
            Reading first = period.get(0);
            intervals.add(new IntervalUsage(first.start(), first.end(), unit, offtake, injection, estimated));
        }
        return intervals;
    }

    private static void fillDayAndNight(Map<Tariff, BigDecimal> offtake, Map<Tariff, BigDecimal> injection) {
        boolean twoRegisters = Stream.of(offtake, injection)
                .anyMatch(m -> m.containsKey(Tariff.DAY) || m.containsKey(Tariff.NIGHT));
        if (twoRegisters) {
            for (Map<Tariff, BigDecimal> registers : List.of(offtake, injection)) {
                registers.putIfAbsent(Tariff.DAY, BigDecimal.ZERO);
                registers.putIfAbsent(Tariff.NIGHT, BigDecimal.ZERO);
            }
        }
    }

    /**
     * The days with the defect Fluvius' response had, marked incomplete: what arrived is kept, but the day is
     * never shown as a whole one.
     */
    public static List<DailyUsage> markIncomplete(List<DailyUsage> days, Map<LocalDate, Defect> incomplete) {
        if (incomplete.isEmpty()) {
            return days;
        }
        return days.stream().map(d -> incomplete.containsKey(d.day()) ? d.markedIncomplete(incomplete.get(d.day())) : d)
                .toList();
    }

    /** The days from {@code first} to {@code last}; days without data are listed as missing. */
    public static PeriodSummary summarize(List<DailyUsage> days, LocalDate first, LocalDate last, Unit unit) {
        Map<LocalDate, DailyUsage> byDay = new TreeMap<>();
        for (DailyUsage d : days) {
            if (!d.day().isBefore(first) && !d.day().isAfter(last)) {
                byDay.put(d.day(), d);
            }
        }
        List<LocalDate> missing = new ArrayList<>();
        for (LocalDate day : LocalDays.between(first, last)) {
            if (!byDay.containsKey(day)) {
                missing.add(day);
            }
        }
        Map<Tariff, BigDecimal> offtake = DailyUsage.emptyRegisters();
        Map<Tariff, BigDecimal> injection = DailyUsage.emptyRegisters();
        for (DailyUsage d : byDay.values()) {
            d.offtake().forEach((t, v) -> offtake.merge(t, v, BigDecimal::add));
            d.injection().forEach((t, v) -> injection.merge(t, v, BigDecimal::add));
        }
        return new PeriodSummary(first, last, unit, new ArrayList<>(byDay.values()), missing, offtake, injection);
    }

    /**
     * Only the readings that cover a whole (gas) day. The store keeps days and quarter-hours of the same
     * meter side by side; summing both would count everything twice.
     */
    public static List<Reading> wholeDays(Collection<Reading> readings) {
        return readings.stream().filter(r -> !java.time.Duration.between(r.start(), r.end()).minusHours(23).isNegative())
                .toList();
    }

    /** Only the quarter-hour readings. */
    public static List<Reading> quarterHours(Collection<Reading> readings) {
        return readings.stream().filter(r -> java.time.Duration.between(r.start(), r.end()).toMinutes() == 15).toList();
    }

    /** Gas is recognised by its m³ readings: electricity never comes in m³. */
    public static MeterKind kindOf(Collection<Reading> readings) {
        return readings.stream().anyMatch(r -> r.unit() == Unit.M3) ? MeterKind.GAS : MeterKind.ELECTRICITY;
    }
}
