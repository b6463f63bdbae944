package be.meterkast.fluvius.sim;

/** The kind of household behind a simulated meter, which shapes its data. */
public enum Profile {
    /** Household with solar panels: injection on sunny days. */
    SOLAR,
    /** Household charging an electric car at night: big monthly peaks. */
    EV,
    /** Household consumption only. */
    PLAIN,
    /** A gas meter. */
    GAS
}
