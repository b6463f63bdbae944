package be.meterkast.fluvius.sim;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Objects;

/**
 * The simulator's notion of "now". Tests pin it to a past date and move it by hand; demo mode lets it tick
 * with the system clock, optionally shifted. Everything time-dependent in the simulator (data availability,
 * token and code expiry, lockouts) reads this clock, never the system clock.
 */
public final class SimClock extends Clock {
    public static final ZoneId BRUSSELS = ZoneId.of("Europe/Brussels");

    private final boolean ticking;
    private Instant fixed;
    private Duration offset = Duration.ZERO;

    private SimClock(boolean ticking, Instant fixed) {
        this.ticking = ticking;
        this.fixed = fixed;
    }

    /** Follows the system clock; {@link #advance} and {@link #set} shift it. */
    public static SimClock system() {
        return new SimClock(true, null);
    }

    /** Stands still at {@code instant} until moved by {@link #advance} or {@link #set}. */
    public static SimClock fixed(Instant instant) {
        return new SimClock(false, Objects.requireNonNull(instant, "instant"));
    }

    public synchronized SimClock advance(Duration duration) {
        if (ticking) {
            offset = offset.plus(duration);
        } else {
            fixed = fixed.plus(duration);
        }
        return this;
    }

    public synchronized SimClock set(Instant instant) {
        Objects.requireNonNull(instant, "instant");
        if (ticking) {
            offset = Duration.between(Instant.now(), instant);
        } else {
            fixed = instant;
        }
        return this;
    }

    @Override
    public synchronized Instant instant() {
        return ticking ? Instant.now().plus(offset) : fixed;
    }

    @Override
    public long millis() {
        return instant().toEpochMilli();
    }

    /** The local (Brussels) date of now. */
    public LocalDate today() {
        return LocalDate.ofInstant(instant(), BRUSSELS);
    }

    @Override
    public ZoneId getZone() {
        return BRUSSELS;
    }

    /** A view in another zone that still follows this clock's instant. */
    @Override
    public Clock withZone(ZoneId zone) {
        if (zone.equals(BRUSSELS)) {
            return this;
        }
        SimClock source = this;
        return new Clock() {
            @Override
            public ZoneId getZone() {
                return zone;
            }

            @Override
            public Clock withZone(ZoneId other) {
                return source.withZone(other);
            }

            @Override
            public Instant instant() {
                return source.instant();
            }
        };
    }

    @Override
    public String toString() {
        return "SimClock[" + (ticking ? "ticking" : "fixed") + " " + instant() + "]";
    }
}
