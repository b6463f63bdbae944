package be.meterkast.web.compare;

import be.meterkast.analysis.Comparison;
import be.meterkast.analysis.Comparison.Measure;
import be.meterkast.analysis.DailyUsage;
import be.meterkast.analysis.PeriodSummary;
import be.meterkast.domain.Unit;
import be.meterkast.store.Meter;
import be.meterkast.domain.time.LocalDays;
import be.meterkast.web.ChartData;
import be.meterkast.web.Format;
import be.meterkast.web.Templates;
import be.meterkast.app.readings.DailyData;

import java.math.BigDecimal;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * What the compare page shows, ready for the template: the compared periods grouped by unit (kWh never next
 * to m³ in one total, chart or ranking), each group with totals, ranking, differences, days and weekdays.
 * Missing values are {@code null} so the template can say "no data" instead of showing zero.
 */
public final class ComparisonView {
    private static final String[] COLORS = {"#0b6e4f", "#c2410c", "#1d4ed8", "#a21caf", "#ca8a04", "#0f766e", "#be123c", "#4d7c0f"};

    private ComparisonView() {
    }

    /** One compared period: a meter over the chosen period, or over the period a year earlier. */
    public record Column(String label, Meter meter, PeriodSummary summary) {
        public Unit unit() {
            return summary.unit();
        }
    }

    /** Totals of a column, its place among the columns of its unit and how it differs from the reference. */
    public record TotalRow(Column column, BigDecimal averagePerDay, Integer rank, BigDecimal behindFirst,
                           Comparison.Difference difference, BigDecimal measureTotal) {
    }

    /**
     * One line of the day table: the date in each column (null past a shorter period), the value or null, and
     * whether that day is estimated or came incomplete from Fluvius.
     */
    public record DayRow(List<LocalDate> dates, List<BigDecimal> values, List<Boolean> estimated,
                         List<Boolean> incomplete, String label, List<Cell> cells) {
        public LocalDate firstDate() {
            return dates.stream().filter(java.util.Objects::nonNull).findFirst().orElse(null);
        }

        /** The first column's day, formatted; a JavaBean property so the template reads it without a method call. */
        public String getLabel() {
            return label;
        }

        public List<Cell> getCells() {
            return cells;
        }
    }

    /**
     * One cell of the day table, formatted before rendering: the template reads properties (looked up once by
     * OGNL and cached) instead of calling methods with arguments for every cell.
     */
    public static final class Cell {
        private final String amount;
        private final String cssClass;
        private final boolean incomplete;
        private final String missingText;
        private final String date;

        Cell(String amount, String cssClass, boolean incomplete, String missingText, String date) {
            this.amount = amount;
            this.cssClass = cssClass;
            this.incomplete = incomplete;
            this.missingText = missingText;
            this.date = date;
        }

        /** The value, formatted; null when the column has no value that day. */
        public String getAmount() {
            return amount;
        }

        public String getCssClass() {
            return cssClass;
        }

        /** A value that came incomplete from Fluvius. */
        public boolean isIncomplete() {
            return incomplete;
        }

        /** "no data" for a day of the column's period without a value, empty past a shorter period. */
        public String getMissingText() {
            return missingText;
        }

        /** The column's own date of this line. */
        public String getDate() {
            return date;
        }
    }

    public record WeekdayRow(String weekday, List<BigDecimal> averages, List<Integer> days) {
    }

    public record Group(String unit, List<Column> columns, List<TotalRow> totals, String reference,
                        List<DayRow> days, List<WeekdayRow> weekdays, String chartId, String chartJson) {
    }

    /**
     * Groups the columns by unit and computes everything the page shows; {@code referenceIndex} picks the
     * column the others are measured against (within its unit group; else each group's first column).
     */
    public static List<Group> groups(List<Column> columns, Measure measure, int referenceIndex, Locale locale) {
        Map<Unit, List<Column>> byUnit = new LinkedHashMap<>();
        columns.forEach(c -> byUnit.computeIfAbsent(c.unit(), u -> new ArrayList<>()).add(c));
        Column preferred = columns.isEmpty() ? null : columns.get(referenceIndex);
        List<Group> groups = new ArrayList<>();
        for (Map.Entry<Unit, List<Column>> entry : byUnit.entrySet()) {
            List<Column> group = entry.getValue();
            Column reference = group.contains(preferred) ? preferred : group.get(0);
            groups.add(group(entry.getKey(), group, reference, measure, locale, "chart-" + groups.size()));
        }
        return groups;
    }

