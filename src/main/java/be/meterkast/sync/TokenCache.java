package be.meterkast.sync;

import be.meterkast.fluvius.FluviusClient;
import be.meterkast.fluvius.FluviusException;
import be.meterkast.fluvius.SignInTrace;
import be.meterkast.fluvius.Tokens;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * Access tokens per Fluvius account, obtained as cheaply as possible: the cached token until shortly before
 * it expires, then the refresh grant, and only then a password sign-in. Single-flight: however many callers
 * need a token for one account at once, at most one refresh or sign-in is under way for it.
 */
public final class TokenCache {
    private static final Logger LOG = LoggerFactory.getLogger(TokenCache.class);
    /**
     * Renew at most this long before expiry so a token never expires between check and use; a short-lived
     * token gets a quarter of its lifetime instead (see {@link #renewMargin}).
     */
    public static final Duration RENEW_MARGIN = Duration.ofMinutes(2);

    private final FluviusClient client;
    private final AccountVault vault;
    private final Clock clock;
    private final Map<Long, Tokens> known = new ConcurrentHashMap<>();
    private final Map<Long, Future<Tokens>> inFlight = new ConcurrentHashMap<>();
    /** Accounts unlinked since start-up; ids are never reused, so they stay refused. */
    private final Set<Long> removed = ConcurrentHashMap.newKeySet();
    private final AtomicLong hits = new AtomicLong();
    private final AtomicLong refreshes = new AtomicLong();
    private final AtomicLong signIns = new AtomicLong();

    public TokenCache(FluviusClient client, AccountVault vault, Clock clock) {
        this.client = client;
        this.vault = vault;
        this.clock = clock;
    }

    /** Asked for tokens of an account that was unlinked: the run that asked ends without a word. */
    public static final class AccountRemoved extends RuntimeException {
        AccountRemoved(long accountId) {
            super("Fluvius account " + accountId + " was unlinked", null, false, false);
        }
    }

    /** A usable access token for the account; fails with {@link AccountRemoved} once it was unlinked. */
    public Future<Tokens> tokens(long accountId) {
        if (removed.contains(accountId)) {
            return Future.failedFuture(new AccountRemoved(accountId));
        }
        Tokens current = known.get(accountId);
        if (current != null && fresh(current)) {
            hits.incrementAndGet();
            return Future.succeededFuture(current);
        }
        Promise<Tokens> promise = Promise.promise();
        Future<Tokens> running = inFlight.putIfAbsent(accountId, promise.future());
        if (running != null) {
            return running;
        }
        obtain(accountId, current).onComplete(result -> {
            inFlight.remove(accountId, promise.future());
            promise.handle(result);
        });
        return promise.future();
    }

    /**
     * Runs a data call with the account's token. A 401 means Fluvius no longer takes the token (revoked,
     * clock skew): drop it and try once more with a new one.
     */
    public <T> Future<T> withToken(long accountId, Function<String, Future<T>> call) {
        return tokens(accountId).compose(tokens -> call.apply(tokens.accessToken()).recover(err -> {
            if (!(err instanceof FluviusException.Unauthorized)) {
                return Future.failedFuture(err);
            }
            invalidate(accountId, tokens.accessToken());
            return tokens(accountId).compose(fresh -> call.apply(fresh.accessToken()));
        }));
    }

    /** Forget an access token Fluvius refused; its refresh token is kept for the next attempt. */
    public void invalidate(long accountId, String accessToken) {
        known.computeIfPresent(accountId, (id, t) -> t.accessToken().equals(accessToken)
                ? t.expired() : t);
    }

    /** Forget everything about an account (new password entered, account removed). */
    public void forget(long accountId) {
        known.remove(accountId);
        // A sign-in still running uses the old password: the next caller must start one with the new.
        inFlight.remove(accountId);
    }

    /**
     * The account was unlinked (its row is gone): forget its tokens and refuse it from now on, so a run under
     * way makes no further request with tokens it still holds, and a sign-in under way keeps nothing.
     */
    public void remove(long accountId) {
        removed.add(accountId);
        forget(accountId);
    }

