package be.meterkast.cli;

import be.meterkast.domain.time.LocalDays;
import be.meterkast.analysis.DailyUsage;
import be.meterkast.analysis.IntervalUsage;
import be.meterkast.analysis.PeriodSummary;
import be.meterkast.domain.Tariff;
import be.meterkast.domain.Unit;

import java.io.PrintWriter;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.TextStyle;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The analysis as the original script printed it: per day, then for the whole period. With hours, each day
 * lists its hours first; the day's totals below them are their sums.
 */
final class ConsoleReport {
    /** Local wall-clock times, with the offset so the repeated hour of the October night is told apart. */
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm");
    private static final DateTimeFormatter OFFSET = DateTimeFormatter.ofPattern("xxx");

    private final PrintWriter out;

    ConsoleReport(PrintWriter out) {
        this.out = out;
    }

    void print(PeriodSummary period) {
        print(period, Map.of(), ZoneOffset.UTC);
    }

    /** {@code intervals}: the hours of each day, by the same day keys as the period's days. */
    void print(PeriodSummary period, Map<LocalDate, List<IntervalUsage>> intervals, ZoneId zone) {
        Map<LocalDate, DailyUsage> byDay = new TreeMap<>();
        period.days().forEach(d -> byDay.put(d.day(), d));
        int n = 0;
        for (LocalDate day : LocalDays.between(period.firstDay(), period.lastDay())) {
            n++;
            DailyUsage usage = byDay.get(day);
            String header = "Day " + n + ": " + day + " (" + day.getDayOfWeek().getDisplayName(TextStyle.FULL, Locale.ENGLISH) + ")";
            if (usage == null) {
                out.println(header + " - no data (not published yet, or none recorded)");
                continue;
            }
            out.println(header + usage.incomplete().map(defect -> " - incomplete (" + defect.name().toLowerCase(Locale.ROOT)
                    .replace('_', ' ') + "): Fluvius did not send the day whole, these figures are only what arrived")
                    .orElse("") + (usage.estimated() ? " - estimated, Fluvius may still correct it" : ""));
            intervals.getOrDefault(day, List.of()).forEach(interval -> interval(interval, zone, period.unit()));
            if (usage.offtakeOnly()) {
                line("Offtake", usage.totalOfftake(), period.unit());
            } else {
                registers(usage.offtake(Tariff.DAY), usage.offtake(Tariff.NIGHT), usage.injection(Tariff.DAY),
                        usage.injection(Tariff.NIGHT), usage.offtake(Tariff.SINGLE), usage.injection(Tariff.SINGLE),
                        period.unit());
                line("Total offtake", usage.totalOfftake(), period.unit());
                line("Total injection", usage.totalInjection(), period.unit());
                line("Net", usage.net(), period.unit());
            }
        }
        out.println();
        out.println("Period " + period.firstDay() + " to " + period.lastDay() + ": " + period.days().size()
                + " of " + n + " days with data");
        if (period.offtakeOnly()) {
            line("Total offtake", period.totalOfftake(), period.unit());
            line("Average per day", period.averageNetPerDay(), period.unit());
            out.flush();
            return;
        } else {
            registers(period.offtake(Tariff.DAY), period.offtake(Tariff.NIGHT), period.injection(Tariff.DAY),
                    period.injection(Tariff.NIGHT), period.offtake(Tariff.SINGLE), period.injection(Tariff.SINGLE),
                    period.unit());
            line("Total offtake", period.totalOfftake(), period.unit());
            line("Total injection", period.totalInjection(), period.unit());
            line("Net", period.net(), period.unit());
        }
        line("Average net per day", period.averageNetPerDay(), period.unit());
        out.flush();
    }

    private void interval(IntervalUsage interval, ZoneId zone, Unit unit) {
        ZonedDateTime start = interval.start().atZone(zone);
        String when = CLOCK.format(start) + "\u2013" + CLOCK.format(interval.end().atZone(zone)) + " " + OFFSET.format(start);
        if (interval.offtakeOnly()) {
            out.printf(Locale.ROOT, "   %-20s %-7s offtake %12s %s%n", when, "", format(interval.totalOfftake()),
                    unit.symbol());
            return;
        }
        for (Tariff tariff : Tariff.values()) {
            if (interval.offtake().containsKey(tariff) || interval.injection().containsKey(tariff)) {
                out.printf(Locale.ROOT, "   %-20s %-7s offtake %12s %s   injection %12s %s%n", when, label(tariff),
                        format(interval.offtake(tariff)), unit.symbol(), format(interval.injection(tariff)),
                        unit.symbol());
            }
        }
    }

    private static String label(Tariff tariff) {
        return switch (tariff) {
            case DAY -> "day";
            case NIGHT -> "night";
            case SINGLE -> "single";
        };
    }

    private void registers(BigDecimal offtakeDay, BigDecimal offtakeNight, BigDecimal injectionDay,
                           BigDecimal injectionNight, BigDecimal offtakeSingle, BigDecimal injectionSingle,
                           Unit unit) {
        line("Offtake day", offtakeDay, unit);
        line("Offtake night", offtakeNight, unit);
        if (offtakeSingle.signum() != 0) {
            line("Offtake single register", offtakeSingle, unit);
        }
        line("Injection day", injectionDay, unit);
        line("Injection night", injectionNight, unit);
        if (injectionSingle.signum() != 0) {
            line("Injection single register", injectionSingle, unit);
        }
    }

    private void line(String label, BigDecimal value, Unit unit) {
        out.printf(Locale.ROOT, "   %-24s %12s %s%n", label + ":", format(value), unit.symbol());
    }

    /** At least three decimals (Wh for kWh, litre for m³); gas kWh keeps a fourth when it has one. */
    static String format(BigDecimal value) {
        return value.setScale(Math.max(3, value.stripTrailingZeros().scale())).toPlainString();
    }
}
