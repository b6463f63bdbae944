package be.meterkast.fluvius.sim;

import be.meterkast.domain.Direction;
import be.meterkast.domain.MeterKind;
import be.meterkast.domain.Tariff;
import java.math.BigDecimal;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

/**
 * The simulated measurements: pure, stateless functions of (meter, time), the single source of truth for
 * everything the data endpoints serve. Tests compute expected numbers from here.
 *
 * <p>Electricity is generated as whole Wh per quarter-hour and everything coarser is a sum of quarter-hours,
 * so hours and days add up exactly. Gas is {@link GasGenerator}'s. Randomness comes from a stateless hash
 * (SplitMix64) of the EAN and the period, never from shared state.
 */
public final class MeterDataGenerator {
    public static final ZoneId ZONE = SimClock.BRUSSELS;
    /** Provisional values are a bit off from the final ones, like real estimates. */
    static final double ESTIMATE_FACTOR = 0.95;
    static final Duration QUARTER = Duration.ofMinutes(15);
    static final Duration HOUR = Duration.ofHours(1);

    static final double YEAR_DAYS = 365.25;
    private static final long SALT_SIZE = 1;
    private static final long SALT_BASE = 2;
    private static final long SALT_NOISE = 3;
    private static final long SALT_APPLIANCE = 4;
    private static final long SALT_APPLIANCE_POWER = 5;
    private static final long SALT_KWP = 6;
    private static final long SALT_WEATHER = 7;
    private static final long SALT_FLICKER = 8;
    private static final long SALT_EV_NIGHT = 9;
    private static final long SALT_EV_START = 10;
    private static final long SALT_EV_LENGTH = 11;
    private static final long SALT_ABSENT_REGISTER = 15;
    private static final double EV_CHARGER_WATTS = 7400;

    private MeterDataGenerator() {
    }

    /** One electricity quarter-hour: the register it counts on and its net offtake or injection. */
    record Quarter(Instant start, Tariff tariff, long offtakeWh, long injectionWh) {
        long wh(Direction direction) {
            return direction == Direction.OFFTAKE ? offtakeWh : injectionWh;
        }
    }

    /** Day register on weekdays 07:00–22:00 local time, night register otherwise. */
    public static Tariff tariffAt(Instant quarterStart) {
        return tariffAt(LocalDateTime.ofInstant(quarterStart, ZONE));
    }

    /**
     * Offtake or injection of one electricity quarter-hour in Wh. The meter nets per quarter-hour, so one of
     * the two is always 0.
     */
    public static long quarterHourWh(SimMeter meter, Instant quarterStart, Direction direction, boolean estimated) {
        return quarter(meter, quarterStart, estimated).wh(direction);
    }

    /** The quarter-hours of a local day: 92 on the last Sunday of March, 100 on the last Sunday of October. */
    public static List<Instant> quarterHours(LocalDate day) {
        return periods(dayStart(day), dayStart(day.plusDays(1)), QUARTER);
    }

    /** Whether any quarter-hour of the local day counts on the day register: not on weekends. */
    public static boolean dayRegisterOccurs(LocalDate day) {
        return quarterHours(day).stream().anyMatch(start -> tariffAt(start) == Tariff.DAY);
    }

    /**
     * Whether the daily record of {@code day} leaves out the day register that did not occur, rather than
     * sending it as 0.0: Fluvius' two forms are both served. Saturday and Sunday get opposite forms, so every
     * weekend has both; which one is which depends on the meter and the seed.
     */
    public static boolean leavesOutDayRegister(SimMeter meter, LocalDate day, long seed) {
        long shift = unit(key(meter) ^ seed, 0, SALT_ABSENT_REGISTER) < 0.5 ? 0 : 1;
        return !dayRegisterOccurs(day) && Math.floorMod(day.toEpochDay() + shift, 2) == 0;
    }

    public static DayTotals dailyTotals(SimMeter meter, LocalDate day, boolean estimated) {
        long[] wh = new long[4];
        for (Instant start : quarterHours(day)) {
            Quarter q = quarter(meter, start, estimated);
            int register = q.tariff() == Tariff.DAY ? 0 : 1;
            wh[register] += q.offtakeWh();
            wh[2 + register] += q.injectionWh();
        }
        return new DayTotals(day, kwh(wh[0]), kwh(wh[1]), kwh(wh[2]), kwh(wh[3]));
    }

