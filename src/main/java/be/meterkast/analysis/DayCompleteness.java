package be.meterkast.analysis;

import be.meterkast.domain.BadValue;
import be.meterkast.domain.Defect;
import be.meterkast.domain.Direction;
import be.meterkast.domain.IncompleteDay;
import be.meterkast.domain.Measurements;
import be.meterkast.domain.MeterKind;
import be.meterkast.domain.Reading;
import be.meterkast.domain.Resolution;
import be.meterkast.domain.Tariff;
import be.meterkast.domain.Unit;
import be.meterkast.domain.time.LocalDays;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Which days of a history response are whole. Pure: the caller gives the response and the meter's stored days
 * around it.
 *
 * <p>A day is incomplete when a value of it was {@code null} or unreadable (in the meter's unit, when the
 * value's unit could be read), or when a reading is missing:
 * <ul>
 *   <li>gas: the day has no reading in the meter's unit (m³ or kWh);</li>
 *   <li>electricity: the day lacks a register — a (tariff, direction) pair — that the meter reported on a day
 *       in the {@value #NEIGHBOURHOOD_DAYS} days before it and, unless it is the newest day known, on a day in
 *       the {@value #NEIGHBOURHOOD_DAYS} days after it. A day without any day-register value counted on the
 *       night register only (weekends, holidays with some suppliers): Fluvius leaves that register out or
 *       sends 0.0, both fine. So a single-register meter, a meter without injection, the days before solar
 *       panels were connected and after a meter was replaced are never flagged for it;</li>
 *   <li>quarter-hours and hours: the day holds fewer periods than it lasts (96 quarter-hours, 92 or 100 on
 *       DST days). A day that has none at all is not marked: meters without quarter-hour data send none.</li>
 * </ul>
 * Days a response holds nothing for are neither whole nor incomplete: not published yet.
 */
public final class DayCompleteness {
    /** How far around a day the registers it should have are looked for. */
    public static final int NEIGHBOURHOOD_DAYS = 7;

    private DayCompleteness() {
    }

    /** The days a response held something for, split into whole ones and incomplete ones. */
    public record Verdict(Resolution resolution, Set<LocalDate> whole, List<IncompleteDay> incomplete) {
        public Verdict {
            whole = Set.copyOf(whole);
            incomplete = List.copyOf(incomplete);
        }
    }

    /**
     * A daily response. {@code stored} are the meter's stored readings of the days around it (any resolution:
     * only whole days count), so a register's presence is judged beyond the response's own days.
     */
    public static Verdict daily(MeterKind kind, Unit unit, ZoneId zone, Measurements fetched,
                                Collection<Reading> stored) {
        LocalTime dayStart = LocalDays.dayStart(kind);
        NavigableMap<LocalDate, Set<Register>> fetchedRegisters = registersByDay(
                DailyAnalysis.wholeDays(fetched.readings()), unit, zone, dayStart);
        NavigableMap<LocalDate, Set<Register>> known = registersByDay(DailyAnalysis.wholeDays(stored), unit, zone, dayStart);
        fetchedRegisters.forEach((day, registers) -> known.merge(day, registers, (a, b) -> {
            Set<Register> both = new HashSet<>(a);
            both.addAll(b);
            return both;
        }));
        Map<LocalDate, Defect> defects = badValues(fetched.badValues(), unit, zone, dayStart);
        Set<LocalDate> days = new TreeSet<>(fetchedRegisters.keySet());
        days.addAll(defects.keySet());
        for (LocalDate day : fetchedRegisters.keySet()) {
            Set<Register> registers = fetchedRegisters.get(day);
            boolean missing = kind == MeterKind.GAS
                    ? registers.isEmpty()
                    : expected(known, day).stream().anyMatch(r -> !registers.contains(r) && !nightOnly(r, registers));
            if (missing) {
                defects.merge(day, Defect.MISSING_REGISTER, DayCompleteness::first);
            }
        }
        return verdict(Resolution.DAY, days, defects);
    }

    /**
     * A quarter-hour or hourly response for one local (gas) day: whole when it holds every period of the day
     * in the meter's unit and no bad value.
     */
    public static Verdict intervals(MeterKind kind, Unit unit, ZoneId zone, Resolution resolution, LocalDate day,
                                    Measurements fetched) {
        return intervals(kind, unit, zone, resolution, day, fetched, false);
    }

    /**
     * The same for a day Fluvius may still be publishing ({@code arriving}: among the newest days, gas hours
     * coming in through the day): its periods from the day's start on without a gap, only the last ones not
     * there yet, are not judged; the next run reads the day again anyway.
     */
    public static Verdict intervals(MeterKind kind, Unit unit, ZoneId zone, Resolution resolution, LocalDate day,
                                    Measurements fetched, boolean arriving) {
        LocalTime dayStart = LocalDays.dayStart(kind);
        Duration step = resolution.step();
        Set<Instant> starts = new HashSet<>();
        boolean any = false;
        for (Reading r : fetched.readings()) {
            if (LocalDays.dayOf(r.start(), zone, dayStart).equals(day)
                    && Duration.between(r.start(), r.end()).equals(step)) {
                any = true;
                if (r.unit() == unit) {
                    starts.add(r.start());
                }
            }
        }
        Map<LocalDate, Defect> defects = badValues(fetched.badValues(), unit, zone, dayStart);
        defects.keySet().retainAll(Set.of(day));
        if (!any && defects.isEmpty()) {
            return verdict(resolution, Set.of(), defects);
        }
        if (starts.size() < LocalDays.periods(day, zone, dayStart, step)) {
            if (arriving && defects.isEmpty() && unbrokenFromStart(starts, LocalDays.start(day, zone, dayStart), step)) {
                return verdict(resolution, Set.of(), defects);
            }
            defects.merge(day, Defect.MISSING_INTERVALS, DayCompleteness::first);
        }
        return verdict(resolution, Set.of(day), defects);
    }

    private static boolean unbrokenFromStart(Set<Instant> starts, Instant dayStart, Duration step) {
        for (int i = 0; i < starts.size(); i++) {
            if (!starts.contains(dayStart.plus(step.multipliedBy(i)))) {
                return false;
            }
        }
        return true;
    }

    private record Register(Tariff tariff, Direction direction) {
    }

    /** The registers a day should have: reported before it, and after it unless nothing after it is known. */
    private static Set<Register> expected(NavigableMap<LocalDate, Set<Register>> known, LocalDate day) {
        Set<Register> before = union(known.subMap(day.minusDays(NEIGHBOURHOOD_DAYS), true, day, false).values());
        NavigableMap<LocalDate, Set<Register>> afterDays = known.subMap(day, false, day.plusDays(NEIGHBOURHOOD_DAYS), true);
        if (!afterDays.isEmpty()) {
            before.retainAll(union(afterDays.values()));
        }
        return before;
    }

    /** A day without any day-register value was counted on the night register only. */
    private static boolean nightOnly(Register missing, Set<Register> registers) {
        return missing.tariff() == Tariff.DAY && registers.stream().noneMatch(r -> r.tariff() == Tariff.DAY);
    }

    private static Set<Register> union(Collection<Set<Register>> sets) {
        Set<Register> all = new HashSet<>();
        sets.forEach(all::addAll);
        return all;
    }

    private static NavigableMap<LocalDate, Set<Register>> registersByDay(Collection<Reading> readings, Unit unit,
                                                                          ZoneId zone, LocalTime dayStart) {
        NavigableMap<LocalDate, Set<Register>> byDay = new TreeMap<>();
        for (Reading r : readings) {
            Set<Register> registers = byDay.computeIfAbsent(LocalDays.dayOf(r.start(), zone, dayStart), d -> new HashSet<>());
            if (r.unit() == unit) {
                registers.add(new Register(r.tariff(), r.direction()));
            }
        }
        return byDay;
    }

    /** Bad values by day; those in another unit than the meter's (gas comes in two) do not count. */
    private static Map<LocalDate, Defect> badValues(List<BadValue> values, Unit unit, ZoneId zone, LocalTime dayStart) {
        Map<LocalDate, Defect> byDay = new TreeMap<>();
        for (BadValue bad : values) {
            if (bad.unit().map(u -> u == unit).orElse(true)) {
                byDay.merge(LocalDays.dayOf(bad.periodStart(), zone, dayStart), bad.defect(), DayCompleteness::first);
            }
        }
        return byDay;
    }

    private static Defect first(Defect a, Defect b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    private static Verdict verdict(Resolution resolution, Set<LocalDate> days, Map<LocalDate, Defect> defects) {
        Set<LocalDate> whole = new TreeSet<>(days);
        whole.removeAll(defects.keySet());
        List<IncompleteDay> incomplete = defects.entrySet().stream()
                .map(e -> new IncompleteDay(e.getKey(), resolution, e.getValue())).toList();
        return new Verdict(resolution, whole, incomplete);
    }
}
