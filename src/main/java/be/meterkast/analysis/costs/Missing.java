package be.meterkast.analysis.costs;

/** Why a day's cost is not the whole cost: what was not known, so that part counts as zero. */
public enum Missing {
    /** No tariff period is valid on the day (it is before the first one). */
    TARIFF,
    /** No readings stored for the day. */
    READINGS,
    /** Fluvius did not send the day whole: only what arrived is priced. */
    INCOMPLETE_DAY,
    DAY_PRICE,
    NIGHT_PRICE,
    SINGLE_PRICE,
    INJECTION_PRICE,
    GAS_PRICE,
    /** A gas day stored in m³ only: Fluvius' own kWh values are needed, a guessed conversion factor is not used. */
    GAS_KWH,
    CAPACITY_PRICE,
    /** No monthly peak stored for the day's month, so no capacity average. */
    PEAK,
    /** A dynamic period's day without quarter-hours (or hours) for all of it: only those there are priced. */
    QUARTER_HOURS,
    /** A dynamic period's quarter-hour (or hour) with offtake but no day-ahead price: it counts as zero. */
    DAY_AHEAD_PRICE
}
