package be.meterkast.analysis.costs;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * The lines of a cost, in euro: {@code energy}, {@code injection} (negative: it is paid back), {@code capacity}
 * and {@code fixed} before VAT, and the {@code vat} on them. Kept unrounded; {@link #rounded()} gives cents, so
 * a total is rounded once from the exact sum rather than summed from rounded days.
 */
public record CostLines(BigDecimal energy, BigDecimal injection, BigDecimal capacity, BigDecimal fixed,
                        BigDecimal vat) {
    public static final CostLines ZERO = new CostLines(BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO,
            BigDecimal.ZERO, BigDecimal.ZERO);

    public BigDecimal total() {
        return energy.add(injection).add(capacity).add(fixed).add(vat);
    }

    public CostLines plus(CostLines other) {
        return new CostLines(energy.add(other.energy), injection.add(other.injection), capacity.add(other.capacity),
                fixed.add(other.fixed), vat.add(other.vat));
    }

    /** Every line to cents; the total is the exact total to cents (it may differ by a cent from the sum of the lines). */
    public Rounded rounded() {
        return new Rounded(cents(energy), cents(injection), cents(capacity), cents(fixed), cents(vat), cents(total()));
    }

    /** In euro to the cent. */
    public record Rounded(BigDecimal energy, BigDecimal injection, BigDecimal capacity, BigDecimal fixed,
                          BigDecimal vat, BigDecimal total) {
    }

    /**
     * Through 8 decimals first: the exact sums carry division remainders far below that (1/3 kept to 12 decimals),
     * and 0.71499999999998 is 0.715 that should round up to 0.72.
     */
    static BigDecimal cents(BigDecimal euro) {
        return euro.setScale(8, RoundingMode.HALF_UP).setScale(2, RoundingMode.HALF_UP);
    }
}
