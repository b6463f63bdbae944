package be.meterkast.analysis;

import be.meterkast.domain.Direction;
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
                         Map<Tariff, BigDecimal> injection, boolean estimated) {
    public DailyUsage {
        offtake = Map.copyOf(offtake);
        injection = Map.copyOf(injection);
    }

    public BigDecimal offtake(Tariff tariff) {
        return offtake.getOrDefault(tariff, BigDecimal.ZERO);
    }

    public BigDecimal injection(Tariff tariff) {
        return injection.getOrDefault(tariff, BigDecimal.ZERO);
    }

    public BigDecimal amount(Direction direction, Tariff tariff) {
        return direction == Direction.OFFTAKE ? offtake(tariff) : injection(tariff);
    }

    public BigDecimal offtakeDay() {
        return offtake(Tariff.DAY);
    }

    public BigDecimal offtakeNight() {
        return offtake(Tariff.NIGHT);
    }

    public BigDecimal injectionDay() {
        return injection(Tariff.DAY);
    }

    public BigDecimal injectionNight() {
        return injection(Tariff.NIGHT);
    }

    public BigDecimal totalOfftake() {
        return sum(offtake);
    }

    public BigDecimal totalInjection() {
        return sum(injection);
    }

    /** Offtake minus injection: negative on a day the meter gave more than it took. */
    public BigDecimal net() {
        return totalOfftake().subtract(totalInjection());
    }

    /** True when the meter counts on one register (gas, or electricity without day/night split). */
    public boolean singleRegister() {
        return offtake.keySet().stream().allMatch(t -> t == Tariff.SINGLE)
                && injection.keySet().stream().allMatch(t -> t == Tariff.SINGLE);
    }

    static BigDecimal sum(Map<Tariff, BigDecimal> values) {
        return values.values().stream().reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    static Map<Tariff, BigDecimal> emptyRegisters() {
        return new EnumMap<>(Tariff.class);
    }
}
