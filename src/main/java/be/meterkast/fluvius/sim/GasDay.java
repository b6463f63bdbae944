package be.meterkast.fluvius.sim;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;

/**
 * One gas day, 06:00 to 06:00 local time: the volume in m³ (3 decimals) and the same gas as energy in kWh
 * (4 decimals, {@link GasGenerator#GAS_KWH_PER_M3} per m³).
 */
public record GasDay(LocalDate gasDay, Instant start, Instant end, BigDecimal m3, BigDecimal kwh) {
}
