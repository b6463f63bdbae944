package be.meterkast.app.users;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Slows down password guessing: a few failed logins per account, and somewhat more per address, within a
 * sliding window. Kept in memory: a restart forgives, which is fine for a family server.
 */
final class LoginThrottle {
    public static final Duration WINDOW = Duration.ofMinutes(15);
    public static final int PER_ACCOUNT = 5;
    public static final int PER_ADDRESS = 20;

    private final Clock clock;
    private final Map<String, Deque<Instant>> failures = new ConcurrentHashMap<>();

    LoginThrottle(Clock clock) {
        this.clock = clock;
    }

    /** How long to wait before another attempt is allowed, or empty when one is allowed now. */
    Optional<Duration> wait(String username, String address) {
        Instant now = clock.instant();
        return later(waitFor(accountKey(username), PER_ACCOUNT, now), waitFor(addressKey(address), PER_ADDRESS, now));
    }

    void failed(String username, String address) {
        Instant now = clock.instant();
        record(accountKey(username), now);
        record(addressKey(address), now);
    }

    void succeeded(String username) {
        failures.remove(accountKey(username));
    }

    private void record(String key, Instant now) {
        failures.compute(key, (k, times) -> {
            Deque<Instant> list = times == null ? new ArrayDeque<>() : times;
            prune(list, now);
            list.addLast(now);
            return list;
        });
    }

    private Optional<Duration> waitFor(String key, int limit, Instant now) {
        Deque<Instant> times = failures.get(key);
        if (times == null) {
            return Optional.empty();
        }
        synchronized (times) {
            prune(times, now);
            if (times.size() < limit) {
                return Optional.empty();
            }
            return Optional.of(Duration.between(now, times.peekFirst().plus(WINDOW)));
        }
    }

    private static void prune(Deque<Instant> times, Instant now) {
        synchronized (times) {
            while (!times.isEmpty() && !times.peekFirst().plus(WINDOW).isAfter(now)) {
                times.removeFirst();
            }
        }
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
