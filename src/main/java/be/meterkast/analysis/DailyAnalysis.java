package be.meterkast.analysis;

import be.meterkast.domain.Direction;
import be.meterkast.domain.MeterKind;
import be.meterkast.domain.Reading;
import be.meterkast.domain.Tariff;
import be.meterkast.domain.Unit;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

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
        Map<LocalDate, Map<Tariff, BigDecimal>> offtake = new TreeMap<>();
        Map<LocalDate, Map<Tariff, BigDecimal>> injection = new TreeMap<>();
        Map<LocalDate, Boolean> estimated = new TreeMap<>();
        for (Reading r : latest(readings)) {
            if (r.unit() != unit) {
                continue;
            }
            LocalDate day = r.start().atZone(zone).toLocalDate();
            var target = r.direction() == Direction.OFFTAKE ? offtake : injection;
            target.computeIfAbsent(day, d -> DailyUsage.emptyRegisters()).merge(r.tariff(), r.value(), BigDecimal::add);
            (r.direction() == Direction.OFFTAKE ? injection : offtake).computeIfAbsent(day, d -> DailyUsage.emptyRegisters());
            estimated.merge(day, r.estimated(), Boolean::logicalOr);
        }
        List<DailyUsage> days = new ArrayList<>();
        for (LocalDate day : estimated.keySet()) {
            days.add(new DailyUsage(day, unit, offtake.get(day), injection.get(day), estimated.get(day)));
        }
        return days;
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
        for (LocalDate day = first; !day.isAfter(last); day = day.plusDays(1)) {
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
