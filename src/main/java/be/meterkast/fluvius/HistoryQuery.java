package be.meterkast.fluvius;

import be.meterkast.domain.time.LocalDays;
import be.meterkast.domain.MeterKind;
import be.meterkast.domain.MeterRef;

import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Objects;

/**
 * Which local days of a meter to read, at what granularity. Gas days run 06:00–06:00, so a gas query's
 * bounds are shifted to them; electricity days run midnight to midnight.
 */
public record HistoryQuery(MeterRef meter, MeterKind kind, LocalDate firstDay, LocalDate lastDay, ZoneId zone,
                           String granularityCode) {

    public HistoryQuery {
        Objects.requireNonNull(meter, "meter");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(firstDay, "firstDay");
        Objects.requireNonNull(lastDay, "lastDay");
        Objects.requireNonNull(zone, "zone");
        Objects.requireNonNull(granularityCode, "granularityCode");
        if (lastDay.isBefore(firstDay)) {
            throw new IllegalArgumentException("last day " + lastDay + " is before first day " + firstDay);
        }
    }

    public HistoryQuery(MeterRef meter, MeterKind kind, LocalDate firstDay, LocalDate lastDay, ZoneId zone,
                        Granularity granularity) {
        this(meter, kind, firstDay, lastDay, zone, granularity.code());
    }

    /**
     * Quarter-hours and hours are served one day per request: a local day for electricity, a gas day for
     * gas. Fluvius refuses longer electricity windows and answers an empty list for gas.
     */
    public boolean onePerDay() {
        return Granularity.QUARTER_HOUR.code().equals(granularityCode)
                || Granularity.HOURLY.code().equals(granularityCode);
    }

    public ZonedDateTime from(LocalDate day) {
        return day.atTime(dayStart()).atZone(zone);
    }

    /** The last millisecond of {@code day}, the way the website writes it. */
    public ZonedDateTime until(LocalDate day) {
        return day.plusDays(1).atTime(dayStart()).atZone(zone).minusNanos(1_000_000);
    }


    /** When this meter's days start in local time (gas days at 06:00). */
    public LocalTime dayStart() {
        return LocalDays.dayStart(kind);
    }
}
