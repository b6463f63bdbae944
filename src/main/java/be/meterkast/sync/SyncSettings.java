package be.meterkast.sync;

import be.meterkast.config.Environment;
import be.meterkast.config.Setting;
import be.meterkast.domain.time.LocalDays;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Objects;

/**
 * How much the background sync reads and how politely. {@link #defaults()} holds the values for the real
 * Fluvius; tests pass small ones (short windows, fast pacing) through the canonical constructor.
 *
 * @param tick                     how often the scheduler looks for due meters
 * @param incrementalInterval      time between two incremental runs of a meter
 * @param jitter                   fraction of the interval added or taken off at random (0.1 = ±10%)
 * @param dailyBackfillDays        local days of daily readings a new meter gets at most (less when its history
 *                                 starts later), and its monthly peaks since the first of those days' month
 * @param dailyChunkDays           days per daily request during the backfill
 * @param quarterHourBackfillDays  the most recent local days a new meter gets in detail: quarter-hours for
 *                                 electricity, hours for gas (one request per day)
 * @param electricityWindowDays    trailing days re-read by every incremental run (corrections)
 * @param gasWindowDays            trailing gas days re-read by every incremental run (late and corrected gas)
 * @param requestsPerSecond        at most this many Fluvius data requests per second per account
 * @param backoffStart             first wait after Fluvius was unavailable; doubled on every further failure
 * @param backoffMax               the longest wait after failures
 * @param rejectedRequestBackoff   wait after Fluvius refused a request as asked (wrong EAN or serial)
 * @param zone                     whose local days are read
 */
