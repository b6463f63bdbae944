package be.meterkast.fluvius.sim;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The accounts the simulator knows, with B2C-style smart lockout per account. Thread-safe.
 *
 * <p>{@link #withDefaults()} seeds the demo accounts:
 * <table>
 *   <caption>Demo accounts</caption>
 *   <tr><th>e-mail</th><th>password</th><th>meters</th></tr>
 *   <tr><td>{@value #DEMO_EMAIL}</td><td>{@value #DEMO_PASSWORD}</td>
 *       <td>{@link #DEMO_SOLAR} (solar), {@link #DEMO_EV} (electric car), {@link #DEMO_GAS} (gas)</td></tr>
 *   <tr><td>{@value #FAMILY_EMAIL}</td><td>{@value #FAMILY_PASSWORD}</td><td>{@link #FAMILY_PLAIN}</td></tr>
 *   <tr><td>{@value #MFA_EMAIL}</td><td>{@value #MFA_PASSWORD}</td>
 *       <td>{@link #MFA_PLAIN}; two-step verification on, so sign-in stops at the MFA page</td></tr>
 * </table>
 */
public final class SimAccounts {
    public static final String DEMO_EMAIL = "demo@meterkast.test";
    public static final String DEMO_PASSWORD = "demo-password";
    public static final String FAMILY_EMAIL = "family@meterkast.test";
    public static final String FAMILY_PASSWORD = "family-password";
    public static final String MFA_EMAIL = "mfa@meterkast.test";
    public static final String MFA_PASSWORD = "mfa-password";

    /** EAN 541448820000000015. */
    public static final SimMeter DEMO_SOLAR =
            new SimMeter(SimMeter.withCheckDigit("54144882000000001"), "1SAG1100000001", Profile.SOLAR);
    /** EAN 541448820000000022. */
    public static final SimMeter DEMO_EV =
            new SimMeter(SimMeter.withCheckDigit("54144882000000002"), "1SAG1100000002", Profile.EV);
    /** EAN 541448820000000039. */
    public static final SimMeter DEMO_GAS =
            new SimMeter(SimMeter.withCheckDigit("54144882000000003"), "2ZCF0000000003", Profile.GAS);
    /** EAN 541448820000000046. */
    public static final SimMeter FAMILY_PLAIN =
            new SimMeter(SimMeter.withCheckDigit("54144882000000004"), "1SAG1100000004", Profile.PLAIN);
    /** EAN 541448820000000053. */
    public static final SimMeter MFA_PLAIN =
            new SimMeter(SimMeter.withCheckDigit("54144882000000005"), "1SAG1100000005", Profile.PLAIN);

    private final Map<String, SimAccount> byEmail = new ConcurrentHashMap<>();
    private final Map<String, SimAccount> byEan = new ConcurrentHashMap<>();
    private final Map<String, Lockout> lockouts = new ConcurrentHashMap<>();
    private volatile Clock clock = Clock.systemUTC();

    private record Lockout(int wrongInARow, Instant lockedUntil) {
    }

    public static SimAccounts withDefaults() {
        return new SimAccounts()
                .add(new SimAccount(DEMO_EMAIL, DEMO_PASSWORD, false, List.of(DEMO_SOLAR, DEMO_EV, DEMO_GAS)))
                .add(new SimAccount(FAMILY_EMAIL, FAMILY_PASSWORD, false, List.of(FAMILY_PLAIN)))
                .add(new SimAccount(MFA_EMAIL, MFA_PASSWORD, true, List.of(MFA_PLAIN)));
    }

    /** Adds an account; an e-mail or EAN that is already registered is refused. */
    public synchronized SimAccounts add(SimAccount account) {
        String key = key(account.email());
        if (byEmail.containsKey(key)) {
            throw new IllegalArgumentException("account exists: " + account.email());
        }
        for (SimMeter meter : account.meters()) {
            if (byEan.containsKey(meter.ean())) {
                throw new IllegalArgumentException("EAN already has an owner: " + meter.ean());
            }
        }
        account.meters().forEach(meter -> byEan.put(meter.ean(), account));
        byEmail.put(key, account);
        return this;
    }

    /** Case-insensitive, like B2C sign-in names. */
    public Optional<SimAccount> find(String email) {
        return email == null ? Optional.empty() : Optional.ofNullable(byEmail.get(key(email)));
    }

    public Optional<SimAccount> owner(String ean) {
        return ean == null ? Optional.empty() : Optional.ofNullable(byEan.get(ean));
    }

    public Optional<SimMeter> meter(String ean) {
        return owner(ean).flatMap(a -> a.meters().stream().filter(m -> m.ean().equals(ean)).findFirst());
    }

    public List<SimAccount> all() {
        return new ArrayList<>(byEmail.values());
    }

    public boolean isLocked(String email) {
        Lockout lockout = email == null ? null : lockouts.get(key(email));
        return lockout != null && lockout.lockedUntil() != null && lockout.lockedUntil().isAfter(clock.instant());
    }

    /** Lifts a lockout and forgets wrong attempts (demo control). */
    public void unlock(String email) {
        lockouts.remove(key(email));
    }

    /** The simulator makes lockouts follow its {@link SimClock}. */
    void useClock(Clock clock) {
        this.clock = clock;
    }

    /** Counts a wrong password; the {@code threshold}-th in a row locks the account for {@code duration}. */
    void recordWrongPassword(String email, int threshold, Duration duration) {
        Instant now = clock.instant();
        lockouts.compute(key(email), (k, old) -> {
            int streak = old == null || expired(old, now) ? 1 : old.wrongInARow() + 1;
            return new Lockout(streak, streak >= threshold ? now.plus(duration) : null);
        });
    }

    void recordAcceptedPassword(String email) {
        lockouts.remove(key(email));
    }

    private static boolean expired(Lockout lockout, Instant now) {
        return lockout.lockedUntil() != null && !lockout.lockedUntil().isAfter(now);
    }

    private static String key(String email) {
        return email.trim().toLowerCase(Locale.ROOT);
    }
}
