package be.meterkast.ops;

import be.meterkast.store.Database;
import be.meterkast.store.DatabaseConfig;
import be.meterkast.store.MeterSyncRepository;
import be.meterkast.store.TestDatabases;
import be.meterkast.sync.LinkResult;
import be.meterkast.sync.SyncControl;
import be.meterkast.sync.SyncCounters;
import be.meterkast.sync.SyncCounters.Outcome;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class PortalMetersTest {
    private static final Instant NOW = Instant.parse("2025-07-01T12:00:00Z");

    @TempDir
    Path dataDirectory;

    private Vertx vertx;
    private TestDatabases.Fresh fresh;
    private Database database;
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private volatile SyncCounters counters = SyncCounters.NONE;
    private PortalMeters meters;

    @BeforeEach
    void start() {
        vertx = Vertx.vertx();
        fresh = TestDatabases.create();
        database = Database.start(vertx, DatabaseConfig.external(fresh.url(), dataDirectory)).await();
        database.pool().query("""
                INSERT INTO households (id, name) VALUES (1, 'Thuis');
                INSERT INTO meters (id, household_id, ean, serial, kind, label) VALUES
                    (1, 1, '541448820000000015', 'S1', 'ELECTRICITY', 'Zon'),
                    (2, 1, '541448820000000022', 'S2', 'ELECTRICITY', 'Auto');
                INSERT INTO meter_sync (meter_id, last_success_at) VALUES (1, '2025-07-01T11:30:00Z')""").execute().await();
        meters = PortalMeters.start(vertx, registry, new CountingSync(), new MeterSyncRepository(database.pool()),
                Clock.fixed(NOW, ZoneOffset.UTC)).await();
    }

    @AfterEach
    void stop() {
        meters.stop();
        database.close().await();
        vertx.close().await();
        TestDatabases.drop(fresh);
    }

    @Test
    @DisplayName("the Fluvius counters show what the sync counted, read at scrape time")
    void syncCounters() {
        counters = new SyncCounters(2, 1, 5, Map.of(Outcome.OK, 3L, Outcome.UNAVAILABLE, 1L));
        assertThat(registry.get(PortalMeters.REQUESTS).tag("outcome", "ok").functionCounter().count()).isEqualTo(3);
        assertThat(registry.get(PortalMeters.REQUESTS).tag("outcome", "unavailable").functionCounter().count()).isEqualTo(1);
        assertThat(registry.get(PortalMeters.REQUESTS).tag("outcome", "blocked").functionCounter().count()).isZero();
        assertThat(registry.get(PortalMeters.SIGN_INS).functionCounter().count()).isEqualTo(2);
        assertThat(registry.get(PortalMeters.TOKEN_REFRESHES).functionCounter().count()).isEqualTo(1);
        assertThat(registry.get(PortalMeters.TOKEN_CACHE_HITS).functionCounter().count()).isEqualTo(5);
    }

    @Test
    @DisplayName("sync lag: seconds since each meter's last success; never-synced meters have none; a refresh picks up new successes")
    void syncLag() {
        assertThat(registry.get(PortalMeters.SYNC_LAG).tag("meter", "1").gauge().value()).isEqualTo(1800);
        assertThat(registry.find(PortalMeters.SYNC_LAG).tag("meter", "2").gauge()).isNull();

        database.pool().query("INSERT INTO meter_sync (meter_id, last_success_at) VALUES (2, '2025-07-01T11:59:00Z')")
                .execute().await();
        meters.refresh().await();
        assertThat(registry.get(PortalMeters.SYNC_LAG).tag("meter", "2").gauge().value()).isEqualTo(60);
    }

    /** Reports whatever {@link #counters} holds. */
    private final class CountingSync implements SyncControl {
        @Override
        public SyncCounters counters() {
            return counters;
        }

        @Override
        public Future<LinkResult> linkAccount(long householdId, String email, String password) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Future<LinkResult> updatePassword(long accountId, String password) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Future<Void> meterAdded(long meterId) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Future<Void> refreshNow(long meterId) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void accountRemoved(long accountId) {
            throw new UnsupportedOperationException();
        }
    }
}