    private static Group group(Unit unit, List<Column> columns, Column reference, Measure measure, Locale locale,
                               String chartId) {
        Map<Integer, PeriodSummary> byIndex = new LinkedHashMap<>();
        for (int i = 0; i < columns.size(); i++) {
            byIndex.put(i, columns.get(i).summary());
        }
        Map<Integer, Comparison.Ranked<Integer>> ranks = new LinkedHashMap<>();
        Comparison.rank(byIndex, measure).forEach(r -> ranks.put(r.key(), r));
        List<TotalRow> totals = new ArrayList<>();
        for (int i = 0; i < columns.size(); i++) {
            Column c = columns.get(i);
            Comparison.Ranked<Integer> ranked = ranks.get(i);
            totals.add(new TotalRow(c, Comparison.averagePerDay(c.summary(), measure).orElse(null),
                    ranked == null ? null : ranked.rank(), ranked == null ? null : ranked.behindFirst(),
                    c == reference ? null : Comparison.difference(c.summary(), reference.summary(), measure),
                    measure.of(c.summary())));
        }

        List<PeriodSummary> periods = columns.stream().map(Column::summary).toList();
        Format fmt = new Format(locale, LocalDays.BRUSSELS);
        String noData = Templates.text(locale, "table.missing");
        List<DayRow> days = new ArrayList<>();
        for (Comparison.AlignedDay line : Comparison.align(periods)) {
            List<BigDecimal> values = new ArrayList<>();
            List<Boolean> estimated = new ArrayList<>();
            List<Boolean> incomplete = new ArrayList<>();
            List<Cell> cells = new ArrayList<>();
            for (int i = 0; i < line.usage().size(); i++) {
                Optional<DailyUsage> usage = line.usage().get(i);
                BigDecimal value = usage.map(measure::of).orElse(null);
                boolean isEstimated = usage.map(DailyUsage::estimated).orElse(false);
                boolean isIncomplete = usage.map(DailyUsage::isIncomplete).orElse(false);
                values.add(value);
                estimated.add(isEstimated);
                incomplete.add(isIncomplete);
                LocalDate date = line.dates().get(i);
                cells.add(new Cell(value == null ? null : fmt.amount(value),
                        value == null ? "missing" : isIncomplete ? "incomplete" : isEstimated ? "estimated" : "",
                        value != null && isIncomplete, date == null ? "" : noData, fmt.date(date)));
            }
            LocalDate first = line.dates().stream().filter(java.util.Objects::nonNull).findFirst().orElse(null);
            days.add(new DayRow(line.dates(), values, estimated, incomplete, fmt.day(first), cells));
        }

        List<List<Comparison.WeekdayAverage>> profiles = periods.stream()
                .map(p -> Comparison.weekdayProfile(p.days(), measure)).toList();
        List<WeekdayRow> weekdays = new ArrayList<>();
        for (DayOfWeek weekday : DayOfWeek.values()) {
            int w = weekday.getValue() - 1;
            weekdays.add(new WeekdayRow(weekday.getDisplayName(TextStyle.FULL, locale),
                    profiles.stream().map(p -> p.get(w).average().orElse(null)).toList(),
                    profiles.stream().map(p -> p.get(w).days()).toList()));
        }
        return new Group(unit.symbol(), columns, totals, reference.label(), days, weekdays, chartId,
                chart(unit, columns, days));
    }

    /** The chart's data for charts.js: the first column's dates on the x axis, one line per column, gaps for missing days. */
    static String chart(Unit unit, List<Column> columns, List<DayRow> days) {
        List<Long> x = new java.util.ArrayList<>();
        LocalDate first = columns.get(0).summary().firstDay();
        for (int i = 0; i < days.size(); i++) {
            x.add(DailyData.from(first.plusDays(i)).getEpochSecond());
        }
        ChartData chart = ChartData.lines(unit.symbol()).daily().x(x);
        for (int c = 0; c < columns.size(); c++) {
            int column = c;
            chart.series(columns.get(c).label(), COLORS[c % COLORS.length], days.stream().map(day -> day.values().get(column)).toList());
        }
        return chart.encode();
    }
}
