package be.meterkast.fluvius.sim;


import be.meterkast.domain.Direction;
import be.meterkast.domain.MeterKind;
import be.meterkast.domain.Tariff;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;

/**
 * The simulated measurements: pure, stateless functions of (meter, time), the single source of truth for
 * everything the data endpoints serve. Tests compute expected numbers from here.
 *
 * <p>Electricity is generated as whole Wh per quarter-hour and everything coarser is a sum of quarter-hours,
 * so hours and days add up exactly. Gas is generated as whole litres per hour; gas days are sums of hours.
 * Randomness comes from a stateless hash (SplitMix64) of the EAN and the period, never from shared state.
 */
public final class MeterDataGenerator {
    public static final ZoneId ZONE = SimClock.BRUSSELS;
    /**
     * The simulator's own statement of when a gas day starts, not the client's: if the two shared one constant,
     * a wrong rule would pass every client-against-simulator test.
     */
    static final LocalTime GAS_DAY_START = LocalTime.of(6, 0);
    /** Calorific factor used to turn gas volume into energy. */
    public static final BigDecimal GAS_KWH_PER_M3 = new BigDecimal("11.39");
    /** Provisional values are a bit off from the final ones, like real estimates. */
    static final double ESTIMATE_FACTOR = 0.95;
    static final Duration QUARTER = Duration.ofMinutes(15);
    private static final int GAS_KWH_SCALE = 4;
    static final Duration HOUR = Duration.ofHours(1);

    private static final double YEAR_DAYS = 365.25;
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
    private static final long SALT_INSULATION = 12;
    private static final long SALT_TEMPERATURE = 13;
    private static final long SALT_GAS_NOISE = 14;
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

    public static long gasHourLitres(SimMeter meter, Instant hourStart, boolean estimated) {
        requireKind(meter, MeterKind.GAS);
        if (hourStart.getEpochSecond() % 3600 != 0) {
            throw new IllegalArgumentException("not the start of an hour: " + hourStart);
        }
        LocalDateTime local = LocalDateTime.ofInstant(hourStart, ZONE);
        long key = key(meter);
        double hour = local.getHour() + 0.5;
        double dailyMean = meanTemperature(local.toLocalDate());
        double outside = dailyMean + 3 * Math.cos(2 * Math.PI * (hour - 15) / 24);
        double setpoint = local.getHour() >= 6 && local.getHour() < 22 ? 20 : 16;
        double litresPerDegreeHour = 11 + 7 * unit(key, 0, SALT_INSULATION);
        double heating = dailyMean < 15.5 ? Math.max(0, setpoint - outside) * litresPerDegreeHour : 0;
        double hotWater = 150 * bump(hour, 7.5, 0.6) + 60 * bump(hour, 18.5, 0.7) + 40 * bump(hour, 21, 0.8);
        double noise = 0.85 + 0.3 * unit(key, hourStart.getEpochSecond() / 3600, SALT_GAS_NOISE);
        return adjust(Math.round((heating + hotWater) * noise), estimated);
    }

    /**
     * A gas day runs from 06:00 local time on {@code gasDay} to 06:00 the next day (23, 24 or 25 hours). Its
     * volume and energy are the sums of its {@link #gasHours hours}, so hourly and daily answers agree exactly.
     */
    public static GasDay gasDay(SimMeter meter, LocalDate gasDay, boolean estimated) {
        BigDecimal m3 = gasHours(meter, gasDay, estimated).stream().map(GasHour::m3)
                .reduce(BigDecimal.ZERO.setScale(3), BigDecimal::add);
        return new GasDay(gasDay, gasDayStart(gasDay), gasDayStart(gasDay.plusDays(1)), m3, gasKwh(m3));
    }

