package be.meterkast.fluvius.sim;

/**
 * How the simulator spoils the history records of one local day (a gas day for gas meters) until it is told
 * to serve the day whole again: the forms a partial day takes on the wire.
 */
public enum DayFault {
    /**
     * The daily record lacks a register: electricity its night injection (or, for a meter without it, its
     * night offtake), gas its m³ reading. Quarter-hours and hours are left alone.
     */
    MISSING_REGISTER,
    /** The first value of each of the day's records is {@code "v": null}. */
    NULL_VALUE,
    /** The first value of each of the day's records is text with a decimal comma, {@code "v": "9,133"}. */
    UNPARSABLE_VALUE,
    /** The day's last four quarter-hour (or hourly) records are left out; daily records are left alone. */
    MISSING_INTERVALS
}
