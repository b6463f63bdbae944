package be.meterkast.domain;

/** The meter register a value was counted on. */
public enum Tariff {
    /** One register for the whole day: gas, and electricity meters without day/night split. */
    SINGLE,
    /** Day or "high" register. */
    DAY,
    /** Night or "low" register, also weekends. */
    NIGHT
}
