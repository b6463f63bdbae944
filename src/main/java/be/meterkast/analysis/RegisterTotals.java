package be.meterkast.analysis;

import be.meterkast.domain.Direction;
import be.meterkast.domain.Tariff;

import java.math.BigDecimal;
import java.util.Map;

/** Energy per register and direction, for one day or a whole period: the figures every table shows. */
public interface RegisterTotals {
    Map<Tariff, BigDecimal> offtake();

    Map<Tariff, BigDecimal> injection();

    default BigDecimal offtake(Tariff tariff) {
        return offtake().getOrDefault(tariff, BigDecimal.ZERO);
    }

    default BigDecimal injection(Tariff tariff) {
        return injection().getOrDefault(tariff, BigDecimal.ZERO);
    }

    default BigDecimal amount(Direction direction, Tariff tariff) {
        return direction == Direction.OFFTAKE ? offtake(tariff) : injection(tariff);
    }

    default BigDecimal offtakeDay() {
        return offtake(Tariff.DAY);
    }

    default BigDecimal offtakeNight() {
        return offtake(Tariff.NIGHT);
    }

    default BigDecimal injectionDay() {
        return injection(Tariff.DAY);
    }

    default BigDecimal injectionNight() {
        return injection(Tariff.NIGHT);
    }

    default BigDecimal totalOfftake() {
        return sum(offtake());
    }

    default BigDecimal totalInjection() {
        return sum(injection());
    }

    /** Offtake minus injection: negative when more went into the grid than came from it. */
    default BigDecimal net() {
        return totalOfftake().subtract(totalInjection());
    }

    /** True when everything is counted on one register (gas, or electricity without day/night split). */
    default boolean singleRegisterOnly() {
        return offtake().keySet().stream().allMatch(t -> t == Tariff.SINGLE)
                && injection().keySet().stream().allMatch(t -> t == Tariff.SINGLE);
    }

    /** Any energy went into the grid. */
    default boolean hasInjection() {
        return totalInjection().signum() != 0;
    }

    /**
     * One register and nothing injected: a single offtake figure tells it all, so pages, charts and reports
     * leave out the day/night and injection columns.
     */
    default boolean offtakeOnly() {
        return singleRegisterOnly() && !hasInjection();
    }

    static BigDecimal sum(Map<Tariff, BigDecimal> values) {
        return values.values().stream().reduce(BigDecimal.ZERO, BigDecimal::add);
    }
}