public record SyncSettings(Duration tick, Duration incrementalInterval, double jitter, int dailyBackfillDays,
                           int dailyChunkDays, int quarterHourBackfillDays,
                           int electricityWindowDays, int gasWindowDays, double requestsPerSecond,
                           Duration backoffStart, Duration backoffMax, Duration rejectedRequestBackoff, ZoneId zone) {
    public static final Duration DEFAULT_TICK = Duration.ofSeconds(30);
    public static final Duration DEFAULT_INCREMENTAL_INTERVAL = Duration.ofHours(6);
    public static final double DEFAULT_JITTER = 0.10;
    /** Three years, so "the same month last year" has data on the first day. */
    public static final int DEFAULT_DAILY_BACKFILL_DAYS = 1096;
    /** A month per request keeps three years of daily readings at 36 requests. */
    public static final int DEFAULT_DAILY_CHUNK_DAYS = 31;
    public static final int DEFAULT_QUARTER_HOUR_BACKFILL_DAYS = 60;
    /** About ten years: more than Fluvius is known to keep. */
    public static final int MAX_BACKFILL_DAYS = 3660;
    public static final int DEFAULT_ELECTRICITY_WINDOW_DAYS = 7;
    /** Gas is ~72 h late and then corrected: a wider window than electricity. */
    public static final int DEFAULT_GAS_WINDOW_DAYS = 10;
    public static final double DEFAULT_REQUESTS_PER_SECOND = 2;
    /** One request in 100 s at the slowest; 50 a second is for the simulator on loopback, not Fluvius. */
    public static final double MIN_REQUESTS_PER_SECOND = 0.01;
    public static final double MAX_REQUESTS_PER_SECOND = 50;
    public static final Duration DEFAULT_BACKOFF_START = Duration.ofMinutes(1);
    public static final Duration DEFAULT_BACKOFF_MAX = Duration.ofHours(6);
    public static final Duration DEFAULT_REJECTED_REQUEST_BACKOFF = Duration.ofHours(24);
    public static final ZoneId DEFAULT_ZONE = LocalDays.BRUSSELS;

    public SyncSettings {
        Objects.requireNonNull(tick, "tick");
        Objects.requireNonNull(incrementalInterval, "incrementalInterval");
        Objects.requireNonNull(backoffStart, "backoffStart");
        Objects.requireNonNull(backoffMax, "backoffMax");
        Objects.requireNonNull(rejectedRequestBackoff, "rejectedRequestBackoff");
        Objects.requireNonNull(zone, "zone");
        positive(tick, "tick");
        positive(incrementalInterval, "incrementalInterval");
        positive(backoffStart, "backoffStart");
        positive(rejectedRequestBackoff, "rejectedRequestBackoff");
        if (backoffMax.compareTo(backoffStart) < 0) {
            throw new IllegalArgumentException("backoffMax must not be shorter than backoffStart");
        }
        if (!(jitter >= 0 && jitter < 1)) {
            throw new IllegalArgumentException("jitter must be in [0, 1): " + jitter);
        }
        atLeast(dailyBackfillDays, 1, "dailyBackfillDays");
        atLeast(dailyChunkDays, 1, "dailyChunkDays");
        atLeast(quarterHourBackfillDays, 0, "quarterHourBackfillDays");
        atLeast(electricityWindowDays, 1, "electricityWindowDays");
        atLeast(gasWindowDays, 1, "gasWindowDays");
        if (!(requestsPerSecond > 0)) {
            throw new IllegalArgumentException("requestsPerSecond must be positive: " + requestsPerSecond);
        }
    }

    public SyncSettings withRequestsPerSecond(double perSecond) {
        return new SyncSettings(tick, incrementalInterval, jitter, dailyBackfillDays, dailyChunkDays,
                quarterHourBackfillDays, electricityWindowDays, gasWindowDays, perSecond,
                backoffStart, backoffMax, rejectedRequestBackoff, zone);
    }

    /** How far back a new meter is read: daily values, and the recent days in detail. */
    public SyncSettings withBackfill(int days, int quarterHourDays) {
        return new SyncSettings(tick, incrementalInterval, jitter, days, dailyChunkDays, quarterHourDays,
                electricityWindowDays, gasWindowDays, requestsPerSecond, backoffStart, backoffMax,
                rejectedRequestBackoff, zone);
    }

    public SyncSettings withTick(Duration newTick) {
        return new SyncSettings(newTick, incrementalInterval, jitter, dailyBackfillDays, dailyChunkDays,
                quarterHourBackfillDays, electricityWindowDays, gasWindowDays, requestsPerSecond,
                backoffStart, backoffMax, rejectedRequestBackoff, zone);
    }


    public static SyncSettings defaults() {
        return new SyncSettings(DEFAULT_TICK, DEFAULT_INCREMENTAL_INTERVAL, DEFAULT_JITTER, DEFAULT_DAILY_BACKFILL_DAYS,
                DEFAULT_DAILY_CHUNK_DAYS, DEFAULT_QUARTER_HOUR_BACKFILL_DAYS, DEFAULT_ELECTRICITY_WINDOW_DAYS, DEFAULT_GAS_WINDOW_DAYS, DEFAULT_REQUESTS_PER_SECOND,
                DEFAULT_BACKOFF_START, DEFAULT_BACKOFF_MAX, DEFAULT_REJECTED_REQUEST_BACKOFF, DEFAULT_ZONE);
    }

    /**
     * The defaults with the backfill depth the environment asks for ({@link Setting#BACKFILL_DAYS},
     * {@link Setting#BACKFILL_QUARTER_HOUR_DAYS}).
     *
     * @throws be.meterkast.config.ConfigException naming the variable that is wrong
     */
    public static SyncSettings fromEnvironment(Environment env) {
        int days = env.number(Setting.BACKFILL_DAYS, 1, MAX_BACKFILL_DAYS, DEFAULT_DAILY_BACKFILL_DAYS,
                "a number of days");
        int quarterHourDays = env.number(Setting.BACKFILL_QUARTER_HOUR_DAYS, 0, MAX_BACKFILL_DAYS,
                DEFAULT_QUARTER_HOUR_BACKFILL_DAYS, "a number of days");
        double perSecond = env.decimal(Setting.SYNC_RPS, MIN_REQUESTS_PER_SECOND, MAX_REQUESTS_PER_SECOND,
                DEFAULT_REQUESTS_PER_SECOND, "requests per second");
        return defaults().withBackfill(days, quarterHourDays).withRequestsPerSecond(perSecond);
    }

    /** The wait after {@code failures} failures in a row (1 = the first): start, doubled, capped. */
    public Duration backoff(int failures) {
        Duration wait = backoffStart;
        for (int i = 1; i < failures && wait.compareTo(backoffMax) < 0; i++) {
            wait = wait.multipliedBy(2);
        }
        return wait.compareTo(backoffMax) > 0 ? backoffMax : wait;
    }

    /** Minimum time between two data requests of one account. */
    public Duration requestSpacing() {
        return Duration.ofNanos(Math.round(1_000_000_000 / requestsPerSecond));
    }

    private static void positive(Duration value, String name) {
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(name + " must be positive: " + value);
        }
    }

    private static void atLeast(int value, int min, String name) {
        if (value < min) {
            throw new IllegalArgumentException(name + " must be at least " + min + ": " + value);
        }
    }
}
