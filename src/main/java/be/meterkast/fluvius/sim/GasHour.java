package be.meterkast.fluvius.sim;

import java.math.BigDecimal;
import java.time.Instant;

/** One hour of a gas day: the volume in m³ (3 decimals) and its share of the gas day's kWh (4 decimals). */
public record GasHour(Instant start, Instant end, BigDecimal m3, BigDecimal kwh) {
}
