package be.meterkast.analysis.costs;

import be.meterkast.domain.TariffPeriod;

import java.time.LocalDate;
import java.util.Optional;
import java.util.Set;

/** One local day's cost, the tariff period it was priced with, and what was not known. */
public record DayCost(LocalDate day, Optional<TariffPeriod> period, CostLines lines, Set<Missing> missing) {
    public DayCost {
        missing = Set.copyOf(missing);
    }
}
