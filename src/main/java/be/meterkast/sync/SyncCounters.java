package be.meterkast.sync;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

/**
 * What the sync did since start-up, for metrics: password sign-ins, refresh grants and token cache hits
 * (from the {@link TokenCache}), and Fluvius data calls by outcome.
 */
public record SyncCounters(long signIns, long tokenRefreshes, long tokenCacheHits, Map<Outcome, Long> requests) {
    public static final SyncCounters NONE = new SyncCounters(0, 0, 0, new EnumMap<>(Outcome.class));

    public SyncCounters {
        requests = Collections.unmodifiableMap(new EnumMap<>(requests));
    }

    /** How a data call ended. {@link #BLOCKED} calls never reached Fluvius. */
    public enum Outcome {
        OK,
        UNAVAILABLE,
        RATE_LIMITED,
        /** The token was refused even after the token cache's one retry. */
        UNAUTHORIZED,
        /** Fluvius refused the request as asked (wrong EAN or serial, bad range). */
        REJECTED,
        PORTAL_CHANGED,
        /** The sign-in needed for the call was refused (password, lock, two-step verification). */
        SIGN_IN_REFUSED,
        /** Not sent: the account's password was rejected before and no new one was entered. */
        BLOCKED,
        OTHER
    }

    public long requests(Outcome outcome) {
        return requests.getOrDefault(outcome, 0L);
    }
}
