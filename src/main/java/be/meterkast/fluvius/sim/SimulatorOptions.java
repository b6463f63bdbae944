package be.meterkast.fluvius.sim;

import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Knobs that change how the simulator behaves, readable and settable while it runs (from tests or the demo's
 * control page). Thread-safe: plain knobs are volatile, the fault queue and fault dice are guarded by this.
 */
public final class SimulatorOptions {
    private volatile Duration latency = Duration.ZERO;
    private volatile double errorRate;
    private volatile double rateLimitRate;
    private volatile Duration retryAfter = Duration.ofSeconds(30);
    private volatile boolean retryAfterOn503;
    private volatile boolean faultsOnSignIn = true;
    private volatile Duration tokenLifetime = Duration.ofHours(1);
    private volatile Duration codeLifetime = Duration.ofMinutes(5);
    private volatile double malformedRate;
    private volatile int lockoutThreshold = 5;
    private volatile Duration lockoutDuration = Duration.ofMinutes(30);
    private volatile ConfigShape configShape = ConfigShape.NESTED;
    private volatile long seed = 42;
    private volatile boolean omitEnd;
    private final Map<LocalDate, DayFault> dayFaults = new ConcurrentHashMap<>();
    private final Deque<Integer> forcedFailures = new ArrayDeque<>();
    private int lostSessions;
    private Random dice = new Random(42);

    /** Delay added before every response. */
    public SimulatorOptions latency(Duration latency) {
        this.latency = nonNegative(latency, "latency");
        return this;
    }

    /** Fraction of sign-in and data requests answered 503. */
    public SimulatorOptions errorRate(double rate) {
        this.errorRate = fraction(rate, "errorRate");
        return this;
    }

    /** Fraction of sign-in and data requests answered 429 with {@code Retry-After}. */
    public SimulatorOptions rateLimitRate(double rate) {
        this.rateLimitRate = fraction(rate, "rateLimitRate");
        return this;
    }

    public SimulatorOptions retryAfter(Duration retryAfter) {
        this.retryAfter = nonNegative(retryAfter, "retryAfter");
        return this;
    }

    /**
     * The next {@code count} sign-in or data requests (not the MSAL config, not control) answer {@code status};
     * queued after failures already pending.
     */
    public synchronized SimulatorOptions failNext(int status, int count) {
        if (status < 400 || status > 599) {
            throw new IllegalArgumentException("failNext status must be 4xx or 5xx: " + status);
        }
        for (int i = 0; i < count; i++) {
            forcedFailures.addLast(status);
        }
        return this;
    }

    /**
     * The next {@code count} confirmations find no session, however right the cookies: B2C's answer when its
     * session state is gone (expired, or lost between its data centres) after the password was accepted.
     */
    public synchronized SimulatorOptions loseSessionAtConfirmation(int count) {
        lostSessions += Math.max(0, count);
        return this;
    }

    synchronized boolean takeLostSession() {
        if (lostSessions == 0) {
            return false;
        }
        lostSessions--;
        return true;
    }

    public SimulatorOptions tokenLifetime(Duration lifetime) {
        this.tokenLifetime = positive(lifetime, "tokenLifetime");
        return this;
    }

    public SimulatorOptions codeLifetime(Duration lifetime) {
        this.codeLifetime = positive(lifetime, "codeLifetime");
        return this;
    }

    /** Fraction of value entries in history responses that are malformed. */
    public SimulatorOptions malformedRate(double rate) {
        this.malformedRate = fraction(rate, "malformedRate");
        return this;
    }

    /**
     * Serves the history records of {@code day} (a local day; a gas day for gas meters) spoiled by
     * {@code fault}, on every request, until {@link #healDay} or {@link #healAllDays}.
     */
    public SimulatorOptions spoilDay(LocalDate day, DayFault fault) {
        dayFaults.put(Objects.requireNonNull(day, "day"), Objects.requireNonNull(fault, "fault"));
        return this;
    }

    /** Serves {@code day} whole again. */
    public SimulatorOptions healDay(LocalDate day) {
        dayFaults.remove(day);
        return this;
    }

    public SimulatorOptions healAllDays() {
        dayFaults.clear();
        return this;
    }

