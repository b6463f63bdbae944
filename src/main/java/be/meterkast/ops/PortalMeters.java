package be.meterkast.ops;

import be.meterkast.store.MeterSyncRepository;
import be.meterkast.sync.SyncControl;
import be.meterkast.sync.SyncCounters;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The portal's own meters: Fluvius data calls by outcome, sign-ins, token refreshes and cache hits (read
 * from the sync's counters at scrape time), and per meter the seconds since its last successful sync.
 * The last successes are read from PostgreSQL every {@link #REFRESH}, not per scrape, so a scraper cannot
 * turn into a query storm; the lag itself is computed at scrape time and keeps growing between refreshes.
 */
public final class PortalMeters {
    public static final Duration REFRESH = Duration.ofSeconds(60);
    static final String REQUESTS = "meterkast.fluvius.requests";
    static final String SIGN_INS = "meterkast.fluvius.sign.ins";
    static final String TOKEN_REFRESHES = "meterkast.fluvius.token.refreshes";
    static final String TOKEN_CACHE_HITS = "meterkast.fluvius.token.cache.hits";
    static final String SYNC_LAG = "meterkast.sync.lag";

    private static final Logger LOG = LoggerFactory.getLogger(PortalMeters.class);

    private final Vertx vertx;
    private final MeterSyncRepository syncs;
    private final Clock clock;
    private final MultiGauge lag;
    private long timerId = -1;

    private PortalMeters(Vertx vertx, MeterRegistry registry, SyncControl sync, MeterSyncRepository syncs, Clock clock) {
        this.vertx = vertx;
        this.syncs = syncs;
        this.clock = clock;
        for (SyncCounters.Outcome outcome : SyncCounters.Outcome.values()) {
            FunctionCounter.builder(REQUESTS, sync, s -> s.counters().requests(outcome))
                    .description("Fluvius data calls by how they ended (blocked: not sent, the password was refused before)")
                    .tag("outcome", outcome.name().toLowerCase(java.util.Locale.ROOT))
                    .register(registry);
        }
        FunctionCounter.builder(SIGN_INS, sync, s -> s.counters().signIns())
                .description("Password sign-ins to Fluvius").register(registry);
        FunctionCounter.builder(TOKEN_REFRESHES, sync, s -> s.counters().tokenRefreshes())
                .description("Fluvius token refresh grants").register(registry);
        FunctionCounter.builder(TOKEN_CACHE_HITS, sync, s -> s.counters().tokenCacheHits())
                .description("Fluvius calls served with a cached token").register(registry);
        this.lag = MultiGauge.builder(SYNC_LAG).baseUnit("seconds")
                .description("Seconds since the meter's last successful sync (meters never synced are absent)")
                .register(registry);
    }

    /** Registers the meters, reads the sync state once, then every {@link #REFRESH}. */
    public static Future<PortalMeters> start(Vertx vertx, MeterRegistry registry, SyncControl sync,
                                             MeterSyncRepository syncs, Clock clock) {
        PortalMeters meters = new PortalMeters(vertx, registry, sync, syncs, clock);
        return meters.refresh().map(v -> {
            meters.timerId = vertx.setPeriodic(REFRESH.toMillis(), id -> meters.refresh());
            return meters;
        });
    }

    /** Reads every meter's last success; a failure keeps the previous values (and is logged). */
    public Future<Void> refresh() {
        return syncs.lastSuccesses().<Void>map(last -> {
            lag.register(rows(last), true);
            return null;
        }).recover(err -> {
            LOG.warn("Could not read the sync state for the sync-lag metric: {}", err.getMessage());
            return Future.succeededFuture();
        });
    }

    private List<MultiGauge.Row<?>> rows(Map<Long, Optional<Instant>> last) {
        return last.entrySet().stream()
                .filter(e -> e.getValue().isPresent())
                .<MultiGauge.Row<?>>map(e -> {
                    Instant at = e.getValue().get();
                    return MultiGauge.Row.of(Tags.of("meter", Long.toString(e.getKey())),
                            () -> Math.max(0, Duration.between(at, clock.instant()).toMillis() / 1000.0));
                })
                .toList();
    }

    public void stop() {
        if (timerId >= 0) {
            vertx.cancelTimer(timerId);
            timerId = -1;
        }
    }
}