    /**
     * The highest quarter-hour offtake of {@code month} over the days the meter measured before
     * {@code availableBefore} (the first day without data, normally today), using the provisional values of
     * the two days before it just as the history endpoint serves them. The earliest quarter-hour wins a tie.
     */
    public static MonthlyPeakValue monthlyPeak(SimMeter meter, YearMonth month, LocalDate availableBefore) {
        requireKind(meter, MeterKind.ELECTRICITY);
        LocalDate last = month.atEndOfMonth().isBefore(availableBefore)
                ? month.atEndOfMonth() : availableBefore.minusDays(1);
        LocalDate first = meter.measured(month.atDay(1)) ? month.atDay(1) : meter.installedOn();
        if (last.isBefore(first)) {
            throw new IllegalArgumentException("no data for " + month + " before " + availableBefore);
        }
        long best = -1;
        Instant bestStart = null;
        for (LocalDate day = first; !day.isAfter(last); day = day.plusDays(1)) {
            boolean estimated = isEstimated(day, availableBefore);
            for (Instant start : quarterHours(day)) {
                long wh = quarter(meter, start, estimated).offtakeWh();
                if (wh > best) {
                    best = wh;
                    bestStart = start;
                }
            }
        }
        return new MonthlyPeakValue(month, BigDecimal.valueOf(best * 4, 3), bestStart, bestStart.plus(QUARTER));
    }

    /** Electricity of the two complete days before today is still provisional. */
    public static boolean isEstimated(LocalDate day, LocalDate today) {
        return day.equals(today.minusDays(1)) || day.equals(today.minusDays(2));
    }

    public static Instant dayStart(LocalDate day) {
        return day.atStartOfDay(ZONE).toInstant();
    }

    // The gas answers live in GasGenerator; these stay because tests outside the package take their expected
    // numbers from this class.

    public static long gasHourLitres(SimMeter meter, Instant hourStart, boolean estimated) {
        return GasGenerator.gasHourLitres(meter, hourStart, estimated);
    }

    public static GasDay gasDay(SimMeter meter, LocalDate gasDay, boolean estimated) {
        return GasGenerator.gasDay(meter, gasDay, estimated);
    }

    public static List<GasHour> gasHours(SimMeter meter, LocalDate gasDay, boolean estimated) {
        return GasGenerator.gasHours(meter, gasDay, estimated);
    }

    public static boolean isGasEstimated(LocalDate gasDay, LocalDate today) {
        return GasGenerator.isGasEstimated(gasDay, today);
    }

    public static BigDecimal gasKwh(BigDecimal m3) {
        return GasGenerator.gasKwh(m3);
    }

    static Quarter quarter(SimMeter meter, Instant start, boolean estimated) {
        requireKind(meter, MeterKind.ELECTRICITY);
        if (start.getEpochSecond() % QUARTER.getSeconds() != 0) {
            throw new IllegalArgumentException("not the start of a quarter-hour: " + start);
        }
        LocalDateTime local = LocalDateTime.ofInstant(start, ZONE);
        long key = key(meter);
        long index = start.getEpochSecond() / QUARTER.getSeconds();
        double consumption = householdWatts(key, local, index);
        if (meter.profile() == Profile.EV && charging(key, local)) {
            consumption += EV_CHARGER_WATTS;
        }
        double production = meter.profile() == Profile.SOLAR ? solarWatts(key, start, local.toLocalDate(), index) : 0;
        long net = Math.round(consumption / 4) - Math.round(production / 4);
        return new Quarter(start, tariffAt(local),
                adjust(Math.max(net, 0), estimated), adjust(Math.max(-net, 0), estimated));
    }

    static List<Instant> periods(Instant from, Instant until, Duration step) {
        List<Instant> periods = new ArrayList<>();
        for (Instant t = from; t.isBefore(until); t = t.plus(step)) {
            periods.add(t);
        }
        return periods;
    }

    static BigDecimal kwh(long wh) {
        return BigDecimal.valueOf(wh, 3);
    }

    private static Tariff tariffAt(LocalDateTime local) {
        boolean weekday = local.getDayOfWeek().getValue() <= DayOfWeek.FRIDAY.getValue();
        return weekday && local.getHour() >= 7 && local.getHour() < 22 ? Tariff.DAY : Tariff.NIGHT;
    }

