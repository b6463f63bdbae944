package be.meterkast.web.exports;

import be.meterkast.domain.time.LocalDays;
import be.meterkast.analysis.DailyUsage;
import be.meterkast.analysis.PeriodSummary;
import be.meterkast.domain.MeterKind;
import be.meterkast.domain.Reading;
import be.meterkast.domain.Tariff;
import be.meterkast.domain.Unit;
import be.meterkast.store.Meter;
import be.meterkast.app.readings.DailyData;
import be.meterkast.app.readings.StoredDays;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.text.Normalizer;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The export files of one meter over one period. Numbers are written with a decimal point whatever the
 * reader's language: three decimals (a Wh, a litre), four for gas in kWh, as Fluvius sends it.
 */
public final class DailyExport {
    static final String CRLF = "\r\n";
    static final String LONG_HEADER = "date,period_start,period_end,tariff,direction,unit,value,status,day";
    static final String WIDE_HEADER = "date,offtake_day,offtake_night,injection_day,injection_night,total_offtake,total_injection,net,status";
    /** The long file's {@code day} column: whether Fluvius sent the reading's day whole. */
    static final String WHOLE_DAY = "whole";
    private static final DateTimeFormatter INSTANT = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssXXX", Locale.ROOT);

    private DailyExport() {
    }

    /**
     * One row per stored daily reading whose day lies in [first, last], in every unit Fluvius sent; the last
     * column says whether the reading's day came whole ({@code whole}) or {@code incomplete}.
     */
    public static String longCsv(Meter meter, StoredDays stored, LocalDate first, LocalDate last) {
        StringBuilder csv = new StringBuilder(LONG_HEADER).append(CRLF);
        stored.readings().stream()
                .filter(r -> !DailyData.dayOf(r).isBefore(first) && !DailyData.dayOf(r).isAfter(last))
                .sorted(Comparator.comparing(Reading::start).thenComparing(Reading::tariff)
                        .thenComparing(Reading::direction).thenComparing(Reading::unit))
                .forEach(r -> csv.append(DailyData.dayOf(r)).append(',')
                        .append(INSTANT.format(r.start().atZone(LocalDays.BRUSSELS))).append(',')
                        .append(INSTANT.format(r.end().atZone(LocalDays.BRUSSELS))).append(',')
                        .append(r.tariff().name().toLowerCase(Locale.ROOT)).append(',')
                        .append(r.direction().name().toLowerCase(Locale.ROOT)).append(',')
                        .append(unitName(r.unit())).append(',')
                        .append(number(r.value(), decimals(meter, r.unit()))).append(',')
                        .append(r.estimated() ? DailyUsage.ESTIMATED : DailyUsage.VALIDATED).append(',')
                        .append(stored.dayIncomplete(DailyData.dayOf(r)) ? DailyUsage.INCOMPLETE : WHOLE_DAY).append(CRLF));
        return csv.toString();
    }

    /**
     * One row per day of the period in the meter's unit; a day without data has empty cells, as has a register
     * without a reading. The status is {@code validated}, {@code estimated} or {@code incomplete} (Fluvius did
     * not send the day whole: its numbers are only what arrived).
     */
    public static String wideCsv(Meter meter, PeriodSummary period) {
        int decimals = decimals(meter, period.unit());
        Map<LocalDate, DailyUsage> byDay = byDay(period);
        StringBuilder csv = new StringBuilder(WIDE_HEADER).append(CRLF);
        for (LocalDate day : LocalDays.between(period.firstDay(), period.lastDay())) {
            DailyUsage d = byDay.get(day);
            csv.append(day);
            if (d == null) {
                csv.append(",".repeat(7)).append(",missing");
            } else {
                csv.append(',').append(register(d.offtake(), Tariff.DAY, decimals))
                        .append(',').append(register(d.offtake(), Tariff.NIGHT, decimals))
                        .append(',').append(register(d.injection(), Tariff.DAY, decimals))
                        .append(',').append(register(d.injection(), Tariff.NIGHT, decimals))
                        .append(',').append(number(d.totalOfftake(), decimals))
                        .append(',').append(number(d.totalInjection(), decimals))
                        .append(',').append(number(d.net(), decimals))
                        .append(',').append(d.status());
            }
            csv.append(CRLF);
        }
        return csv.toString();
    }

