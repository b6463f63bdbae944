package be.meterkast.domain;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Objects;
import java.util.Optional;

/**
 * A household's prices from {@code validFrom} until the next period starts. Every price is optional: what is
 * not known is reported as missing, never guessed. Energy, injection and gas in €/kWh, capacity in €/kW/year,
 * fixed fees in €/year; {@code pricesIncludeVat} says whether they were entered with VAT (as most bills show
 * them) or before it. A {@code dynamic} period prices electricity offtake per quarter-hour from day-ahead prices
 * instead of the register prices; {@code capacityFloor} says how the 2.5 kW minimum applies.
 */
public record TariffPeriod(LocalDate validFrom, Optional<BigDecimal> energyDay, Optional<BigDecimal> energyNight,
                           Optional<BigDecimal> energySingle, Optional<BigDecimal> injection, Optional<BigDecimal> gas,
                           Optional<BigDecimal> capacityPerKwYear, Optional<BigDecimal> fixedPerYear,
                           BigDecimal vatPercent, boolean pricesIncludeVat, Optional<DynamicPrice> dynamic,
                           CapacityFloor capacityFloor) {
    /** Belgium's VAT on household electricity and gas. */
    public static final BigDecimal DEFAULT_VAT_PERCENT = new BigDecimal("6");

    public TariffPeriod {
        Objects.requireNonNull(validFrom, "validFrom");
        Objects.requireNonNull(vatPercent, "vatPercent");
        Objects.requireNonNull(dynamic, "dynamic");
        Objects.requireNonNull(capacityFloor, "capacityFloor");
        for (Optional<BigDecimal> price : java.util.List.of(energyDay, energyNight, energySingle, injection, gas,
                capacityPerKwYear, fixedPerYear)) {
            Objects.requireNonNull(price, "price");
        }
    }

    /** A fixed-price period, its 2.5 kW minimum applied to each month. */
    public TariffPeriod(LocalDate validFrom, Optional<BigDecimal> energyDay, Optional<BigDecimal> energyNight,
                        Optional<BigDecimal> energySingle, Optional<BigDecimal> injection, Optional<BigDecimal> gas,
                        Optional<BigDecimal> capacityPerKwYear, Optional<BigDecimal> fixedPerYear,
                        BigDecimal vatPercent, boolean pricesIncludeVat) {
        this(validFrom, energyDay, energyNight, energySingle, injection, gas, capacityPerKwYear, fixedPerYear,
                vatPercent, pricesIncludeVat, Optional.empty(), CapacityFloor.EACH_MONTH);
    }

    /** The same period with a dynamic energy price (or none, when empty). */
    public TariffPeriod withDynamic(Optional<DynamicPrice> price) {
        return new TariffPeriod(validFrom, energyDay, energyNight, energySingle, injection, gas, capacityPerKwYear,
                fixedPerYear, vatPercent, pricesIncludeVat, price, capacityFloor);
    }

    public TariffPeriod withCapacityFloor(CapacityFloor floor) {
        return new TariffPeriod(validFrom, energyDay, energyNight, energySingle, injection, gas, capacityPerKwYear,
                fixedPerYear, vatPercent, pricesIncludeVat, dynamic, floor);
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
