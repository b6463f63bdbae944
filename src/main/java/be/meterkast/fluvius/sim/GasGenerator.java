package be.meterkast.fluvius.sim;

import static be.meterkast.fluvius.sim.MeterDataGenerator.HOUR;
import static be.meterkast.fluvius.sim.MeterDataGenerator.YEAR_DAYS;
import static be.meterkast.fluvius.sim.MeterDataGenerator.ZONE;
import static be.meterkast.fluvius.sim.MeterDataGenerator.adjust;
import static be.meterkast.fluvius.sim.MeterDataGenerator.bump;
import static be.meterkast.fluvius.sim.MeterDataGenerator.isEstimated;
import static be.meterkast.fluvius.sim.MeterDataGenerator.key;
import static be.meterkast.fluvius.sim.MeterDataGenerator.periods;
import static be.meterkast.fluvius.sim.MeterDataGenerator.requireKind;
import static be.meterkast.fluvius.sim.MeterDataGenerator.unit;

import be.meterkast.domain.MeterKind;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;

/**
 * The simulated gas measurements, pure functions of (meter, time) like {@link MeterDataGenerator}, whose
 * hashing, zone and estimate factor they share. Gas is generated as whole litres per hour; gas days are sums
 * of hours.
 */
final class GasGenerator {
    /**
     * The simulator's own statement of when a gas day starts, not the client's: if the two shared one constant,
     * a wrong rule would pass every client-against-simulator test.
     */
    static final LocalTime GAS_DAY_START = LocalTime.of(6, 0);
    /** Calorific factor used to turn gas volume into energy. */
    static final BigDecimal GAS_KWH_PER_M3 = new BigDecimal("11.39");
    private static final int GAS_KWH_SCALE = 4;

    // The salts go on from MeterDataGenerator's: one shared with an electricity draw would tie the two together.
    private static final long SALT_INSULATION = 12;
    private static final long SALT_TEMPERATURE = 13;
    private static final long SALT_GAS_NOISE = 14;

    private GasGenerator() {
    }

    static long gasHourLitres(SimMeter meter, Instant hourStart, boolean estimated) {
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
    static GasDay gasDay(SimMeter meter, LocalDate gasDay, boolean estimated) {
        BigDecimal m3 = gasHours(meter, gasDay, estimated).stream().map(GasHour::m3)
                .reduce(BigDecimal.ZERO.setScale(3), BigDecimal::add);
        return new GasDay(gasDay, gasDayStart(gasDay), gasDayStart(gasDay.plusDays(1)), m3, gasKwh(m3));
    }

    /**
     * The hours of a gas day. Each hour's kWh is its share of the day's rounded kWh, handed out by largest
     * remainder: rounding every hour on its own would make 23 to 25 roundings that need not add up to the
     * day's one rounding.
     */
    static List<GasHour> gasHours(SimMeter meter, LocalDate gasDay, boolean estimated) {
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

    /** Gas is published three days late; the two most recent published gas days are still provisional. */
    static boolean isGasEstimated(LocalDate gasDay, LocalDate today) {
        return isEstimated(gasDay, today.minusDays(3));
    }

    /** The gas day an hour belongs to. */
    static LocalDate gasDayOf(Instant instant) {
        return LocalDateTime.ofInstant(instant, ZONE).minusHours(GAS_DAY_START.getHour())
                .minusMinutes(GAS_DAY_START.getMinute()).toLocalDate();
    }

    static Instant gasDayStart(LocalDate gasDay) {
        return gasDay.atTime(GAS_DAY_START).atZone(ZONE).toInstant();
    }

    /** Energy of a gas volume, rounded half-up to 4 decimals. */
    static BigDecimal gasKwh(BigDecimal m3) {
        return m3.multiply(GAS_KWH_PER_M3).setScale(GAS_KWH_SCALE, RoundingMode.HALF_UP);
    }

    /** Daily mean outdoor temperature: a seasonal curve plus the day's weather. */
    private static double meanTemperature(LocalDate date) {
        double seasonal = 10.5 - 7.5 * Math.cos(2 * Math.PI * (date.getDayOfYear() - 20) / YEAR_DAYS);
        return seasonal + 7 * (unit(date.toEpochDay(), 0, SALT_TEMPERATURE) - 0.5);
    }
}
