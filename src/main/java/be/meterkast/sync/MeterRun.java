package be.meterkast.sync;

import be.meterkast.fluvius.FluviusException;
import be.meterkast.store.Meter;
import be.meterkast.store.MeterSyncRepository;
import io.vertx.core.Future;
import io.vertx.core.eventbus.EventBus;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ThreadLocalRandom;

/**
 * One run of one meter, under its account's claim: the rest of its backfill and then the incremental
 * re-read, or the re-read alone, and how it ended recorded for the next run (on success the next
 * incremental, on failure what {@link FailurePolicy} says). A paused account's meter does not run.
 */
final class MeterRun {
    private final MeterReads reads;
    private final FailurePolicy failures;
    private final MeterSyncRepository syncs;
    private final SyncSettings settings;
    private final Clock clock;
    private final EventBus events;

    MeterRun(MeterReads reads, FailurePolicy failures, MeterSyncRepository syncs, SyncSettings settings, Clock clock,
             EventBus events) {
        this.events = events;
        this.reads = reads;
        this.failures = failures;
        this.syncs = syncs;
        this.settings = settings;
        this.clock = clock;
    }

    /**
     * Fails with the run's failure, recorded in {@code meter_sync}; or with {@link AccountGate.ClaimLost},
     * unrecorded. A run the stopping sync ended between two steps, or of an account just unlinked, completes,
     * unrecorded too.
     */
    Future<Void> run(Meter meter) {
        long accountId = meter.accountId().orElseThrow();
        return failures.pausedUntil(accountId).compose(paused -> {
            if (paused.isPresent()) {
                return recorded(meter, Future.failedFuture(new FluviusException.RateLimited(
                        Duration.between(clock.instant(), paused.get()))), false);
            }
            return syncs.get(meter.id()).compose(state -> recorded(meter, state.backfillDone()
                    ? reads.incremental(meter)
                    : reads.backfill(meter, state).compose(done -> reads.incremental(meter)), !state.backfillDone()));
        });
    }

    /** Another instance has the account: the account's other meters do not run here either. */
    static boolean endsClaim(Throwable failure) {
        return failure instanceof AccountGate.ClaimLost;
    }

    /** Records how a run ended; {@code backfilling} says which failure policy applies to it. */
    private Future<Void> recorded(Meter meter, Future<Void> run, boolean backfilling) {
        return run.compose(done -> recordSuccess(meter).andThen(recorded -> announce(meter, recorded.succeeded())),
                failure -> recordFailure(meter, failure, backfilling));
    }

    private Future<Void> recordFailure(Meter meter, Throwable failure, boolean backfilling) {
        if (failure instanceof MeterReads.Stopped || failure instanceof TokenCache.AccountRemoved) {
            // stopping: the step before is saved, the next start (or another instance) continues there;
            // unlinked: the meter keeps its history only
            return Future.succeededFuture();
        }
        if (endsClaim(failure)) {
            return Future.failedFuture(failure);
        }
        return failures.recordFailure(meter, failure, backfilling)
                .andThen(recorded -> announce(meter, recorded.succeeded()))
                .compose(v -> Future.failedFuture(failure));
    }

    /** Readings or the sync status changed in PostgreSQL: listeners (Home Assistant over MQTT) read them there. */
    private void announce(Meter meter, boolean recorded) {
        if (recorded) {
            events.publish(SyncEvents.METER_SYNCED, meter.id());
        }
    }

    private Future<Void> recordSuccess(Meter meter) {
        Instant now = clock.instant();
        return syncs.recordSuccess(meter.id(), now, now.plus(withJitter(settings.incrementalInterval())));
    }

    private Duration withJitter(Duration interval) {
        if (settings.jitter() == 0) {
            return interval;
        }
        double factor = 1 + ThreadLocalRandom.current().nextDouble(-settings.jitter(), settings.jitter());
        return Duration.ofMillis(Math.round(interval.toMillis() * factor));
    }
}
