package be.meterkast.web;

import be.meterkast.sync.LinkResult;
import be.meterkast.sync.SyncControl;
import be.meterkast.store.AccountStatus;
import be.meterkast.store.FluviusAccountRepository;
import io.vertx.core.Future;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Stands in for the Fluvius sync in web tests: stores accounts like the real one, "signs in" by password
 * ({@value #WRONG} is refused), and records what the pages asked of it.
 */
final class FakeSync implements SyncControl.Managed {
    static final String WRONG = "wrong-password";

    private final FluviusAccountRepository accounts;
    final List<Long> metersAdded = new CopyOnWriteArrayList<>();
    final List<Long> refreshed = new CopyOnWriteArrayList<>();
    final List<Long> accountsRemoved = new CopyOnWriteArrayList<>();

    FakeSync(FluviusAccountRepository accounts) {
        this.accounts = accounts;
    }

    @Override
    public Future<LinkResult> linkAccount(long householdId, String email, String password) {
        return accounts.create(householdId, email, password).compose(account -> signIn(account.id(), password));
    }

    @Override
    public Future<LinkResult> updatePassword(long accountId, String password) {
        return accounts.updatePassword(accountId, password).compose(v -> signIn(accountId, password));
    }

    private Future<LinkResult> signIn(long accountId, String password) {
        if (WRONG.equals(password)) {
            return accounts.updateStatus(accountId, AccountStatus.NEEDS_PASSWORD, Optional.of("Fluvius rejected it"),
                    Optional.empty()).map(v -> new LinkResult(accountId, AccountStatus.NEEDS_PASSWORD, Optional.of("rejected")));
        }
        return accounts.markLinked(accountId, java.time.Instant.now())
                .map(v -> new LinkResult(accountId, AccountStatus.LINKED, Optional.empty()));
    }

    @Override
    public Future<Void> meterAdded(long meterId) {
        metersAdded.add(meterId);
        return Future.succeededFuture();
    }

    @Override
    public Future<Void> refreshNow(long meterId) {
        refreshed.add(meterId);
        return Future.succeededFuture();
    }

    @Override
    public void accountRemoved(long accountId) {
        accountsRemoved.add(accountId);
    }

    @Override
    public Future<Void> stop() {
        return Future.succeededFuture();
    }
}
