package be.meterkast.analysis;

import be.meterkast.domain.Tariff;
import be.meterkast.domain.Unit;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.EnumMap;
import java.util.Map;

/**
 * One local day of one meter in one unit: what came from the grid and what went into it, per register.
 * {@code estimated} when any value of the day is not validated yet.
 */
public record DailyUsage(LocalDate day, Unit unit, Map<Tariff, BigDecimal> offtake,
                         Map<Tariff, BigDecimal> injection, boolean estimated) implements RegisterTotals {
    public DailyUsage {
        offtake = Map.copyOf(offtake);
        injection = Map.copyOf(injection);
    }

    /** True when the meter counts on one register (gas, or electricity without day/night split). */
    public boolean singleRegister() {
        return singleRegisterOnly();
    }

    static Map<Tariff, BigDecimal> emptyRegisters() {
        return new EnumMap<>(Tariff.class);
    }
}
