package be.meterkast.fluvius.sim;

import java.math.BigDecimal;
import java.time.LocalDate;

/** One local day of electricity per register and direction, in kWh with 3 decimals. */
public record DayTotals(LocalDate day, BigDecimal offtakeDay, BigDecimal offtakeNight,
                        BigDecimal injectionDay, BigDecimal injectionNight) {

    public BigDecimal totalOfftake() {
        return offtakeDay.add(offtakeNight);
    }

    public BigDecimal totalInjection() {
        return injectionDay.add(injectionNight);
    }

    /** Offtake minus injection: negative when the household gave more than it took. */
    public BigDecimal net() {
        return totalOfftake().subtract(totalInjection());
    }
}
