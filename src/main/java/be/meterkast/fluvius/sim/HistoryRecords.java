package be.meterkast.fluvius.sim;

import static be.meterkast.fluvius.sim.GasGenerator.gasDayOf;
import static be.meterkast.fluvius.sim.GasGenerator.gasDayStart;
import static be.meterkast.fluvius.sim.GasGenerator.isGasEstimated;
import static be.meterkast.fluvius.sim.MeterDataGenerator.HOUR;
import static be.meterkast.fluvius.sim.MeterDataGenerator.QUARTER;
import static be.meterkast.fluvius.sim.MeterDataGenerator.ZONE;
import static be.meterkast.fluvius.sim.MeterDataGenerator.dayStart;
import static be.meterkast.fluvius.sim.MeterDataGenerator.isEstimated;
import static be.meterkast.fluvius.sim.MeterDataGenerator.kwh;

import be.meterkast.domain.Direction;
import be.meterkast.domain.Tariff;
import be.meterkast.domain.Unit;
import be.meterkast.fluvius.sim.HistoryRequest.Resolution;
import be.meterkast.fluvius.sim.MeterDataGenerator.Quarter;
import io.vertx.core.json.JsonArray;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;

/**
 * Which records a history or spikes request gets: those whose start lies in [from, until] and whose data is
 * published — electricity up to the start of today, gas up to 72 hours ago. Gas is served only for windows
 * that line up with gas days, hourly for one gas day at a time, never per quarter-hour. Nothing is served for
 * the days before a meter was {@linkplain SimMeter#installedOn installed}.
 */
final class HistoryRecords {
    static final Duration GAS_DELAY = Duration.ofHours(72);
    /** How far before a gas day boundary {@code historyUntil} may end: the website writes 05:59:59.999. */
    static final Duration GAS_UNTIL_SLACK = Duration.ofSeconds(1);

    private HistoryRecords() {
    }

    static JsonArray electricity(SimMeter meter, HistoryRequest request, Instant now, long seed) {
        LocalDate today = LocalDate.ofInstant(now, ZONE);
        Instant published = dayStart(today);
        JsonArray records = new JsonArray();
        if (request.resolution() == Resolution.DAY) {
            for (LocalDate day = LocalDate.ofInstant(request.from(), ZONE); ; day = day.plusDays(1)) {
                Instant start = dayStart(day);
                Instant end = dayStart(day.plusDays(1));
                if (start.isAfter(request.until()) || end.isAfter(published)) {
                    break;
                }
                if (!start.isBefore(request.from()) && meter.measured(day)) {
                    records.add(WireRecords.record(start, end, daily(meter, day, isEstimated(day, today), seed)));
                }
            }
            return records;
        }
        Duration step = request.resolution() == Resolution.HOUR ? HOUR : QUARTER;
        for (Instant start = alignUp(request.from(), step); !start.isAfter(request.until()); start = start.plus(step)) {
            Instant end = start.plus(step);
            if (end.isAfter(published)) {
                break;
            }
            if (!meter.measured(LocalDate.ofInstant(start, ZONE))) {
                continue;
            }
            boolean estimated = isEstimated(LocalDate.ofInstant(start, ZONE), today);
            long offtake = 0;
            long injection = 0;
            for (Instant q = start; q.isBefore(end); q = q.plus(QUARTER)) {
                Quarter quarter = MeterDataGenerator.quarter(meter, q, estimated);
                offtake += quarter.offtakeWh();
                injection += quarter.injectionWh();
            }
            Tariff tariff = MeterDataGenerator.tariffAt(start);
            records.add(WireRecords.record(start, end, new JsonArray()
                    .add(WireRecords.electricity(tariff, Direction.OFFTAKE, kwh(offtake), estimated))
                    .add(WireRecords.electricity(tariff, Direction.INJECTION, kwh(injection), estimated))));
        }
        return records;
    }