    /**
     * The hours of a gas day. Each hour's kWh is its share of the day's rounded kWh, handed out by largest
     * remainder: rounding every hour on its own would make 23 to 25 roundings that need not add up to the
     * day's one rounding.
     */
    public static List<GasHour> gasHours(SimMeter meter, LocalDate gasDay, boolean estimated) {
        List<Instant> starts = periods(gasDayStart(gasDay), gasDayStart(gasDay.plusDays(1)), HOUR);
        List<BigDecimal> volumes = new ArrayList<>();
        for (Instant start : starts) {
            volumes.add(BigDecimal.valueOf(gasHourLitres(meter, start, estimated), 3));
        }
        BigDecimal dayKwh = gasKwh(volumes.stream().reduce(BigDecimal.ZERO, BigDecimal::add));
        List<BigDecimal> exact = volumes.stream().map(m3 -> m3.multiply(GAS_KWH_PER_M3)).toList();
        List<BigDecimal> kwh = new ArrayList<>(exact.stream().map(e -> e.setScale(GAS_KWH_SCALE, RoundingMode.FLOOR)).toList());
        BigDecimal step = BigDecimal.ONE.movePointLeft(GAS_KWH_SCALE);
        int leftOver = dayKwh.subtract(kwh.stream().reduce(BigDecimal.ZERO, BigDecimal::add)).divide(step).intValueExact();
        List<Integer> byRemainder = new ArrayList<>(IntStream.range(0, starts.size()).boxed().toList());
        // Largest remainder first; on a tie the earlier hour, so the answer never depends on sort stability.
        byRemainder.sort(Comparator.<Integer, BigDecimal>comparing(i -> exact.get(i).subtract(kwh.get(i)))
                .reversed().thenComparing(i -> i));
        for (int i = 0; i < leftOver; i++) {
            int hour = byRemainder.get(i);
            kwh.set(hour, kwh.get(hour).add(step));
        }
        List<GasHour> hours = new ArrayList<>();
        for (int i = 0; i < starts.size(); i++) {
            hours.add(new GasHour(starts.get(i), starts.get(i).plus(HOUR), volumes.get(i), kwh.get(i)));
        }
        return hours;
    }

    /**
     * The highest quarter-hour offtake of {@code month} over the days before {@code availableBefore} (the
     * first day without data, normally today), using the provisional values of the two days before it just
     * as the history endpoint serves them. The earliest quarter-hour wins a tie.
     */
    public static MonthlyPeakValue monthlyPeak(SimMeter meter, YearMonth month, LocalDate availableBefore) {
        requireKind(meter, MeterKind.ELECTRICITY);
        LocalDate last = month.atEndOfMonth().isBefore(availableBefore)
                ? month.atEndOfMonth() : availableBefore.minusDays(1);
        if (last.isBefore(month.atDay(1))) {
            throw new IllegalArgumentException("no data for " + month + " before " + availableBefore);
        }
        long best = -1;
        Instant bestStart = null;
        for (LocalDate day = month.atDay(1); !day.isAfter(last); day = day.plusDays(1)) {
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

    /** Gas is published three days late; the two most recent published gas days are still provisional. */
    public static boolean isGasEstimated(LocalDate gasDay, LocalDate today) {
        return isEstimated(gasDay, today.minusDays(3));
    }

    /** The gas day an hour belongs to. */
    public static LocalDate gasDayOf(Instant instant) {
        return LocalDateTime.ofInstant(instant, ZONE).minusHours(GAS_DAY_START.getHour())
                .minusMinutes(GAS_DAY_START.getMinute()).toLocalDate();
    }

    public static Instant gasDayStart(LocalDate gasDay) {
        return gasDay.atTime(GAS_DAY_START).atZone(ZONE).toInstant();
    }

    public static Instant dayStart(LocalDate day) {
        return day.atStartOfDay(ZONE).toInstant();
    }

    /** Energy of a gas volume, rounded half-up to 4 decimals. */
    public static BigDecimal gasKwh(BigDecimal m3) {
        return m3.multiply(GAS_KWH_PER_M3).setScale(GAS_KWH_SCALE, RoundingMode.HALF_UP);
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

    /** Daily mean outdoor temperature: a seasonal curve plus the day's weather. */
    private static double meanTemperature(LocalDate date) {
        double seasonal = 10.5 - 7.5 * Math.cos(2 * Math.PI * (date.getDayOfYear() - 20) / YEAR_DAYS);
        return seasonal + 7 * (unit(date.toEpochDay(), 0, SALT_TEMPERATURE) - 0.5);
    }

    private static long adjust(long value, boolean estimated) {
        return estimated ? Math.round(value * ESTIMATE_FACTOR) : value;
    }

    private static double bump(double x, double centre, double width) {
        double z = (x - centre) / width;
        return Math.exp(-z * z / 2);
    }

    private static long key(SimMeter meter) {
        return Long.parseLong(meter.ean());
    }

    private static void requireKind(SimMeter meter, MeterKind kind) {
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
