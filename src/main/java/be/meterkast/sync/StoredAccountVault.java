package be.meterkast.sync;

import be.meterkast.fluvius.Credentials;
import be.meterkast.fluvius.FluviusException;
import be.meterkast.fluvius.SignInTrace;
import be.meterkast.fluvius.Tokens;
import be.meterkast.store.AccountStatus;
import be.meterkast.store.FluviusAccount;
import be.meterkast.store.FluviusAccountRepository;
import be.meterkast.store.FluviusAccountRepository.StoredTokens;
import io.vertx.core.Future;

import java.time.Clock;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Set;

/**
 * The token cache's vault in PostgreSQL: tokens and password decrypted from {@code fluvius_accounts}, and a
 * rejection kept as the account's status, so it survives restarts and the owner sees what to do.
 */
public final class StoredAccountVault implements AccountVault {
    /** Statuses in which the stored password is never used until the owner enters a new one. */
    public static final Set<AccountStatus> BLOCKED = Set.of(AccountStatus.NEEDS_PASSWORD, AccountStatus.LOCKED,
            AccountStatus.MFA_REQUIRED);

    private final FluviusAccountRepository accounts;
    private final Clock clock;
    private final SignInTurns turns;

    /** {@code turns}: the sign-in leases shared with the other instances on the database. */
    StoredAccountVault(FluviusAccountRepository accounts, Clock clock, SignInTurns turns) {
        this.accounts = accounts;
        this.clock = clock;
        this.turns = turns;
    }

    @Override
    public Future<Void> signInTurn(long accountId) {
        return turns.take(accountId);
    }

    @Override
    public Future<Void> endSignInTurn(long accountId) {
        return turns.release(accountId);
    }

    @Override
    public Future<Optional<Tokens>> tokens(long accountId) {
        return accounts.secrets(accountId).map(secrets -> secrets.flatMap(FluviusAccountRepository.Secrets::tokens)
                .map(stored -> new Tokens(stored.accessToken(), stored.refreshToken(), stored.idToken(),
                        stored.tokenType(), stored.expiresAt(), stored.issuedAt())));
    }

    @Override
    public Future<Void> saveTokens(long accountId, Tokens tokens) {
        return accounts.storeTokens(accountId, new StoredTokens(tokens.accessToken(), tokens.refreshToken(),
                tokens.idToken(), tokens.tokenType(), tokens.expiresAt(), tokens.issuedAt())).mapEmpty();
    }

    @Override
    public Future<Credentials> credentials(long accountId) {
        return account(accountId).compose(account -> {
            if (BLOCKED.contains(account.status())) {
                return Future.failedFuture(new CredentialsBlocked(accountId));
            }
            return accounts.secrets(accountId).map(secrets -> new Credentials(account.email(),
                    secrets.orElseThrow(() -> noAccount(accountId)).password()));
        });
    }

    @Override
    public Future<Void> credentialsRejected(long accountId, FluviusException why) {
        return accounts.updateStatusText(accountId, FailurePolicy.accountStatus(why), Optional.of(SyncTexts.of(why)),
                        Optional.empty())
                .mapEmpty();
    }

    @Override
    public Future<Void> saveSignInTrace(long accountId, SignInTrace trace) {
        return accounts.storeSignInTrace(accountId, trace.render(), clock.instant()).mapEmpty();
    }

    @Override
    public Future<Void> signedIn(long accountId) {
        return accounts.markLinked(accountId, clock.instant()).mapEmpty();
    }

    private Future<FluviusAccount> account(long accountId) {
        return accounts.findById(accountId).map(found -> found.orElseThrow(() -> noAccount(accountId)));
    }

    private static NoSuchElementException noAccount(long accountId) {
        return new NoSuchElementException("no Fluvius account " + accountId);
    }
}
