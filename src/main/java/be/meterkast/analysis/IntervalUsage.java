package be.meterkast.analysis;

import be.meterkast.domain.Tariff;
import be.meterkast.domain.Unit;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;

/** One hour or quarter-hour of one meter in one unit, per register and direction. */
public record IntervalUsage(Instant start, Instant end, Unit unit, Map<Tariff, BigDecimal> offtake,
                            Map<Tariff, BigDecimal> injection, boolean estimated) implements RegisterTotals {
    public IntervalUsage {
        offtake = Map.copyOf(offtake);
        injection = Map.copyOf(injection);
    }
}
