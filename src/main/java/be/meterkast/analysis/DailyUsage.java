package be.meterkast.analysis;

import be.meterkast.domain.Defect;
import be.meterkast.domain.Tariff;
import be.meterkast.domain.Unit;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One local day of one meter in one unit: what came from the grid and what went into it, per register.
 * {@code estimated} when any value of the day is not validated yet; {@code incomplete} when Fluvius did not
 * send the day whole (its totals and net are then only what arrived, and must not be shown as the day's).
 */
public record DailyUsage(LocalDate day, Unit unit, Map<Tariff, BigDecimal> offtake,
                         Map<Tariff, BigDecimal> injection, boolean estimated, Optional<Defect> incomplete)
        implements RegisterTotals {
    /** What exports and the API call a day: the worst of incomplete, estimated, validated. */
    public static final String INCOMPLETE = "incomplete";
    public static final String ESTIMATED = "estimated";
    public static final String VALIDATED = "validated";

    public DailyUsage {
        offtake = Map.copyOf(offtake);
        injection = Map.copyOf(injection);
        Objects.requireNonNull(incomplete, "incomplete");
    }

    public DailyUsage(LocalDate day, Unit unit, Map<Tariff, BigDecimal> offtake, Map<Tariff, BigDecimal> injection,
                      boolean estimated) {
        this(day, unit, offtake, injection, estimated, Optional.empty());
    }

    /** The same day, marked as not sent whole. */
    public DailyUsage markedIncomplete(Defect defect) {
        return new DailyUsage(day, unit, offtake, injection, estimated, Optional.of(defect));
    }

    public boolean isIncomplete() {
        return incomplete.isPresent();
    }

    /** {@value #INCOMPLETE}, {@value #ESTIMATED} or {@value #VALIDATED}. */
    public String status() {
        return isIncomplete() ? INCOMPLETE : estimated ? ESTIMATED : VALIDATED;
    }

    /** True when the meter counts on one register (gas, or electricity without day/night split). */
    public boolean singleRegister() {
        return singleRegisterOnly();
    }

    static Map<Tariff, BigDecimal> emptyRegisters() {
        return new EnumMap<>(Tariff.class);
    }
}
