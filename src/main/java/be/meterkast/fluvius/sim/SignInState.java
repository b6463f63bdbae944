package be.meterkast.fluvius.sim;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What B2C remembers between sign-in steps: transactions (one per authorize page), authorization codes and
 * refresh tokens, each with an expiry on the simulator's clock. Expired entries are dropped as new ones come.
 */
final class SignInState {
    static final Duration TRANSACTION_LIFETIME = Duration.ofMinutes(15);
    static final Duration REFRESH_LIFETIME = Duration.ofDays(14);

    private static final SecureRandom RANDOM = new SecureRandom();

    private final Clock clock;
    private final Map<String, Transaction> transactions = new ConcurrentHashMap<>();
    private final Map<String, CodeGrant> codes = new ConcurrentHashMap<>();
    private final Map<String, RefreshGrant> refreshTokens = new ConcurrentHashMap<>();

    /** What the client asked for on the authorize page; it carries over to the code and its tokens. */
    record AuthorizeRequest(String clientId, String redirectUri, String scope, String codeChallenge, String state,
                            String nonce, String loginHint, boolean clientInfo) {
    }

    /**
     * One sign-in attempt, from the authorize page until its code is issued, with the values of the cookies
     * it handed out: {@code cache} changes when a password is accepted, {@code sso} exists only from then on.
     */
    record Transaction(String id, AuthorizeRequest request, String csrf, String trans, String cacheId, String cache,
                       String sso, Instant expiresAt, String account, boolean confirmed) {
        Transaction authenticatedAs(String email, String newCache, String newSso) {
            return new Transaction(id, request, csrf, trans, cacheId, newCache, newSso, expiresAt, email, false);
        }

        Transaction asConfirmed() {
            return new Transaction(id, request, csrf, trans, cacheId, cache, sso, expiresAt, account, true);
        }

        boolean authenticated() {
            return account != null;
        }

        String cacheCookie() {
            return B2cCookies.cacheName(cacheId);
        }
    }

    record CodeGrant(String code, AuthorizeRequest request, String account, Instant expiresAt, boolean redeemed) {
        CodeGrant asRedeemed() {
            return new CodeGrant(code, request, account, expiresAt, true);
        }
    }

    record RefreshGrant(String token, String clientId, String account, String scope, boolean clientInfo,
                        Instant expiresAt) {
    }

    SignInState(Clock clock) {
        this.clock = clock;
    }

    Transaction open(AuthorizeRequest request) {
        Instant now = clock.instant();
        transactions.values().removeIf(t -> !t.expiresAt().isAfter(now));
        Transaction transaction = new Transaction(randomId(16), request, cookieValue(), cookieValue(),
                randomId(16).toLowerCase(Locale.ROOT), cookieValue(), null, now.plus(TRANSACTION_LIFETIME), null,
                false);
        transactions.put(transaction.id(), transaction);
        return transaction;
    }

    Optional<Transaction> transaction(String id) {
        Transaction transaction = id == null ? null : transactions.get(id);
        return transaction == null || !transaction.expiresAt().isAfter(clock.instant())
                ? Optional.empty() : Optional.of(transaction);
    }

    /** The transaction as it is now: signed in, with a fresh request-state value and an SSO session. */
    Optional<Transaction> authenticate(String transactionId, String email) {
        return Optional.ofNullable(transactions.computeIfPresent(transactionId,
                (id, t) -> t.authenticatedAs(email, cookieValue(), cookieValue())));
    }

    void confirm(String transactionId) {
        transactions.computeIfPresent(transactionId, (id, t) -> t.asConfirmed());
    }

    /** Ends the transaction and hands out its code; a transaction yields at most one code. */
    Optional<CodeGrant> issueCode(String transactionId, Duration lifetime) {
        Transaction transaction = transactions.remove(transactionId);
        if (transaction == null || !transaction.confirmed()) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        codes.values().removeIf(c -> !c.expiresAt().isAfter(now));
        CodeGrant grant = new CodeGrant(randomId(32), transaction.request(), transaction.account(),
                now.plus(lifetime), false);
        codes.put(grant.code(), grant);
        return Optional.of(grant);
    }

    /**
     * Marks the code used and returns it as it was before, so the caller sees {@code redeemed} true on a
     * second use. Any redemption attempt uses the code up, as B2C does.
     */
    Optional<CodeGrant> redeem(String code) {
        CodeGrant[] before = new CodeGrant[1];
        codes.computeIfPresent(code, (k, grant) -> {
            before[0] = grant;
            return grant.asRedeemed();
        });
        return Optional.ofNullable(before[0]);
    }

    RefreshGrant issueRefreshToken(String clientId, String account, String scope, boolean clientInfo) {
        Instant now = clock.instant();
        refreshTokens.values().removeIf(r -> !r.expiresAt().isAfter(now));
        RefreshGrant grant = new RefreshGrant(randomId(48), clientId, account, scope, clientInfo,
                now.plus(REFRESH_LIFETIME));
        refreshTokens.put(grant.token(), grant);
        return grant;
    }

    /** Refresh tokens rotate: using one removes it, so a second use finds nothing. */
    Optional<RefreshGrant> useRefreshToken(String token) {
        RefreshGrant grant = token == null ? null : refreshTokens.remove(token);
        return grant == null || !grant.expiresAt().isAfter(clock.instant()) ? Optional.empty() : Optional.of(grant);
    }

    static String randomId(int bytes) {
        byte[] random = new byte[bytes];
        RANDOM.nextBytes(random);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(random);
    }

    /**
     * A cookie value as B2C's look: standard base64 with padding. Drawn until it holds {@code +}, {@code /}
     * and {@code =}, so a client that URL-encodes, decodes or trims a value never passes by luck.
     */
    static String cookieValue() {
        byte[] random = new byte[32];
        String value;
        do {
            RANDOM.nextBytes(random);
            value = Base64.getEncoder().encodeToString(random);
        } while (value.indexOf('+') < 0 || value.indexOf('/') < 0);
        return value;
    }
}