    /** A household: base load, morning and evening peaks, daytime activity, more in winter, appliances. */
    private static double householdWatts(long key, LocalDateTime local, long index) {
        double hour = local.getHour() + (local.getMinute() + 7.5) / 60.0;
        boolean weekend = local.getDayOfWeek().getValue() > DayOfWeek.FRIDAY.getValue();
        double size = 0.8 + 0.6 * unit(key, 0, SALT_SIZE);
        double base = 100 + 150 * unit(key, 0, SALT_BASE);
        double activity = 380 * bump(hour, 7.3, 0.8) + 650 * bump(hour, 19.0, 1.7)
                + (hour >= 9 && hour < 17 ? (weekend ? 260 : 110) : 0);
        double season = 1 + 0.3 * Math.cos(2 * Math.PI * (local.getDayOfYear() - 15) / YEAR_DAYS);
        double noise = 0.7 + 0.6 * unit(key, index, SALT_NOISE);
        double appliance = hour >= 7 && hour < 23 && unit(key, index, SALT_APPLIANCE) < 0.035
                ? 1200 + 1300 * unit(key, index, SALT_APPLIANCE_POWER) : 0;
        return (base + activity * size) * season * noise + appliance;
    }

    /** Photovoltaic output: day length and sun height by day of year, a daily cloud factor, passing clouds. */
    private static double solarWatts(long key, Instant start, LocalDate date, long index) {
        double peakWatts = 3500 + 3000 * unit(key, 0, SALT_KWP);
        double season = Math.sin(2 * Math.PI * (date.getDayOfYear() - 80) / YEAR_DAYS);
        double dayLength = 12.3 + 4.2 * season;
        // Solar noon in Belgium is about 11:42 UTC all year; the middle of the quarter-hour counts.
        double utcHour = Math.floorMod(start.getEpochSecond(), 86_400L) / 3600.0 + 0.125;
        double x = (utcHour - 11.7) / (dayLength / 2);
        if (Math.abs(x) >= 1) {
            return 0;
        }
        double shape = Math.pow(Math.cos(Math.PI / 2 * x), 1.4);
        double sunHeight = 0.6 + 0.4 * season;
        double clouds = 0.12 + 0.88 * Math.pow(unit(date.toEpochDay(), 0, SALT_WEATHER), 0.7);
        double flicker = 1 - (1 - clouds) * 0.5 * unit(key, index, SALT_FLICKER);
        return peakWatts * 0.82 * shape * sunHeight * clouds * flicker;
    }

    /** On some nights the car charges from a start between 22:00 and 23:45 for 1.5 to 5.75 hours. */
    private static boolean charging(long key, LocalDateTime local) {
        int minute = local.getHour() * 60 + local.getMinute();
        LocalDate day = local.toLocalDate();
        return inChargingSession(key, day, minute) || inChargingSession(key, day.minusDays(1), minute + 1440);
    }

    private static boolean inChargingSession(long key, LocalDate evening, int minuteOfEvening) {
        long day = evening.toEpochDay();
        if (unit(key, day, SALT_EV_NIGHT) >= 0.4) {
            return false;
        }
        int start = 22 * 60 + 15 * (int) (8 * unit(key, day, SALT_EV_START));
        int quarters = 6 + (int) (18 * unit(key, day, SALT_EV_LENGTH));
        return minuteOfEvening >= start && minuteOfEvening < start + quarters * 15;
    }

    static long adjust(long value, boolean estimated) {
        return estimated ? Math.round(value * ESTIMATE_FACTOR) : value;
    }

    static double bump(double x, double centre, double width) {
        double z = (x - centre) / width;
        return Math.exp(-z * z / 2);
    }

    static long key(SimMeter meter) {
        return Long.parseLong(meter.ean());
    }

    static void requireKind(SimMeter meter, MeterKind kind) {
        if (meter.kind() != kind) {
            throw new IllegalArgumentException(meter.ean() + " is not a " + kind + " meter");
        }
    }

    /** A uniform number in [0, 1) determined by its three inputs. */
    static double unit(long a, long b, long salt) {
        long h = mix(mix(a + 0x9E3779B97F4A7C15L * salt) ^ b);
        return (mix(h) >>> 11) * 0x1.0p-53;
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
