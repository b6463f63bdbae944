package be.meterkast.analysis.costs;

import be.meterkast.domain.TariffPeriod;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The cost of a meter's days {@code first} to {@code last}: each day, and their total. */
public record Costs(LocalDate first, LocalDate last, List<DayCost> days) {
    public Costs {
        days = List.copyOf(days);
    }

    /** The exact sum of the days. */
    public CostLines total() {
        return days.stream().map(DayCost::lines).reduce(CostLines.ZERO, CostLines::plus);
    }

    /** The tariff periods the days were priced with, oldest first. */
    public List<TariffPeriod> periodsUsed() {
        return days.stream().flatMap(d -> d.period().stream()).distinct().toList();
    }

    /** For each thing not known, the days it was missing on, in order. */
    public Map<Missing, List<LocalDate>> missing() {
        Map<Missing, List<LocalDate>> byWhat = new TreeMap<>();
        for (DayCost day : days) {
            day.missing().forEach(m -> byWhat.computeIfAbsent(m, k -> new ArrayList<>()).add(day.day()));
        }
        return byWhat;
    }

    /** The days summed per calendar month, in order; each month's missing things merged. */
    public Map<YearMonth, MonthCost> months() {
        Map<YearMonth, List<DayCost>> byMonth = new LinkedHashMap<>();
        days.forEach(d -> byMonth.computeIfAbsent(YearMonth.from(d.day()), m -> new ArrayList<>()).add(d));
        Map<YearMonth, MonthCost> months = new LinkedHashMap<>();
        byMonth.forEach((month, list) -> months.put(month, new MonthCost(month,
                list.stream().map(DayCost::lines).reduce(CostLines.ZERO, CostLines::plus),
                new Costs(list.get(0).day(), list.get(list.size() - 1).day(), list).missing().keySet())));
        return months;
    }

    /** A month's (or the part of a month asked for) cost. */
    public record MonthCost(YearMonth month, CostLines lines, java.util.Set<Missing> missing) {
        public MonthCost {
            missing = java.util.Set.copyOf(missing);
        }
    }
}
