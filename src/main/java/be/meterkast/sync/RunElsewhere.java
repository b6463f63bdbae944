package be.meterkast.sync;

import be.meterkast.store.Meter;
import be.meterkast.store.MeterSyncRepository;
import io.vertx.core.Future;
import io.vertx.core.Vertx;

import java.time.Clock;
import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Function;

/**
 * "Refresh now" (or a new meter) on this instance while another instance holds the meter's account: the meter
 * is marked due, so that instance runs it in its next pass over the account, and this one waits for a run of
 * the meter to end instead of starting a second; when the account is released before, this instance takes it
 * and runs the meter itself.
 */
final class RunElsewhere {
    /** How often the waiting instance looks whether the run has ended. Real time: it paces database reads. */
    static final Duration POLL = Duration.ofMillis(500);

    /** A run another instance did for this one failed; its message is the one recorded for the meter. */
    static final class Failed extends RuntimeException {
        Failed(String recordedError) {
            super(recordedError, null, false, false);
        }
    }

    private final Vertx vertx;
    private final MeterSyncRepository syncs;
    private final DueWork claims;
    private final AccountGate gate;
    private final Clock clock;
    private final Function<Meter, Future<Void>> runHere;
    private final BooleanSupplier stopping;

    /** {@code runHere} runs the meter on this instance, under the account's claim. */
    RunElsewhere(Vertx vertx, MeterSyncRepository syncs, DueWork claims, AccountGate gate, Clock clock,
                 Function<Meter, Future<Void>> runHere, BooleanSupplier stopping) {
        this.vertx = vertx;
        this.syncs = syncs;
        this.claims = claims;
        this.gate = gate;
        this.clock = clock;
        this.runHere = runHere;
        this.stopping = stopping;
    }

    /** Completes when a run of the meter that ended after this call is over, with that run's outcome. */
    Future<Void> await(Meter meter) {
        return syncs.runsFinished(meter.id()).compose(before -> syncs.markDue(meter.id(), clock.instant(), before)
                .compose(marked -> poll(meter, before)));
    }

    private Future<Void> poll(Meter meter, long runsBefore) {
        if (stopping.getAsBoolean()) {
            return Future.succeededFuture();
        }
        long accountId = meter.accountId().orElseThrow();
        return vertx.timer(POLL.toMillis()).compose(waited -> syncs.runsFinished(meter.id())).compose(finished -> {
            if (finished > runsBefore) {
                return syncs.get(meter.id()).compose(state -> state.lastError().isEmpty()
                        ? Future.<Void>succeededFuture()
                        : Future.<Void>failedFuture(new Failed(state.lastError().get())));
            }
            return claims.held(accountId).compose(held -> held ? poll(meter, runsBefore)
                    : gate.run(accountId, () -> runHere.apply(meter)).recover(err ->
                            err instanceof AccountGate.HeldElsewhere ? poll(meter, runsBefore) : Future.failedFuture(err)));
        });
    }
}
