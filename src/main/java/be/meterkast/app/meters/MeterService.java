package be.meterkast.app.meters;

import be.meterkast.store.FluviusAccount;
import be.meterkast.store.Meter;
import be.meterkast.store.MeterSync;
import be.meterkast.store.Repositories;
import be.meterkast.sync.LinkResult;
import be.meterkast.sync.SyncControl;
import io.vertx.core.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Fluvius accounts and meters: linking an account (and a new password for it), its sign-in diagnostics,
 * adding a meter, the meters a user can see with their sync state, and "refresh now". Access checks are in
 * the queries: an account or meter outside the user's households is simply not found.
 */
public final class MeterService {
    private static final Logger LOG = LoggerFactory.getLogger(MeterService.class);

    private final Repositories store;
    private final SyncControl sync;

    public MeterService(Repositories store, SyncControl sync) {
        this.store = store;
        this.sync = sync;
    }

    /** Stores the account and signs in once; fails with {@code DuplicateAccount} when the household has it. */
    public Future<LinkResult> linkAccount(long householdId, String email, String password) {
        return sync.linkAccount(householdId, email, password);
    }

    /** The account when the user can see it and it belongs to {@code householdId}. */
    public Future<Optional<FluviusAccount>> account(long userId, long householdId, long accountId) {
        return store.accounts().findForUser(userId, accountId)
                .map(account -> account.filter(a -> a.householdId() == householdId));
    }

    /** A new password for an account Fluvius refused (checked with {@link #account}); signs in once with it. */
    public Future<LinkResult> newPassword(long accountId, String password) {
        return sync.updatePassword(accountId, password);
    }

    /**
     * Unlinks the account (checked with {@link #account}): its password and tokens are deleted and the sync
     * forgets it; its meters stay with their history and stop syncing. Whether it existed.
     */
    public Future<Boolean> unlinkAccount(long accountId) {
        return store.accounts().delete(accountId).onSuccess(deleted -> {
            if (deleted) {
                sync.accountRemoved(accountId);
            }
        });
    }

    /** The latest sign-in's redacted trace, when the account is the user's, in that household, and has one. */
    public Future<Optional<String>> signInTrace(long userId, long householdId, long accountId) {
        return account(userId, householdId, accountId).compose(account -> account.isEmpty()
                ? Future.succeededFuture(Optional.<String>empty())
                : store.accounts().signInTrace(accountId));
    }

    /**
     * Adds the meter described by {@code fields} (see {@link MeterInput}) and starts its backfill when it has a
     * Fluvius account; empty when
     * a field is wrong, with what is wrong in {@code errors}. Fails with {@code DuplicateMeter} when the
     * household has a meter with that EAN.
     */
    public Future<Optional<Meter>> addMeter(long householdId, Map<String, String> fields, Map<String, String> errors) {
        return store.accounts().listForHousehold(householdId).compose(accounts -> {
            Optional<MeterInput.Valid> input = MeterInput.validate(fields, errors, accounts);
            if (input.isEmpty()) {
                return Future.succeededFuture(Optional.empty());
            }
            MeterInput.Valid meter = input.get();
            return store.meters().create(householdId, meter.accountId(), meter.ref(), meter.kind(), meter.label(),
                            meter.gasUnit())
                    // A meter without an account has nothing to sync: its data comes from imported files.
                    .compose(created -> created.accountId().isEmpty() ? Future.succeededFuture(Optional.of(created))
                            : sync.meterAdded(created.id()).map(Optional.of(created)));
        });
    }

    /** The meter when it is in one of the user's households. */
    public Future<Optional<Meter>> visibleMeter(long userId, long meterId) {
        return store.meters().findForUser(userId, meterId);
    }

    /** Every meter in the user's households. */
    public Future<List<Meter>> meters(long userId) {
        return store.meters().listForUser(userId);
    }

    /** Every account in the user's households. */
    public Future<List<FluviusAccount>> accounts(long userId) {
        return store.accounts().listForUser(userId);
    }

    /** The sync state of every meter the user can see, by meter id. */
    public Future<Map<Long, MeterSync>> syncs(long userId) {
        return store.meterSync().forUser(userId);
    }

    public Future<MeterSync> sync(Meter meter) {
        return store.meterSync().get(meter.id());
    }


    /** Starts an incremental sync in the background; its progress shows in the meter's sync state. */
    public void refresh(Meter meter) {
        sync.refreshNow(meter.id())
                .onFailure(err -> LOG.warn("Refresh of meter {} failed: {}", meter.id(), err.getMessage()));
    }
}
