package be.meterkast.sync;

import be.meterkast.domain.Direction;
import be.meterkast.domain.MonthlyPeak;
import be.meterkast.domain.Reading;
import be.meterkast.domain.Tariff;
import be.meterkast.domain.Unit;
import be.meterkast.fluvius.sim.GasHour;
import be.meterkast.fluvius.sim.MeterDataGenerator;
import be.meterkast.fluvius.sim.Profile;
import be.meterkast.fluvius.sim.SimAccount;
import be.meterkast.fluvius.sim.SimMeter;
import be.meterkast.store.Meter;
import be.meterkast.store.MeterSync;
import io.vertx.sqlclient.Tuple;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How far back a backfill reads against the simulator: three years by default, but no further than the
 * meter's history at Fluvius, which ends at the first stretch Fluvius has nothing for.
 */
class HistoryDepthTest extends SyncTestBase {
    private static final LocalDate TODAY = LocalDate.of(2025, 11, 30);
    /** Five months before today. */
    private static final LocalDate INSTALLED = TODAY.minusDays(150);
    private static final String EMAIL = "new-house@meterkast.test";
    private static final String PASSWORD = "new-house-password";
    private static final SimMeter ELECTRICITY = new SimMeter(SimMeter.withCheckDigit("54144882000000091"),
            "1SAG1100000091", Profile.PLAIN).installedOn(INSTALLED);
    private static final SimMeter GAS = new SimMeter(SimMeter.withCheckDigit("54144882000000092"),
            "2ZCF0000000092", Profile.GAS).installedOn(INSTALLED);

    /** The default depth of three years, with a detail window of a week to keep the test short. */
    private static SyncSettings threeYears() {
        return SyncSettings.defaults().withBackfill(1096, 7).withRequestsPerSecond(1000);
    }

    private Meter newHouseMeter(SyncService sync, SimMeter simMeter) {
        if (simulator.accounts().find(EMAIL).isEmpty()) {
            simulator.accounts().add(new SimAccount(EMAIL, PASSWORD, false, List.of(ELECTRICITY, GAS)));
        }
        long household = household();
        long accountId = sync.linkAccount(household, EMAIL, PASSWORD).await().accountId();
        return meter(household, accountId, simMeter);
    }

    @Test
    @DisplayName("a meter with 5 months of history stops after the first empty daily request: 15 requests instead of 48")
    void stopsAfterTheFirstEmptyChunk() {
        SyncService sync = sync(threeYears());
        Meter meter = newHouseMeter(sync, ELECTRICITY);
        long before = simulator.stats().dataRequests();

        sync.refreshNow(meter.id()).await();

        // backfill: the week's daily values and 7 quarter-hour days; 31-day chunks back to the one before the
        // installation, which is empty; one request of peaks (June to November). Then the incremental run:
        // 1 daily + 7 quarter-hour days + 1 peaks.
        assertThat(simulator.stats().dataRequests() - before).isEqualTo(1 + 7 + 6 + 1 + 9);
        BackfillPlan plan = new BackfillPlan(ELECTRICITY.kind(), threeYears());
        assertThat(plan.remaining(Optional.empty(), Optional.empty(), TODAY)).as("what a full history costs")
                .isEqualTo(1 + 6 + 36 + 1);
        MeterSync state = syncs.get(meter.id()).await();
        assertThat(state.backfillDone()).isTrue();
        assertThat(state.progressDone()).as("finished at 100 %").isEqualTo(state.progressTotal());
    }