    static JsonArray gas(SimMeter meter, HistoryRequest request, Instant now) {
        LocalDate today = LocalDate.ofInstant(now, ZONE);
        Instant published = now.minus(GAS_DELAY);
        JsonArray records = new JsonArray();
        LocalDate first = gasDayOf(request.from());
        Instant end = gasDayStart(gasDayOf(request.until().plus(GAS_UNTIL_SLACK)));
        LocalDate last = gasDayOf(end).minusDays(1);
        boolean aligned = gasDayStart(first).equals(request.from()) && !end.isBefore(request.until())
                && !last.isBefore(first);
        if (!aligned || request.resolution() == Resolution.QUARTER_HOUR
                || request.resolution() == Resolution.HOUR && !last.equals(first)) {
            return records;
        }
        if (request.resolution() == Resolution.HOUR) {
            if (!meter.measured(first)) {
                return records;
            }
            boolean estimated = isGasEstimated(first, today);
            for (GasHour hour : GasGenerator.gasHours(meter, first, estimated)) {
                if (hour.end().isAfter(published)) {
                    break;
                }
                records.add(WireRecords.record(hour.start(), hour.end(), gasValues(hour.m3(), hour.kwh(), estimated)));
            }
            return records;
        }
        for (LocalDate day = first; !day.isAfter(last); day = day.plusDays(1)) {
            if (!meter.measured(day)) {
                continue;
            }
            boolean estimated = isGasEstimated(day, today);
            GasDay gasDay = GasGenerator.gasDay(meter, day, estimated);
            if (gasDay.end().isAfter(published)) {
                break;
            }
            records.add(WireRecords.record(gasDay.start(), gasDay.end(), gasValues(gasDay.m3(), gasDay.kwh(), estimated)));
        }
        return records;
    }

    /** One record per local month in the range that has at least one published day the meter measured. */
    static JsonArray spikes(SimMeter meter, HistoryRequest range, Instant now) {
        LocalDate today = LocalDate.ofInstant(now, ZONE);
        JsonArray records = new JsonArray();
        YearMonth last = YearMonth.from(LocalDate.ofInstant(range.until(), ZONE));
        for (YearMonth month = YearMonth.from(LocalDate.ofInstant(range.from(), ZONE));
             !month.isAfter(last) && month.atDay(1).isBefore(today); month = month.plusMonths(1)) {
            if (!meter.measured(month.atEndOfMonth())) {
                continue;
            }
            MonthlyPeakValue peak = MeterDataGenerator.monthlyPeak(meter, month, today);
            records.add(WireRecords.spike(dayStart(month.atDay(1)), dayStart(month.plusMonths(1).atDay(1)), peak));
        }
        return records;
    }

    /** See {@link MeterDataGenerator#leavesOutDayRegister} for which days leave out the day register. */
    private static JsonArray daily(SimMeter meter, LocalDate day, boolean estimated, long seed) {
        DayTotals totals = MeterDataGenerator.dailyTotals(meter, day, estimated);
        boolean leaveOutDayRegister = MeterDataGenerator.leavesOutDayRegister(meter, day, seed);
        JsonArray values = new JsonArray();
        if (!leaveOutDayRegister) {
            values.add(WireRecords.electricity(Tariff.DAY, Direction.OFFTAKE, totals.offtakeDay(), estimated));
        }
        values.add(WireRecords.electricity(Tariff.NIGHT, Direction.OFFTAKE, totals.offtakeNight(), estimated));
        if (!leaveOutDayRegister) {
            values.add(WireRecords.electricity(Tariff.DAY, Direction.INJECTION, totals.injectionDay(), estimated));
        }
        values.add(WireRecords.electricity(Tariff.NIGHT, Direction.INJECTION, totals.injectionNight(), estimated));
        return values;
    }

    /** The same gas twice: as volume and as energy. */
    private static JsonArray gasValues(BigDecimal m3, BigDecimal kwh, boolean estimated) {
        return new JsonArray()
                .add(WireRecords.gas(m3, Unit.M3, estimated))
                .add(WireRecords.gas(kwh, Unit.KWH, estimated));
    }

    /** Quarter-hours and hours fall on the same UTC grid as local time: Brussels offsets are whole hours. */
    private static Instant alignUp(Instant instant, Duration step) {
        long seconds = instant.getEpochSecond() + (instant.getNano() > 0 ? 1 : 0);
        long size = step.getSeconds();
        return Instant.ofEpochSecond(Math.floorDiv(seconds + size - 1, size) * size);
    }
}
