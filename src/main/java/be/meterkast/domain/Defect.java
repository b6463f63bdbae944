package be.meterkast.domain;

/**
 * Why a stored day is not whole, in the order a day with several defects reports them: a value Fluvius sent
 * as {@code null}, a value that could not be read, a register the meter reports on the days around it but
 * not on this one, quarter-hours (or hours) missing from the day.
 */
public enum Defect {
    NULL_VALUE,
    UNREADABLE_VALUE,
    MISSING_REGISTER,
    MISSING_INTERVALS
}
