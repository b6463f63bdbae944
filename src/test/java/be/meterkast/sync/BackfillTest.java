package be.meterkast.sync;

import be.meterkast.domain.Direction;
import be.meterkast.domain.Reading;
import be.meterkast.domain.Tariff;
import be.meterkast.domain.Unit;
import be.meterkast.fluvius.sim.DayTotals;
import be.meterkast.fluvius.sim.GasDay;
import be.meterkast.fluvius.sim.MeterDataGenerator;
import be.meterkast.fluvius.sim.SimAccounts;
import be.meterkast.fluvius.sim.SimMeter;
import be.meterkast.domain.MonthlyPeak;
import be.meterkast.store.Meter;
import be.meterkast.store.MeterSync;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class BackfillTest extends SyncTestBase {
    private static final LocalDate TODAY = LocalDate.of(2025, 11, 30);

    private Meter linkedMeter(SyncService sync, be.meterkast.fluvius.sim.SimMeter simMeter) {
        long household = household();
        long accountId = sync.linkAccount(household, SimAccounts.DEMO_EMAIL, SimAccounts.DEMO_PASSWORD).await()
                .accountId();
        return meter(household, accountId, simMeter);
    }

    @Test
    @DisplayName("a backfill stores exactly the simulator's daily numbers, validated and still estimated")
    void dailyNumbers() {
        SyncService sync = sync();
        Meter meter = linkedMeter(sync, SimAccounts.DEMO_SOLAR);

        sync.refreshNow(meter.id()).await();

        for (LocalDate day : List.of(TODAY.minusDays(40), TODAY.minusDays(20), TODAY.minusDays(3))) {
            assertDay(meter, SimAccounts.DEMO_SOLAR, day, MeterDataGenerator.dailyTotals(SimAccounts.DEMO_SOLAR, day, false), false);
        }
        LocalDate yesterday = TODAY.minusDays(1);
        assertDay(meter, SimAccounts.DEMO_SOLAR, yesterday, MeterDataGenerator.dailyTotals(SimAccounts.DEMO_SOLAR, yesterday, true), true);
    }

    @Test
    @DisplayName("a finished backfill holds every day and quarter-hour of its windows exactly once")
    void completeWithoutGapsOrDuplicates() {
        SyncService sync = sync();
        Meter meter = linkedMeter(sync, SimAccounts.DEMO_EV);

        sync.refreshNow(meter.id()).await();

        // 40 days of 4 daily values (2 where the weekend's day register is left out); quarter-hours (96 x 2 directions) for the 3 backfill days, which the
        // incremental run right after the backfill widens to its 7-day trailing window
        assertThat(readings.count(meter.id()).await()).isEqualTo(dailyValues(SimAccounts.DEMO_EV, 40) + 7 * 96 * 2);
        MeterSync state = syncs.get(meter.id()).await();
        assertThat(state.backfillDone()).isTrue();
        assertThat(state.progressDone()).isEqualTo(state.progressTotal()).isPositive();
        assertThat(state.lastSuccessAt()).contains(NOW);
        assertThat(state.lastError()).isEmpty();
        assertThat(state.nextRunAt()).hasValueSatisfying(next -> assertThat(Duration.between(NOW, next).toMinutes())
                .isBetween(324L, 396L));
    }

    @Test
    @DisplayName("the quarter-hours of the last Sunday of October are 100, stored per local day")
    void dstAutumn() {
        clock.set(Instant.parse("2025-10-28T10:00:00Z"));
        SyncService sync = sync();
        Meter meter = linkedMeter(sync, SimAccounts.DEMO_SOLAR);

        sync.refreshNow(meter.id()).await();

        assertThat(quarterHourStarts(meter, LocalDate.of(2025, 10, 26))).isEqualTo(100);
        assertThat(quarterHourStarts(meter, LocalDate.of(2025, 10, 27))).isEqualTo(96);
    }

    @Test
    @DisplayName("the quarter-hours of the last Sunday of March are 92")
    void dstSpring() {
        clock.set(Instant.parse("2025-04-01T10:00:00Z"));
        SyncService sync = sync();
        Meter meter = linkedMeter(sync, SimAccounts.DEMO_SOLAR);

        sync.refreshNow(meter.id()).await();

        assertThat(quarterHourStarts(meter, LocalDate.of(2025, 3, 30))).isEqualTo(92);
    }

    @Test
    @DisplayName("monthly peaks are stored for every month of the daily window, as the simulator computes them")
    void peaks() {
        SyncService sync = sync();
        Meter meter = linkedMeter(sync, SimAccounts.DEMO_EV);

        sync.refreshNow(meter.id()).await();

        // 40 days back from 30 November reach 21 October
        List<MonthlyPeak> stored = peaks.list(meter.id()).await();
        assertThat(stored).extracting(MonthlyPeak::month).containsExactly(YearMonth.of(2025, 10), YearMonth.of(2025, 11));
        MonthlyPeak october = stored.stream().filter(p -> p.month().equals(YearMonth.of(2025, 10))).findFirst()
                .orElseThrow();
        var expected = MeterDataGenerator.monthlyPeak(SimAccounts.DEMO_EV, YearMonth.of(2025, 10), TODAY);
        assertThat(october.kilowatts()).isEqualByComparingTo(expected.kilowatts());
        assertThat(october.start()).isEqualTo(expected.start());
    }

    @Test
    @DisplayName("gas is stored per gas day (06:00 to 06:00) in both m³ and kWh, as far as Fluvius published it")
    void gasDays() {
        SyncService sync = sync();
        Meter meter = linkedMeter(sync, SimAccounts.DEMO_GAS);

        sync.refreshNow(meter.id()).await();

        LocalDate day = TODAY.minusDays(10);
        GasDay expected = MeterDataGenerator.gasDay(SimAccounts.DEMO_GAS, day, false);
        List<Reading> stored = readings.days(meter.id(), expected.start(), expected.end()).await();
        assertThat(stored).allSatisfy(r -> {
            assertThat(r.start()).isEqualTo(expected.start());
            assertThat(r.end()).isEqualTo(expected.end());
            assertThat(r.tariff()).isEqualTo(Tariff.SINGLE);
            assertThat(r.estimated()).isFalse();
        });
        Map<Unit, BigDecimal> byUnit = stored.stream().collect(Collectors.toMap(Reading::unit, Reading::value));
        assertThat(byUnit.get(Unit.M3)).isEqualByComparingTo(expected.m3());
        assertThat(byUnit.get(Unit.KWH)).isEqualByComparingTo(expected.kwh());
        // the gas day of the 26th is the last one published 72 h before now
        long gasDays = ChronoUnit.DAYS.between(TODAY.minusDays(40), LocalDate.of(2025, 11, 26)) + 1;
        assertThat(readings.days(meter.id(), Instant.EPOCH, NOW).await()).hasSize((int) gasDays * 2);
        assertThat(peaks.list(meter.id()).await()).isEmpty();
    }

    @Test
    @Tag("slow")
    @DisplayName("a sync stopped mid-backfill continues in a new service where it stopped: no gaps, no duplicates")
    void resumesAfterRestart() throws InterruptedException {
        SyncSettings settings = longBackfill();
        simulator.options().latency(Duration.ofMillis(40));
        SyncService first = sync(settings);
        Meter meter = linkedMeter(first, SimAccounts.DEMO_SOLAR);

        first.meterAdded(meter.id()).await();
        MeterSync midway = waitForProgress(meter, 4);
        first.stop().await();
        MeterSync stopped = syncs.get(meter.id()).await();
        long requestsBefore = simulator.stats().dataRequests();
        SyncService second = sync(settings);
        second.refreshNow(meter.id()).await();

        assertThat(midway.backfillDone()).isFalse();
        assertThat(stopped.backfillDone()).isFalse();
        assertThat(stopped.progressDone()).isLessThan(stopped.progressTotal());
        assertThat(stopped.backfillCursor()).isPresent();
        assertThat(readings.count(meter.id()).await()).isEqualTo(dailyValues(SimAccounts.DEMO_SOLAR, 200) + 7 * 96 * 2);
        assertThat(distinctDays(meter)).isEqualTo(200);
        MeterSync done = syncs.get(meter.id()).await();
        assertThat(done.backfillDone()).isTrue();
        assertThat(done.progressDone()).isEqualTo(done.progressTotal());
        // the second service did not start over: fewer requests than a whole backfill (20 daily + 3 + 1 + incremental)
        assertThat(simulator.stats().dataRequests() - requestsBefore).isLessThan(20 + 3 + 1 + 9);
    }

    @Test
    @Tag("slow")
    @DisplayName("a backfill interrupted by an outage keeps its cursor and a restarted sync completes it without gaps")
    void resumesAfterOutage() throws InterruptedException {
        SyncSettings settings = longBackfill();
        simulator.options().latency(Duration.ofMillis(40));
        SyncService first = sync(settings);
        Meter meter = linkedMeter(first, SimAccounts.DEMO_SOLAR);

        var run = first.refreshNow(meter.id());
        waitForProgress(meter, 4);
        simulator.options().failNext(503, FailurePolicy.TRIES_PER_REQUEST);
        assertThat(run.otherwiseEmpty().await()).isNull();
        assertThat(run.failed()).isTrue();
        MeterSync failed = syncs.get(meter.id()).await();
        first.stop().await();
        clock.advance(Duration.ofMinutes(1));
        sync(settings).runDue().await();

        assertThat(failed.backfillDone()).isFalse();
        assertThat(failed.lastError()).hasValueSatisfying(e -> assertThat(e).contains("unavailable"));
        assertThat(readings.count(meter.id()).await()).isEqualTo(dailyValues(SimAccounts.DEMO_SOLAR, 200) + 7 * 96 * 2);
        assertThat(distinctDays(meter)).isEqualTo(200);
        assertThat(syncs.get(meter.id()).await().backfillDone()).isTrue();
    }

    @Test
    @DisplayName("with 30 % of requests failing, a backfill completes by itself within minutes, each step's success restarting the backoff")
    void convergesOnAFlakyFluvius() {
        SyncSettings settings = longBackfill();
        SyncService sync = sync(settings);
        Meter meter = linkedMeter(sync, SimAccounts.DEMO_SOLAR);
        simulator.options().errorRate(0.3);

        Instant started = clock.instant();
        sync.refreshNow(meter.id()).otherwiseEmpty().await();
        int rounds = 0;
        for (MeterSync state = syncs.get(meter.id()).await(); !state.backfillDone() && rounds < 200;
             state = syncs.get(meter.id()).await(), rounds++) {
            // No one presses "Refresh now": time passes until the meter is due, and the scheduler runs it
            clock.set(state.nextRunAt().orElseThrow());
            sync.runDue().await();
        }
        simulator.options().errorRate(0);

        assertThat(syncs.get(meter.id()).await().backfillDone()).as("backfill done after %d rounds", rounds).isTrue();
        assertThat(Duration.between(started, clock.instant())).isLessThan(Duration.ofMinutes(30));
        assertThat(distinctDays(meter)).isEqualTo(200);
        assertDay(meter, SimAccounts.DEMO_SOLAR, TODAY.minusDays(150),
                MeterDataGenerator.dailyTotals(SimAccounts.DEMO_SOLAR, TODAY.minusDays(150), false), false);
    }

    /** 200 days of daily readings in chunks of 10: 20 daily steps, then 3 quarter-hour days and the peaks. */
    private static SyncSettings longBackfill() {
        SyncSettings s = smallSettings();
        return new SyncSettings(s.tick(), s.incrementalInterval(), s.jitter(), 200, 10, 3, 7, 10,
                s.requestsPerSecond(), s.backoffStart(), s.backoffMax(), s.rejectedRequestBackoff(), s.zone());
    }

    private MeterSync waitForProgress(Meter meter, int steps) throws InterruptedException {
        for (int i = 0; i < 500; i++) {
            MeterSync state = syncs.get(meter.id()).await();
            if (state.progressDone() >= steps) {
                return state;
            }
            Thread.sleep(10);
        }
        throw new AssertionError("the backfill did not reach " + steps + " steps");
    }

    private long distinctDays(Meter meter) {
        return database.pool().preparedQuery("""
                        SELECT count(DISTINCT period_start) AS n FROM readings
                        WHERE meter_id = $1 AND period_end - period_start >= interval '23 hours'""")
                .execute(io.vertx.sqlclient.Tuple.of(meter.id())).await().iterator().next().getLong("n");
    }

    private long quarterHourStarts(Meter meter, LocalDate day) {
        Instant from = MeterDataGenerator.dayStart(day);
        Instant to = MeterDataGenerator.dayStart(day.plusDays(1));
        return readings.readings(meter.id(), from, to).await().stream()
                .filter(r -> Duration.between(r.start(), r.end()).equals(Duration.ofMinutes(15)))
                .map(Reading::start).distinct().count();
    }

    /** The stored daily values of {@code day}; the day register only when Fluvius sent it (see the simulator). */
    private void assertDay(Meter meter, SimMeter simMeter, LocalDate day, DayTotals expected, boolean estimated) {
        boolean leftOut = MeterDataGenerator.leavesOutDayRegister(simMeter, day, simulator.options().seed());
        Instant start = MeterDataGenerator.dayStart(day);
        Instant end = MeterDataGenerator.dayStart(day.plusDays(1));
        List<Reading> daily = readings.readings(meter.id(), start, end).await().stream()
                .filter(r -> r.start().equals(start) && r.end().equals(end)).toList();
        assertThat(daily).hasSize(leftOut ? 2 : 4).allSatisfy(r -> assertThat(r.estimated()).isEqualTo(estimated));
        if (!leftOut) {
            assertThat(value(daily, Tariff.DAY, Direction.OFFTAKE)).isEqualByComparingTo(expected.offtakeDay());
            assertThat(value(daily, Tariff.DAY, Direction.INJECTION)).isEqualByComparingTo(expected.injectionDay());
        }
        assertThat(value(daily, Tariff.NIGHT, Direction.OFFTAKE)).isEqualByComparingTo(expected.offtakeNight());
        assertThat(value(daily, Tariff.NIGHT, Direction.INJECTION)).isEqualByComparingTo(expected.injectionNight());
    }

    static BigDecimal value(List<Reading> readings, Tariff tariff, Direction direction) {
        return readings.stream().filter(r -> r.tariff() == tariff && r.direction() == direction)
                .map(Reading::value).findFirst().orElseThrow();
    }
}