    /** The spoiled days and how, as a snapshot. */
    public Map<LocalDate, DayFault> dayFaults() {
        return Map.copyOf(dayFaults);
    }

    /** Whether history records come without {@code de}: the client must know where a period ends. */
    public SimulatorOptions omitEnd(boolean omit) {
        this.omitEnd = omit;
        return this;
    }

    public boolean omitEnd() {
        return omitEnd;
    }

    public SimulatorOptions lockoutThreshold(int threshold) {
        if (threshold < 1) {
            throw new IllegalArgumentException("lockoutThreshold must be at least 1: " + threshold);
        }
        this.lockoutThreshold = threshold;
        return this;
    }

    public SimulatorOptions lockoutDuration(Duration duration) {
        this.lockoutDuration = nonNegative(duration, "lockoutDuration");
        return this;
    }

    public SimulatorOptions configShape(ConfigShape shape) {
        this.configShape = Objects.requireNonNull(shape, "configShape");
        return this;
    }

    /** Seed of the random faults and of which values come out malformed; restarts the fault dice. */
    public synchronized SimulatorOptions seed(long seed) {
        this.seed = seed;
        this.dice = new Random(seed);
        return this;
    }

    public Duration latency() {
        return latency;
    }

    public double errorRate() {
        return errorRate;
    }

    public double rateLimitRate() {
        return rateLimitRate;
    }

    /**
     * Whether a 503 carries {@code Retry-After} too, as HTTP allows and some gateways do; off by default, so
     * a client meets both forms across the tests.
     */
    public SimulatorOptions retryAfterOn503(boolean on) {
        this.retryAfterOn503 = on;
        return this;
    }

    public boolean retryAfterOn503() {
        return retryAfterOn503;
    }

    /**
     * Whether {@link #errorRate} and {@link #rateLimitRate} also hit the sign-in pages (the default) or only
     * the data API, as on an evening when Fluvius' data service struggles and its B2C tenant does not.
     * {@link #failNext} is not affected.
     */
    public SimulatorOptions faultsOnSignIn(boolean on) {
        this.faultsOnSignIn = on;
        return this;
    }

    public boolean faultsOnSignIn() {
        return faultsOnSignIn;
    }

    public Duration retryAfter() {
        return retryAfter;
    }


    public Duration tokenLifetime() {
        return tokenLifetime;
    }

    public Duration codeLifetime() {
        return codeLifetime;
    }

    public double malformedRate() {
        return malformedRate;
    }

    public int lockoutThreshold() {
        return lockoutThreshold;
    }

    public Duration lockoutDuration() {
        return lockoutDuration;
    }

    public ConfigShape configShape() {
        return configShape;
    }

    public long seed() {
        return seed;
    }

    /**
     * The status a fault-prone request ({@code signIn}: of the sign-in pages) must fail with, or 0 to serve
     * it: queued failures first, then the dice. The dice are only rolled when a rate is set, so setting one
     * does not shift earlier sequences.
     */
    synchronized int nextFault(boolean signIn) {
        Integer forced = forcedFailures.pollFirst();
        if (forced != null) {
            return forced;
        }
        if (errorRate == 0 && rateLimitRate == 0 || signIn && !faultsOnSignIn) {
            return 0;
        }
        double roll = dice.nextDouble();
        if (roll < errorRate) {
            // the three a struggling service and its gateways answer, in equal parts (one roll, so the
            // sequence of faults is the same whatever the mix)
            int third = (int) (3 * roll / errorRate);
            return third == 0 ? 500 : third == 1 ? 502 : 503;
        }
        return roll < errorRate + rateLimitRate ? 429 : 0;
    }

    private static double fraction(double value, String name) {
        if (!(value >= 0 && value <= 1)) {
            throw new IllegalArgumentException(name + " must be between 0 and 1: " + value);
        }
        return value;
    }

    private static Duration nonNegative(Duration value, String name) {
        Objects.requireNonNull(value, name);
        if (value.isNegative()) {
            throw new IllegalArgumentException(name + " must not be negative: " + value);
        }
        return value;
    }

    private static Duration positive(Duration value, String name) {
        nonNegative(value, name);
        if (value.isZero()) {
            throw new IllegalArgumentException(name + " must be positive");
        }
        return value;
    }
}
