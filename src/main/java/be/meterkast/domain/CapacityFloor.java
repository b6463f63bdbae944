package be.meterkast.domain;

/**
 * How the capacity tariff's 2.5 kW minimum is applied: to each month's peak before the 12-month average is taken
 * (the VREG's reading and the default), or once, to the average itself. The two differ only when some months
 * are below 2.5 kW and others above: peaks of 1, 1 and 7 kW average 4.0 kW floored each month, 3.0 kW otherwise.
 */
public enum CapacityFloor {
    EACH_MONTH,
    AVERAGE
}
