package be.meterkast.sync;

import be.meterkast.fluvius.sim.SimAccounts;
import be.meterkast.store.Meter;
import be.meterkast.store.MeterSync;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** The default windows (three years of days, 60 quarter-hour days, the window's monthly peaks), paced fast. */
@Tag("slow")
class FullBackfillTest extends SyncTestBase {
    private static final Logger LOG = LoggerFactory.getLogger(FullBackfillTest.class);
    /** Set e.g. METERKAST_SYNC_RPS=2 to measure with the real politeness. */
    private static final double REQUESTS_PER_SECOND = Double.parseDouble(
            System.getenv().getOrDefault("METERKAST_SYNC_RPS", "1000"));

    @Test
    @DisplayName("a default backfill of an electricity meter takes 108 requests and stores three years of days and 60 days of quarter-hours")
    void defaultBackfill() {
        SyncSettings d = SyncSettings.defaults();
        SyncService sync = sync(d.withRequestsPerSecond(REQUESTS_PER_SECOND));
        long household = household();
        long accountId = sync.linkAccount(household, SimAccounts.DEMO_EMAIL, SimAccounts.DEMO_PASSWORD).await().accountId();
        Meter meter = meter(household, accountId, SimAccounts.DEMO_SOLAR);
        long before = simulator.stats().dataRequests();
        long start = System.nanoTime();

        sync.refreshNow(meter.id()).await();

        Duration took = Duration.ofNanos(System.nanoTime() - start);
        long requests = simulator.stats().dataRequests() - before;
        LOG.info("Full backfill of one electricity meter: {} requests in {} ms at {} requests/s", requests,
                took.toMillis(), REQUESTS_PER_SECOND);
        MeterSync state = syncs.get(meter.id()).await();
        // backfill: 1 + 34 daily + 60 quarter-hour days + 4 of peaks (a year each); incremental: 1 daily + 7
        // quarter-hour days + 1 peaks
        assertThat(requests).isEqualTo(1 + 34 + 60 + 4 + 9);
        assertThat(state.progressDone()).isEqualTo(state.progressTotal()).isEqualTo(95);
        // three years of daily values; 1 October to 29 November holds the autumn DST day of 100 quarter-hours
        assertThat(readings.count(meter.id()).await())
                .isEqualTo(dailyValues(SimAccounts.DEMO_SOLAR, 1096) + (59 * 96 + 100) * 2);
        // every month from November 2022 to November 2025
        assertThat(peaks.list(meter.id()).await()).hasSize(37);
    }
}
