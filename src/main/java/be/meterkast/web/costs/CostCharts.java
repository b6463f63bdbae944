package be.meterkast.web.costs;

import be.meterkast.analysis.costs.UsageAndCost.Bucket;
import be.meterkast.domain.time.LocalDays;
import be.meterkast.web.ChartData;
import be.meterkast.web.Templates;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The month and year views' charts, drawn by {@code charts.js}: bars of offtake (night under day) above the axis
 * and injection below it; in the year view the year before's bar stands beside each month's, and net has a chart
 * of its own. The tables beside them hold the same figures.
 */
final class CostCharts {
    /** The year before's bar of a month stands this many days after the month's own. */
    private static final int BESIDE_DAYS = 12;

    private CostCharts() {
    }

    /** One stacked bar a day. */
    static String days(List<Bucket> days, Locale locale) {
        List<Long> x = new ArrayList<>();
        List<BigDecimal> all = new ArrayList<>();
        List<BigDecimal> day = new ArrayList<>();
        List<BigDecimal> injection = new ArrayList<>();
        for (Bucket b : days) {
            x.add(epoch(b.first()));
            all.add(b.daysWithData() == 0 ? null : b.offtake());
            day.add(b.daysWithData() == 0 ? null : b.offtakeDay().add(b.offtakeSingle()));
            injection.add(b.daysWithData() == 0 ? null : b.injection().negate());
        }
        return ChartData.bars("kWh").daily().x(x).stacked()
                .series(Templates.text(locale, "costs.year.offtakeNight"), "#7c2d12", all)
                .series(Templates.text(locale, "costs.year.offtakeDay"), "#ea580c", day)
                .series(Templates.text(locale, "costs.year.injection"), "#22c55e", injection).encode();
    }

    /** Each month's stacked bar, the year before's beside it. */
    static String months(List<Bucket> months, Map<java.time.YearMonth, Bucket> before, Locale locale) {
        List<Long> x = new ArrayList<>();
        List<List<BigDecimal>> series = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            series.add(new ArrayList<>());
        }
        for (Bucket m : months) {
            Bucket previous = before.get(m.month().minusYears(1));
            x.add(epoch(m.first()));
            add(series, 0, m);
            x.add(epoch(m.first().plusDays(BESIDE_DAYS)));
            add(series, 3, previous);
        }
        return ChartData.bars("kWh").x(x).stacked()
                .series(Templates.text(locale, "costs.year.offtakeNight"), "#7c2d12", series.get(0))
                .series(Templates.text(locale, "costs.year.offtakeDay"), "#ea580c", series.get(1))
                .series(Templates.text(locale, "costs.year.beforeOfftakeNight"), "#78716c", series.get(3))
                .series(Templates.text(locale, "costs.year.beforeOfftakeDay"), "#a8a29e", series.get(4))
                .series(Templates.text(locale, "costs.year.injection"), "#22c55e", series.get(2))
                .series(Templates.text(locale, "costs.year.beforeInjection"), "#86efac", series.get(5)).encode();
    }

    /** Net per month, the year before's beside it. */
    static String net(List<Bucket> months, Map<java.time.YearMonth, Bucket> before, Locale locale) {
        List<Long> x = new ArrayList<>();
        List<BigDecimal> now = new ArrayList<>();
        List<BigDecimal> then = new ArrayList<>();
        for (Bucket m : months) {
            Bucket previous = before.get(m.month().minusYears(1));
            x.add(epoch(m.first()));
            now.add(m.daysWithData() == 0 ? null : m.net());
            then.add(null);
            x.add(epoch(m.first().plusDays(BESIDE_DAYS)));
            now.add(null);
            then.add(previous == null || previous.daysWithData() == 0 ? null : previous.net());
        }
        return ChartData.bars("kWh").x(x)
                .series(Templates.text(locale, "costs.year.net"), "#2563eb", now)
                .series(Templates.text(locale, "costs.year.beforeNet"), "#93c5fd", then).encode();
    }

    /** Slots {@code from}..{@code from + 2}: offtake (the running sum under day), day, injection; the other three get a gap. */
    private static void add(List<List<BigDecimal>> series, int from, Bucket b) {
        boolean data = b != null && b.daysWithData() > 0;
        for (int i = 0; i < 6; i++) {
            int slot = i - from;
            BigDecimal value = null;
            if (data && slot == 0) {
                value = b.offtake();
            } else if (data && slot == 1) {
                value = b.offtakeDay().add(b.offtakeSingle());
            } else if (data && slot == 2) {
                value = b.injection().negate();
            }
            series.get(i).add(value);
        }
    }

    private static long epoch(LocalDate day) {
        return day.atStartOfDay(LocalDays.BRUSSELS).toEpochSecond();
    }
}
