package be.meterkast.domain;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * A dynamic contract's energy price: each quarter-hour (or hour) costs {@code factor × day-ahead price + adder}
 * in €/kWh, the day-ahead price taken in €/kWh (the market's €/MWh ÷ 1000).
 */
public record DynamicPrice(BigDecimal factor, BigDecimal adder) {
    private static final BigDecimal THOUSAND = BigDecimal.valueOf(1000);

    public DynamicPrice {
        Objects.requireNonNull(factor, "factor");
        Objects.requireNonNull(adder, "adder");
    }

    /** The €/kWh for a day-ahead price in €/MWh. */
    public BigDecimal perKwh(BigDecimal eurPerMwh) {
        return factor.multiply(eurPerMwh).divide(THOUSAND).add(adder);
    }
}
