package be.meterkast.domain;

import java.time.Duration;

/** How finely a day was read: as one value per register, per quarter-hour or per hour. */
public enum Resolution {
    DAY(Duration.ofDays(1)),
    QUARTER_HOUR(Duration.ofMinutes(15)),
    HOUR(Duration.ofHours(1));

    private final Duration step;

    Resolution(Duration step) {
        this.step = step;
    }

    /** Nominal length of one period; a local day may be 23 or 25 hours. */
    public Duration step() {
        return step;
    }
}
