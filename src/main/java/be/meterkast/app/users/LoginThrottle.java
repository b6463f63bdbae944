package be.meterkast.app.users;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Slows down password guessing: a few failed logins per account, and somewhat more per address, within a
 * sliding window. Kept in memory: a restart forgives, which is fine for a family server.
 *
 * <p>An attempt is counted the moment it is let through, before the slow password check: counting only
 * after Argon2 had answered let 200 parallel guesses all through while the first ones were still hashing.
 * A right password gives its attempt back (and forgives the account's earlier failures).
 */
final class LoginThrottle {
    public static final Duration WINDOW = Duration.ofMinutes(15);
    public static final int PER_ACCOUNT = 5;
    public static final int PER_ADDRESS = 20;

    private final Clock clock;
    /** Guarded by {@code this}: a check and its count are one step, or parallel attempts slip between them. */
    private final Map<String, Deque<Instant>> attempts = new HashMap<>();

    LoginThrottle(Clock clock) {
        this.clock = clock;
    }

    /** An attempt let through and already counted; give it back with {@link #succeeded} when it was right. */
    record Attempt(String accountKey, String addressKey, Instant at) {
    }

    /** Counts an attempt and lets it through, or says how long to wait when either limit is reached. */
    synchronized Reservation reserve(String username, String address) {
        Instant now = clock.instant();
        String account = accountKey(username);
        String from = addressKey(address);
        Optional<Duration> wait = later(waitFor(account, PER_ACCOUNT, now), waitFor(from, PER_ADDRESS, now));
        if (wait.isPresent()) {
            return new Reservation(Optional.empty(), wait);
        }
        attempts.computeIfAbsent(account, k -> new ArrayDeque<>()).addLast(now);
        attempts.computeIfAbsent(from, k -> new ArrayDeque<>()).addLast(now);
        return new Reservation(Optional.of(new Attempt(account, from, now)), Optional.empty());
    }

    /** Either an attempt to make, or how long to wait before the next one. */
    record Reservation(Optional<Attempt> attempt, Optional<Duration> waitFor) {
    }

    /** The password was right: the account's failures are forgiven and the address gets its attempt back. */
    synchronized void succeeded(Attempt attempt) {
        attempts.remove(attempt.accountKey());
        Deque<Instant> times = attempts.get(attempt.addressKey());
        if (times != null) {
            times.removeLastOccurrence(attempt.at());
            if (times.isEmpty()) {
                attempts.remove(attempt.addressKey());
            }
        }
    }

    private Optional<Duration> waitFor(String key, int limit, Instant now) {
        Deque<Instant> times = attempts.get(key);
        if (times == null) {
            return Optional.empty();
        }
        while (!times.isEmpty() && !times.peekFirst().plus(WINDOW).isAfter(now)) {
            times.removeFirst();
        }
        if (times.isEmpty()) {
            attempts.remove(key);
            return Optional.empty();
        }
        if (times.size() < limit) {
            return Optional.empty();
        }
        return Optional.of(Duration.between(now, times.peekFirst().plus(WINDOW)));
    }

    private static Optional<Duration> later(Optional<Duration> a, Optional<Duration> b) {
        if (a.isEmpty()) {
            return b;
        }
        if (b.isEmpty()) {
            return a;
        }
        return a.get().compareTo(b.get()) >= 0 ? a : b;
    }

    private static String accountKey(String username) {
        return "u:" + (username == null ? "" : username.trim().toLowerCase(Locale.ROOT));
    }

    private static String addressKey(String address) {
        return "a:" + address;
    }
}
