package be.meterkast.sync;

import be.meterkast.fluvius.Credentials;
import be.meterkast.fluvius.FluviusException;
import be.meterkast.fluvius.SignInTrace;
import be.meterkast.fluvius.Tokens;
import io.vertx.core.Future;

import java.util.Optional;

/**
 * Where the token cache keeps what it must not lose: a Fluvius account's tokens (so a restart does not
 * sign in again) and its credentials. The portal's implementation encrypts both at rest.
 */
public interface AccountVault {
    Future<Optional<Tokens>> tokens(long accountId);

    Future<Void> saveTokens(long accountId, Tokens tokens);

    /**
     * The account's credentials, or a failed future with {@link CredentialsBlocked} when Fluvius rejected
     * them before and nobody has entered a new password since.
     */
    Future<Credentials> credentials(long accountId);

    /** Fluvius rejected the credentials: remember it so they are never tried again automatically. */
    Future<Void> credentialsRejected(long accountId, FluviusException why);

    /** Keeps the redacted trace of the account's latest password sign-in, for its owner to download. */
    Future<Void> saveSignInTrace(long accountId, SignInTrace trace);

    /** The account signed in fine: clear any earlier failure shown to its owner. */
    Future<Void> signedIn(long accountId);

    /**
     * Completes when this process may renew the account's tokens (refresh or sign in): no other instance on
     * the same database is doing so. Each turn taken is ended by {@link #endSignInTurn}. A vault of one
     * process has nobody to wait for.
     */
    default Future<Void> signInTurn(long accountId) {
        return Future.succeededFuture();
    }

    default Future<Void> endSignInTurn(long accountId) {
        return Future.succeededFuture();
    }

    /** Raised instead of signing in with credentials Fluvius already rejected. */
    final class CredentialsBlocked extends RuntimeException {
        public CredentialsBlocked(long accountId) {
            super("Fluvius rejected the password of account " + accountId
                    + " earlier; it will not be tried again until a new password is entered", null, false, false);
        }
    }
}