    /** The wide file's numbers as JSON, with the meter, the period, the missing days and the totals. */
    public static JsonObject dailyJson(Meter meter, PeriodSummary period) {
        int decimals = decimals(meter, period.unit());
        Map<LocalDate, DailyUsage> byDay = byDay(period);
        JsonArray days = new JsonArray();
        for (LocalDate day : LocalDays.between(period.firstDay(), period.lastDay())) {
            DailyUsage d = byDay.get(day);
            JsonObject row = new JsonObject().put("date", day.toString());
            if (d == null) {
                row.put("status", "missing");
            } else {
                row.put("status", d.status());
                d.incomplete().ifPresent(defect -> row.put("incomplete", defect.name().toLowerCase(Locale.ROOT)));
                row
                        .put("offtake_day", registerValue(d.offtake(), Tariff.DAY, decimals))
                        .put("offtake_night", registerValue(d.offtake(), Tariff.NIGHT, decimals))
                        .put("injection_day", registerValue(d.injection(), Tariff.DAY, decimals))
                        .put("injection_night", registerValue(d.injection(), Tariff.NIGHT, decimals))
                        .put("total_offtake", scaled(d.totalOfftake(), decimals))
                        .put("total_injection", scaled(d.totalInjection(), decimals))
                        .put("net", scaled(d.net(), decimals));
            }
            days.add(row);
        }
        return new JsonObject()
                .put("meter", new JsonObject().put("id", meter.id()).put("label", meter.label()).put("ean", meter.ean())
                        .put("kind", meter.kind().name().toLowerCase(Locale.ROOT)).put("unit", unitName(period.unit())))
                .put("period", new JsonObject().put("first", period.firstDay().toString()).put("last", period.lastDay().toString()))
                .put("days", days)
                .put("missing_days", new JsonArray(period.missingDays().stream().map(LocalDate::toString).toList()))
                .put("incomplete_days", new JsonArray(period.incompleteDays().stream().map(LocalDate::toString).toList()))
                .put("totals", new JsonObject().put("days_with_data", period.days().size())
                        .put("incomplete_days", period.incompleteDays().size())
                        .put("total_offtake", scaled(period.totalOfftake(), decimals))
                        .put("total_injection", scaled(period.totalInjection(), decimals))
                        .put("net", scaled(period.net(), decimals)));
    }

    /** {@code meterkast-<label>-<ean>-<first>-<last>-<kind>}, safe in any file system. */
    public static String fileName(Meter meter, LocalDate first, LocalDate last, String kind) {
        return "meterkast-" + slug(meter.label()) + "-" + meter.ean() + "-" + first + "-" + last + "-" + kind;
    }

    static String slug(String label) {
        String plain = Normalizer.normalize(label == null ? "" : label, Normalizer.Form.NFD).replaceAll("\\p{M}", "");
        String slug = plain.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
        return slug.isEmpty() ? "meter" : slug;
    }

    /** Gas in kWh comes with four decimals; everything else with three. */
    static int decimals(Meter meter, Unit unit) {
        return meter.kind() == MeterKind.GAS && unit == Unit.KWH ? 4 : 3;
    }

    static String number(BigDecimal value, int decimals) {
        return scaled(value, decimals).toPlainString();
    }

    private static BigDecimal scaled(BigDecimal value, int decimals) {
        return value.setScale(decimals, RoundingMode.HALF_UP);
    }

    private static String register(Map<Tariff, BigDecimal> values, Tariff tariff, int decimals) {
        BigDecimal value = values.get(tariff);
        return value == null ? "" : number(value, decimals);
    }

    private static BigDecimal registerValue(Map<Tariff, BigDecimal> values, Tariff tariff, int decimals) {
        BigDecimal value = values.get(tariff);
        return value == null ? null : scaled(value, decimals);
    }

    private static String unitName(Unit unit) {
        return unit == Unit.M3 ? "m3" : "kWh";
    }

    private static Map<LocalDate, DailyUsage> byDay(PeriodSummary period) {
        Map<LocalDate, DailyUsage> byDay = new HashMap<>();
        period.days().forEach(d -> byDay.put(d.day(), d));
        return byDay;
    }
}
