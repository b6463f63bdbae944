package be.meterkast.domain;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Objects;
import java.util.Optional;

/**
 * A household's prices from {@code validFrom} until the next period starts. Every price is optional: what is
 * not known is reported as missing, never guessed. Energy, injection and gas in €/kWh, capacity in €/kW/year,
 * fixed fees in €/year; {@code pricesIncludeVat} says whether they were entered with VAT (as most bills show
 * them) or before it.
 */
public record TariffPeriod(LocalDate validFrom, Optional<BigDecimal> energyDay, Optional<BigDecimal> energyNight,
                           Optional<BigDecimal> energySingle, Optional<BigDecimal> injection, Optional<BigDecimal> gas,
                           Optional<BigDecimal> capacityPerKwYear, Optional<BigDecimal> fixedPerYear,
                           BigDecimal vatPercent, boolean pricesIncludeVat) {
    /** Belgium's VAT on household electricity and gas. */
    public static final BigDecimal DEFAULT_VAT_PERCENT = new BigDecimal("6");

    public TariffPeriod {
        Objects.requireNonNull(validFrom, "validFrom");
        Objects.requireNonNull(vatPercent, "vatPercent");
        for (Optional<BigDecimal> price : java.util.List.of(energyDay, energyNight, energySingle, injection, gas,
                capacityPerKwYear, fixedPerYear)) {
            Objects.requireNonNull(price, "price");
        }
    }

    /** The energy price of a register. */
    public Optional<BigDecimal> energy(Tariff register) {
        return switch (register) {
            case DAY -> energyDay;
            case NIGHT -> energyNight;
            case SINGLE -> energySingle;
        };
    }
}