    public long hits() {
        return hits.get();
    }

    public long refreshes() {
        return refreshes.get();
    }

    public long signIns() {
        return signIns.get();
    }

    /**
     * Renews the account's tokens in its sign-in turn, so instances sharing the database never sign in for one
     * account at once. In the turn the stored tokens are read again: another instance may have renewed them
     * while this one waited (and a refresh token it rotated would no longer work here).
     */
    private Future<Tokens> obtain(long accountId, Tokens inMemory) {
        return vault.signInTurn(accountId).compose(turn -> renew(accountId, inMemory)
                .eventually(() -> vault.endSignInTurn(accountId).otherwiseEmpty()));
    }

    /** {@code inMemory}: what this cache held, perhaps an access token Fluvius refused ({@link #invalidate}). */
    private Future<Tokens> renew(long accountId, Tokens inMemory) {
        return vault.tokens(accountId).compose(stored -> {
            boolean refusedHere = inMemory != null && stored.isPresent()
                    && stored.get().accessToken().equals(inMemory.accessToken()) && !fresh(inMemory);
            if (stored.isPresent() && fresh(stored.get()) && !refusedHere) {
                hits.incrementAndGet();
                return Future.succeededFuture(stored.get());
            }
            String refreshToken = stored.map(Tokens::refreshToken).orElse(null);
            if (refreshToken == null) {
                return signIn(accountId);
            }
            refreshes.incrementAndGet();
            return client.refresh(refreshToken).recover(err -> err instanceof FluviusException.Unauthorized
                    ? signIn(accountId) : Future.failedFuture(err));
        }).compose(tokens -> {
            if (removed.contains(accountId)) {
                return Future.failedFuture(new AccountRemoved(accountId));
            }
            known.put(accountId, tokens);
            return vault.saveTokens(accountId, tokens).map(tokens);
        });
    }

    private Future<Tokens> signIn(long accountId) {
        return vault.credentials(accountId).compose(credentials -> {
            signIns.incrementAndGet();
            SignInTrace trace = client.newTrace();
            return client.signIn(credentials, false, trace)
                    .transform(result -> keepTrace(accountId, trace).transform(saved -> result.succeeded()
                            ? Future.succeededFuture(result.result()) : Future.<Tokens>failedFuture(result.cause())))
                    .compose(tokens -> vault.signedIn(accountId).map(tokens))
                    .recover(err -> {
                        if (err instanceof FluviusException fluvius && FailurePolicy.neverRetry(fluvius)) {
                            known.remove(accountId);
                            return vault.credentialsRejected(accountId, fluvius).compose(v -> Future.failedFuture(err));
                        }
                        return Future.failedFuture(err);
                    });
        });
    }

    /** The trace is for diagnostics only: failing to keep it must not fail the sign-in. */
    private Future<Void> keepTrace(long accountId, SignInTrace trace) {
        return vault.saveSignInTrace(accountId, trace).recover(err -> {
            LOG.warn("Could not keep the sign-in trace of Fluvius account {}: {}", accountId, err.toString());
            return Future.succeededFuture();
        });
    }

    private boolean fresh(Tokens tokens) {
        return !tokens.expiresWithin(renewMargin(tokens), clock.instant());
    }

    /**
     * The smaller of {@link #RENEW_MARGIN} and a quarter of the lifetime Fluvius granted: a token of 2 minutes
     * or less would otherwise count as expiring at once and be renewed before every call. Tokens kept
     * without their issue time get the full margin, as before.
     */
    static Duration renewMargin(Tokens tokens) {
        Duration quarter = tokens.lifetime().filter(lifetime -> !lifetime.isNegative())
                .map(lifetime -> lifetime.dividedBy(4)).orElse(RENEW_MARGIN);
        return quarter.compareTo(RENEW_MARGIN) < 0 ? quarter : RENEW_MARGIN;
    }
}
