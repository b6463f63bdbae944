package be.meterkast.store;

import be.meterkast.domain.Direction;
import be.meterkast.domain.MeterKind;
import be.meterkast.domain.MeterRef;
import be.meterkast.domain.Reading;
import be.meterkast.domain.Tariff;
import be.meterkast.domain.Unit;
import be.meterkast.domain.time.LocalDays;
import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The daily totals table (V13) holds what the days query computed from the readings on every request before
 * it: {@link #LEGACY} is that query as it was, the reference every case here is compared with.
 */
class DailyTotalsTest extends DatabaseTestBase {
    /** ReadingRepository.DAILY_FIGURES before V13, word for word. */
    static final String LEGACY = """
            WITH stored AS (
                SELECT r.meter_id, r.period_start, r.period_end, r.tariff, r.direction, r.unit, r.value, r.estimated,
                       r.period_end - r.period_start >= interval '23 hours' AS whole,
                       CASE WHEN mt.kind = 'GAS'
                            THEN ((r.period_start AT TIME ZONE 'Europe/Brussels') - interval '6 hours')::date
                            ELSE (r.period_start AT TIME ZONE 'Europe/Brussels')::date END AS day,
                       CASE WHEN mt.kind = 'GAS' THEN time '06:00' ELSE time '00:00' END AS day_start
                FROM readings r JOIN meters mt ON mt.id = r.meter_id
                WHERE r.meter_id = ANY($1) AND r.period_start >= $2 AND r.period_start < $3),
            finest AS (
                SELECT meter_id, day, min(period_end - period_start) AS step FROM stored WHERE NOT whole
                GROUP BY meter_id, day),
            summed AS (
                SELECT s.meter_id, (s.day + s.day_start) AT TIME ZONE 'Europe/Brussels' AS period_start,
                       (s.day + 1 + s.day_start) AT TIME ZONE 'Europe/Brussels' AS period_end,
                       s.tariff, s.direction, s.unit, sum(s.value) AS value, bool_or(s.estimated) AS estimated
                FROM stored s JOIN finest f ON f.meter_id = s.meter_id AND f.day = s.day
                WHERE NOT s.whole AND s.period_end - s.period_start = f.step
                  AND NOT EXISTS (SELECT 1 FROM stored w WHERE w.whole AND w.meter_id = s.meter_id AND w.day = s.day)
                GROUP BY s.meter_id, s.day, s.day_start, s.tariff, s.direction, s.unit)
            SELECT meter_id, period_start, period_end, tariff, direction, unit, value, estimated
            FROM (SELECT meter_id, period_start, period_end, tariff, direction, unit, value, estimated
                  FROM stored WHERE whole
                  UNION ALL
                  SELECT meter_id, period_start, period_end, tariff, direction, unit, value, estimated
                  FROM summed WHERE period_start >= $2 AND period_end <= $3) days
            ORDER BY meter_id, period_start, tariff, direction, unit""";

    private static final Duration QUARTER = Duration.ofMinutes(15);
    private static final Duration HOUR = Duration.ofHours(1);
    private static final LocalDate SPRING_FORWARD = LocalDate.of(2025, 3, 30);
    private static final LocalDate FALL_BACK = LocalDate.of(2025, 10, 26);

    private final Repositories store = new Repositories(pool, SecretBox.withNewKey());

    @Test
    @DisplayName("written by the sync: quarter-hours of DST days, days with daily values, hours beside quarter-hours")
    void syncWrites() {
        Meter meter = electricity();
        ReadingRepository readings = store.readings();
        readings.upsert(meter.id(), quarterHours(SPRING_FORWARD.minusDays(1), 3, "0.0310")).await();
        readings.upsert(meter.id(), List.of(day(SPRING_FORWARD, Tariff.DAY, "7.1250"), day(SPRING_FORWARD, Tariff.NIGHT, "3.5000"))).await();
        readings.upsert(meter.id(), quarterHours(FALL_BACK, 1, "0.0200")).await();
        readings.upsert(meter.id(), hours(FALL_BACK, LocalTime.MIDNIGHT, 2, "0.5000")).await();
        readings.upsert(meter.id(), hours(FALL_BACK.plusDays(3), LocalTime.MIDNIGHT, 1, "0.4000")).await();

        Map<Long, List<Reading>> totals = sameAsLegacy(List.of(meter.id()), SPRING_FORWARD.minusDays(5), FALL_BACK.plusDays(5));
        assertThat(valueOf(totals.get(meter.id()), FALL_BACK, Tariff.DAY))
                .as("the 25-hour day's 100 quarter-hours, not its hours beside them").isEqualByComparingTo("2.0000");
        assertThat(valueOf(totals.get(meter.id()), SPRING_FORWARD, Tariff.DAY)).as("the daily value, not the sum")
                .isEqualByComparingTo("7.1250");
        assertThat(valueOf(totals.get(meter.id()), SPRING_FORWARD.plusDays(1), Tariff.DAY)).isEqualByComparingTo("2.9760");
        assertThat(valueOf(totals.get(meter.id()), FALL_BACK.plusDays(3), Tariff.DAY)).as("hours alone are summed")
                .isEqualByComparingTo("9.6000");
    }

    @Test
    @DisplayName("a gas day runs 06:00 to 06:00: hours summed across midnight, daily values kept as sent")
    void gasDays() {
        Meter gas = gas();
        LocalDate first = LocalDate.of(2025, 10, 24);
        store.readings().upsert(gas.id(), hours(first, LocalDays.GAS_DAY_START, 4, "0.1000")).await();
        store.readings().upsert(gas.id(), List.of(gasDay(first.plusDays(4), "2.2000"))).await();

        Map<Long, List<Reading>> totals = sameAsLegacy(List.of(gas.id()), first.minusDays(1), first.plusDays(6));
        assertThat(totals.get(gas.id())).hasSize(5);
        assertThat(valueOf(totals.get(gas.id()), FALL_BACK.minusDays(1), Tariff.SINGLE))
                .as("the gas day into the autumn night has 25 hours").isEqualByComparingTo("2.5000");
    }

    @Test
    @DisplayName("a re-read that corrects values, or replaces an estimate, changes the day's totals with it")
    void reReadReplaces() {
        Meter meter = electricity();
        LocalDate day = LocalDate.of(2025, 6, 10);
        store.readings().upsert(meter.id(), quarterHours(day, 2, "0.0500")).await();
        List<Reading> corrected = new ArrayList<>();
        for (Reading r : quarterHours(day.plusDays(1), 1, "0.0500")) {
            if (r.tariff() == Tariff.DAY) {
                corrected.add(new Reading(r.start(), r.end(), r.tariff(), r.direction(), r.unit(), new BigDecimal("0.0750"), false));
            }
        }
        store.readings().upsert(meter.id(), corrected.subList(0, 40)).await();

        Map<Long, List<Reading>> totals = sameAsLegacy(List.of(meter.id()), day, day.plusDays(1));
        assertThat(valueOf(totals.get(meter.id()), day.plusDays(1), Tariff.DAY))
                .isEqualByComparingTo(new BigDecimal("0.0750").multiply(BigDecimal.valueOf(40))
                        .add(new BigDecimal("0.0500").multiply(BigDecimal.valueOf(56))));
    }

    @Test
    @DisplayName("values imported from a file in a transaction are totalled in it; a rolled-back import leaves none")
    void importsInTransaction() {
        Meter meter = electricity();
        LocalDate day = LocalDate.of(2025, 2, 1);
        store.inTransaction(tx -> tx.readings().importValues(meter.id(), quarterHours(day, 3, "0.0250"))).await();
        Map<Long, List<Reading>> totals = sameAsLegacy(List.of(meter.id()), day, day.plusDays(2));
        assertThat(totals.get(meter.id())).as("two registers on each of three days").hasSize(6);

        assertThatThrownBy(() -> store.inTransaction(tx -> tx.readings()
                        .importValues(meter.id(), quarterHours(day.plusDays(10), 1, "0.0250"))
                        .compose(written -> Future.failedFuture(new IllegalStateException("file refused")))).await())
                .hasMessageContaining("file refused");
        assertThat(sameAsLegacy(List.of(meter.id()), day, day.plusDays(20)).get(meter.id())).hasSize(6);
    }

    @Test
    @DisplayName("any range of days reads what the old query gave for it, days cut by its ends included")
    void rangesAgree() {
        Meter electricity = electricity();
        Meter gas = gas();
        LocalDate first = LocalDate.of(2025, 3, 27);
        store.readings().upsert(electricity.id(), quarterHours(first, 6, "0.0125")).await();
        store.readings().upsert(gas.id(), hours(first, LocalDays.GAS_DAY_START, 6, "0.2500")).await();
        for (int from = 0; from < 6; from++) {
            for (int to = from; to < 7; to++) {
                sameAsLegacy(List.of(electricity.id(), gas.id()), first.plusDays(from), first.plusDays(to));
            }
        }
    }

    @Test
    @DisplayName("a restore computes every meter's totals again from the restored readings")
    void rebuildAll() {
        Meter meter = electricity();
        LocalDate day = LocalDate.of(2025, 4, 2);
        store.readings().upsert(meter.id(), quarterHours(day, 2, "0.0300")).await();
        pool.query("DELETE FROM daily_totals WHERE meter_id = " + meter.id()).execute().await();
        store.readings().dailyTotals().rebuildAll().await();
        assertThat(sameAsLegacy(List.of(meter.id()), day, day.plusDays(1)).get(meter.id())).hasSize(4);
    }

    /** Asserts the totals equal the old computation for the local days {@code first} to {@code last}. */
    private Map<Long, List<Reading>> sameAsLegacy(List<Long> meterIds, LocalDate first, LocalDate last) {
        Instant from = first.atStartOfDay(LocalDays.BRUSSELS).toInstant();
        Instant to = last.plusDays(1).atTime(LocalDays.GAS_DAY_START).atZone(LocalDays.BRUSSELS).toInstant();
        Map<Long, List<Reading>> legacy = new LinkedHashMap<>();
        meterIds.forEach(id -> legacy.put(id, new ArrayList<>()));
        for (Row row : pool.preparedQuery(LEGACY).execute(Tuple.of(meterIds.toArray(Long[]::new), Sql.time(from), Sql.time(to))).await()) {
            legacy.get(row.getLong("meter_id")).add(ReadingRepository.reading(row));
        }
        Map<Long, List<Reading>> totals = store.readings().dailyFigures(meterIds, from, to).await();
        assertThat(totals).as("days %s to %s", first, last).isEqualTo(legacy);
        return totals;
    }

    private static BigDecimal valueOf(List<Reading> days, LocalDate day, Tariff tariff) {
        return days.stream().filter(r -> r.tariff() == tariff && r.direction() == Direction.OFFTAKE)
                .filter(r -> LocalDays.dayOf(r.start(), LocalDays.BRUSSELS, r.unit() == Unit.M3 ? LocalDays.GAS_DAY_START
                        : LocalTime.MIDNIGHT).equals(day))
                .map(Reading::value).findFirst().orElseThrow(() -> new AssertionError("no figure for " + day));
    }

    private Meter electricity() {
        return seed.household().compose(owned -> seed.meter(owned.household().id())).await();
    }

    private Meter gas() {
        return seed.household().compose(owned -> seed.meters.create(owned.household().id(), Optional.empty(),
                new MeterRef(Seed.ean(Seed.unique()), "G4"), MeterKind.GAS, "Gas", Optional.of(Unit.M3))).await();
    }

    /** Day-register offtake (and night injection) quarter-hours of {@code days} local days from {@code first}. */
    private static List<Reading> quarterHours(LocalDate first, int days, String kwh) {
        List<Reading> result = new ArrayList<>();
        Instant end = first.plusDays(days).atStartOfDay(LocalDays.BRUSSELS).toInstant();
        for (Instant t = first.atStartOfDay(LocalDays.BRUSSELS).toInstant(); t.isBefore(end); t = t.plus(QUARTER)) {
            result.add(new Reading(t, t.plus(QUARTER), Tariff.DAY, Direction.OFFTAKE, Unit.KWH, new BigDecimal(kwh), false));
            result.add(new Reading(t, t.plus(QUARTER), Tariff.NIGHT, Direction.INJECTION, Unit.KWH, new BigDecimal(kwh), true));
        }
        return result;
    }

    /** Hours from {@code dayStart} of {@code first}: day-register kWh for electricity (midnight), else gas m³. */
    private static List<Reading> hours(LocalDate first, LocalTime dayStart, int days, String value) {
        boolean gas = !dayStart.equals(LocalTime.MIDNIGHT);
        List<Reading> result = new ArrayList<>();
        Instant end = first.plusDays(days).atTime(dayStart).atZone(LocalDays.BRUSSELS).toInstant();
        for (Instant t = first.atTime(dayStart).atZone(LocalDays.BRUSSELS).toInstant(); t.isBefore(end); t = t.plus(HOUR)) {
            result.add(new Reading(t, t.plus(HOUR), gas ? Tariff.SINGLE : Tariff.DAY, Direction.OFFTAKE,
                    gas ? Unit.M3 : Unit.KWH, new BigDecimal(value), false));
        }
        return result;
    }

    private static Reading day(LocalDate day, Tariff tariff, String kwh) {
        return new Reading(day.atStartOfDay(LocalDays.BRUSSELS).toInstant(), day.plusDays(1).atStartOfDay(LocalDays.BRUSSELS).toInstant(),
                tariff, Direction.OFFTAKE, Unit.KWH, new BigDecimal(kwh), false);
    }

    private static Reading gasDay(LocalDate day, String m3) {
        return new Reading(day.atTime(LocalDays.GAS_DAY_START).atZone(LocalDays.BRUSSELS).toInstant(),
                day.plusDays(1).atTime(LocalDays.GAS_DAY_START).atZone(LocalDays.BRUSSELS).toInstant(),
                Tariff.SINGLE, Direction.OFFTAKE, Unit.M3, new BigDecimal(m3), false);
    }
}
