package be.meterkast.domain.time;

import be.meterkast.domain.MeterKind;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

/**
 * The one home of Meterkast's calendar rules. Fluvius counts in Europe/Brussels local days (23 or 25 hours on
 * DST days, so never "24 hours from midnight"), and gas days run from 06:00 to 06:00 local time.
 */
public final class LocalDays {
    public static final ZoneId BRUSSELS = ZoneId.of("Europe/Brussels");
    /** Gas days start here, local time; the hours before it belong to the gas day of the date before. */
    public static final LocalTime GAS_DAY_START = LocalTime.of(6, 0);

    private LocalDays() {
    }

    /** When a meter's days start, local time: gas days at 06:00, electricity days at midnight. */
    public static LocalTime dayStart(MeterKind kind) {
        return kind == MeterKind.GAS ? GAS_DAY_START : LocalTime.MIDNIGHT;
    }

    /** The date of the day {@code instant} falls in, for days that start at {@code dayStart} local time. */
    public static LocalDate dayOf(Instant instant, ZoneId zone, LocalTime dayStart) {
        return instant.atZone(zone).toLocalDateTime().minusHours(dayStart.getHour())
                .minusMinutes(dayStart.getMinute()).toLocalDate();
    }

    /** The first instant of {@code day}, for days that start at {@code dayStart} local time. */
    public static Instant start(LocalDate day, ZoneId zone, LocalTime dayStart) {
        return day.atTime(dayStart).atZone(zone).toInstant();
    }

    /** The start of the day after the one {@code instant} falls in: the next local midnight, or the next 06:00 for gas. */
    public static Instant nextDayStart(Instant instant, ZoneId zone, LocalTime dayStart) {
        return start(dayOf(instant, zone, dayStart).plusDays(1), zone, dayStart);
    }

    /**
     * How many periods of {@code step} a day holds: 96 quarter-hours on most days, 92 on the last Sunday of
     * March, 100 on the last Sunday of October (and 23, 24 or 25 hours).
     */
    public static int periods(LocalDate day, ZoneId zone, LocalTime dayStart, Duration step) {
        Duration length = Duration.between(start(day, zone, dayStart),
                start(day.plusDays(1), zone, dayStart));
        return (int) length.dividedBy(step);
    }

    /** Every date from {@code first} to {@code last}, both included; empty when {@code last} is before {@code first}. */
    public static List<LocalDate> between(LocalDate first, LocalDate last) {
        List<LocalDate> days = new ArrayList<>();
        for (LocalDate day = first; !day.isAfter(last); day = day.plusDays(1)) {
            days.add(day);
        }
        return days;
    }
}
