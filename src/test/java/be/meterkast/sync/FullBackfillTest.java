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

/** The default windows (a year of days, 30 quarter-hour days, peaks since last January), paced fast. */
@Tag("slow")
class FullBackfillTest extends SyncTestBase {
    private static final Logger LOG = LoggerFactory.getLogger(FullBackfillTest.class);
    /** Set e.g. METERKAST_SYNC_RPS=2 to measure with the real politeness. */
    private static final double REQUESTS_PER_SECOND = Double.parseDouble(
            System.getenv().getOrDefault("METERKAST_SYNC_RPS", "1000"));

    @Test
    @DisplayName("a default backfill of an electricity meter takes 52 requests and stores a year of days and 30 days of quarter-hours")
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
        // backfill: 12 daily + 30 quarter-hour days + 1 peaks; incremental: 1 daily + 7 quarter-hour days + 1 peaks
        assertThat(requests).isEqualTo(12 + 30 + 1 + 9);
        assertThat(state.progressDone()).isEqualTo(42);
        // a year of daily values; November has no DST day: 30 x 96 quarter-hours x 2 directions
        assertThat(readings.count(meter.id()).await()).isEqualTo(dailyValues(SimAccounts.DEMO_SOLAR, 365) + 30 * 96 * 2);
        assertThat(peaks.list(meter.id()).await()).hasSize(23);
    }
}