    @Test
    @DisplayName("what a meter with 5 months of history stores equals the simulator's generator: every day since installation, its quarter-hours, its peaks")
    void storedHistoryEqualsTheGenerator() {
        SyncService sync = sync(threeYears());
        Meter meter = newHouseMeter(sync, ELECTRICITY);

        sync.refreshNow(meter.id()).await();

        assertThat(wholeDays(meter)).isEqualTo(150);
        for (LocalDate day = INSTALLED; day.isBefore(TODAY); day = day.plusDays(1)) {
            var expected = MeterDataGenerator.dailyTotals(ELECTRICITY, day, MeterDataGenerator.isEstimated(day, TODAY));
            List<Reading> stored = readings.readings(meter.id(), MeterDataGenerator.dayStart(day),
                    MeterDataGenerator.dayStart(day.plusDays(1))).await().stream()
                    .filter(r -> Duration.between(r.start(), r.end()).toHours() >= 23).toList();
            assertThat(BackfillTest.value(stored, Tariff.NIGHT, Direction.OFFTAKE)).as("%s", day)
                    .isEqualByComparingTo(expected.offtakeNight());
            assertThat(BackfillTest.value(stored, Tariff.NIGHT, Direction.INJECTION)).as("%s", day)
                    .isEqualByComparingTo(expected.injectionNight());
        }
        LocalDate detailDay = TODAY.minusDays(7);
        List<Reading> quarterHours = readings.quarterHours(meter.id(), MeterDataGenerator.dayStart(detailDay),
                MeterDataGenerator.dayStart(detailDay.plusDays(1))).await();
        assertThat(quarterHours).filteredOn(r -> r.direction() == Direction.OFFTAKE).hasSize(96)
                .allSatisfy(r -> assertThat(r.value().movePointRight(3).longValueExact())
                        .isEqualTo(MeterDataGenerator.quarterHourWh(ELECTRICITY, r.start(), Direction.OFFTAKE, false)));
        List<MonthlyPeak> stored = peaks.list(meter.id()).await();
        assertThat(stored).extracting(MonthlyPeak::month).containsExactly(YearMonth.of(2025, 7), YearMonth.of(2025, 8),
                YearMonth.of(2025, 9), YearMonth.of(2025, 10), YearMonth.of(2025, 11));
        assertThat(stored.get(0).kilowatts()).isEqualByComparingTo(
                MeterDataGenerator.monthlyPeak(ELECTRICITY, YearMonth.of(2025, 7), TODAY).kilowatts());
    }

    @Test
    @DisplayName("a gas meter gets its gas days since installation and the hours of the detail window's published gas days")
    void gasHoursOfTheWindow() {
        SyncService sync = sync(threeYears());
        Meter meter = newHouseMeter(sync, GAS);

        sync.refreshNow(meter.id()).await();

        // published up to the gas day of the 26th (72 hours late)
        assertThat(wholeDays(meter)).isEqualTo(INSTALLED.datesUntil(LocalDate.of(2025, 11, 27)).count());
        LocalDate gasDay = TODAY.minusDays(6);
        List<GasHour> expected = MeterDataGenerator.gasHours(GAS, gasDay, false);
        List<Reading> hours = readings.readings(meter.id(), expected.get(0).start(),
                expected.get(expected.size() - 1).end()).await().stream()
                .filter(r -> Duration.between(r.start(), r.end()).equals(Duration.ofHours(1)) && r.unit() == Unit.M3)
                .toList();
        assertThat(hours).hasSize(expected.size());
        for (int i = 0; i < expected.size(); i++) {
            assertThat(hours.get(i).start()).isEqualTo(expected.get(i).start());
            assertThat(hours.get(i).value()).isEqualByComparingTo(expected.get(i).m3());
        }
        assertThat(syncs.get(meter.id()).await().backfillDone()).isTrue();
    }

    @Test
    @DisplayName("a backfill resumed 12 days after it stopped reads the 12 new days, and the quarter-hours of those in the window, before going on back")
    void resumedDaysLaterCoversTheNewDays() {
        SyncService sync = sync(threeYears());
        Meter meter = newHouseMeter(sync, ELECTRICITY);
        // Stopped at TODAY after the detail window and two months of daily values
        syncs.saveProgress(meter.id(), false, Optional.of(TODAY.minusDays(69)), Optional.of(TODAY.minusDays(1)), 10, 44)
                .await();
        clock.advance(Duration.ofDays(12));
        LocalDate later = TODAY.plusDays(12);

        sync.refreshNow(meter.id()).await();

        for (LocalDate day = TODAY; day.isBefore(later); day = day.plusDays(1)) {
            assertThat(readings.days(meter.id(), MeterDataGenerator.dayStart(day),
                    MeterDataGenerator.dayStart(day.plusDays(1))).await()).as("daily values of %s", day).isNotEmpty();
        }
        for (LocalDate day = later.minusDays(7); day.isBefore(later); day = day.plusDays(1)) {
            assertThat(readings.quarterHours(meter.id(), MeterDataGenerator.dayStart(day),
                    MeterDataGenerator.dayStart(day.plusDays(1))).await()).as("quarter-hours of %s", day).hasSize(96 * 2);
        }
        assertThat(syncs.get(meter.id()).await().backfillDone()).isTrue();
    }

    private long wholeDays(Meter meter) {
        return database.pool().preparedQuery("""
                        SELECT count(DISTINCT period_start) AS n FROM readings
                        WHERE meter_id = $1 AND period_end - period_start >= interval '23 hours'""")
                .execute(Tuple.of(meter.id())).await().iterator().next().getLong("n");
    }
}
