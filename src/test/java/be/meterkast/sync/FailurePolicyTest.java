package be.meterkast.sync;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Optional;

import be.meterkast.fluvius.FluviusException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("How long the sync waits after a failure")
class FailurePolicyTest {
    private static final SyncSettings DEFAULTS = SyncSettings.defaults();
    private static final Duration JUST_NOW = Duration.ZERO;

    private static Duration backfilling(int failures, Duration failingFor) {
        return FailurePolicy.waitAfter(failures, failingFor, true, Optional.empty(), DEFAULTS);
    }

    @Test
    @DisplayName("during a backfill: 5 s, doubling, never more than 2 minutes")
    void shortDuringBackfill() {
        assertThat(backfilling(1, JUST_NOW)).isEqualTo(Duration.ofSeconds(5));
        assertThat(backfilling(2, JUST_NOW)).isEqualTo(Duration.ofSeconds(10));
        assertThat(backfilling(5, Duration.ofMinutes(2))).isEqualTo(Duration.ofSeconds(80));
        assertThat(backfilling(6, Duration.ofMinutes(4))).isEqualTo(Duration.ofMinutes(2));
        assertThat(backfilling(40, Duration.ofMinutes(29))).isEqualTo(Duration.ofMinutes(2));
    }

    @Test
    @DisplayName("after 30 minutes of failures a backfill moves to the slow schedule")
    void slowAfterLongOutage() {
        assertThat(backfilling(20, Duration.ofMinutes(30))).isEqualTo(DEFAULTS.backoff(20)).isEqualTo(Duration.ofHours(6));
        assertThat(backfilling(3, Duration.ofMinutes(45))).isEqualTo(Duration.ofMinutes(4));
    }

    @Test
    @DisplayName("a meter whose history is complete keeps the slow schedule: 1, 2, 4 minutes … 6 hours")
    void incrementalRuns() {
        assertThat(FailurePolicy.waitAfter(1, JUST_NOW, false, Optional.empty(), DEFAULTS)).isEqualTo(Duration.ofMinutes(1));
        assertThat(FailurePolicy.waitAfter(3, JUST_NOW, false, Optional.empty(), DEFAULTS)).isEqualTo(Duration.ofMinutes(4));
    }

    @Test
    @DisplayName("a Retry-After is the least the wait can be, and never shortens a longer one")
    void retryAfter() {
        assertThat(FailurePolicy.waitAfter(1, JUST_NOW, true, Optional.of(Duration.ofSeconds(90)), DEFAULTS))
                .isEqualTo(Duration.ofSeconds(90));
        assertThat(FailurePolicy.waitAfter(3, JUST_NOW, false, Optional.of(Duration.ofSeconds(1)), DEFAULTS))
                .isEqualTo(Duration.ofMinutes(4));
    }

    @Test
    @DisplayName("within a run, a request Fluvius failed for a moment is tried at the next request slot, then after half a slot to a slot, doubling, with jitter, six tries in all")
    void retriesWithinARun() {
        Throwable unavailable = new FluviusException.Unavailable("history answered HTTP 502", null);
        // 2 requests per second: a slot is 500 ms; the draw 0 gives the least wait, 1 the most
        assertThat(FailurePolicy.retryWithinRun(1, unavailable, DEFAULTS, 0)).contains(Duration.ZERO);
        assertThat(FailurePolicy.retryWithinRun(1, unavailable, DEFAULTS, 1)).contains(Duration.ofMillis(250));
        assertThat(FailurePolicy.retryWithinRun(2, unavailable, DEFAULTS, 0)).contains(Duration.ofMillis(250));
        assertThat(FailurePolicy.retryWithinRun(2, unavailable, DEFAULTS, 1)).contains(Duration.ofMillis(500));
        assertThat(FailurePolicy.retryWithinRun(4, unavailable, DEFAULTS, 1)).contains(Duration.ofSeconds(2));
        assertThat(FailurePolicy.retryWithinRun(5, unavailable, DEFAULTS, 0.5)).contains(Duration.ofSeconds(3));
        assertThat(FailurePolicy.retryWithinRun(FailurePolicy.TRIES_PER_REQUEST, unavailable, DEFAULTS, 0)).isEmpty();
    }

    @Test
    @DisplayName("within a run, a Retry-After up to 30 s is waited for; a longer one ends the run for the schedule to wait")
    void retryAfterWithinARun() {
        assertThat(FailurePolicy.retryWithinRun(1, new FluviusException.RateLimited(Duration.ofSeconds(30)), DEFAULTS, 0))
                .contains(Duration.ofSeconds(30));
        assertThat(FailurePolicy.retryWithinRun(1, new FluviusException.RateLimited(Duration.ofSeconds(31)), DEFAULTS, 0))
                .isEmpty();
        assertThat(FailurePolicy.retryWithinRun(2,
                new FluviusException.Unavailable("x", null, Duration.ofSeconds(3)), DEFAULTS, 0)).contains(Duration.ofSeconds(3));
    }

    @Test
    @DisplayName("within a run, refusals are never tried again: a wrong password, a refused request, a changed portal")
    void refusalsNotRetried() {
        assertThat(FailurePolicy.retryWithinRun(1, new FluviusException.InvalidCredentials("wrong password"), DEFAULTS, 0)).isEmpty();
        assertThat(FailurePolicy.retryWithinRun(1, new FluviusException.RequestRejected(400, "no such meter"), DEFAULTS, 0)).isEmpty();
        assertThat(FailurePolicy.retryWithinRun(1, new IllegalStateException("bug"), DEFAULTS, 0)).isEmpty();
    }
}
