package be.meterkast.app.costs;

import be.meterkast.domain.CapacityFloor;
import be.meterkast.domain.DynamicPrice;
import be.meterkast.domain.TariffPeriod;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The one check of tariff periods as people send them, for the form and the API alike: each period's fields
 * as text under their API names ({@link #FIELDS}), blank meaning "not known". A wrong value is refused with the
 * field it is in, so nothing of the list is stored until all of it is right.
 */
public final class TariffInput {
    public static final String VALID_FROM = "validFrom";
    public static final String VAT_PERCENT = "vatPercent";
    public static final String PRICES_INCLUDE_VAT = "pricesIncludeVat";
    /** The prices, in the order forms and answers list them. */
    public static final List<String> PRICES = List.of("energyDay", "energyNight", "energySingle", "injection", "gas",
            "capacityPerKwYear", "fixedPerYear");
    /** A dynamic period's {@code factor × day-ahead price + adder}; the API sends them as {@code dynamic: {factor, adder}}. */
    public static final String DYNAMIC_FACTOR = "dynamic.factor";
    public static final String DYNAMIC_ADDER = "dynamic.adder";
    /** {@code each_month} (the default) or {@code average}: where the 2.5 kW minimum applies. */
    public static final String CAPACITY_FLOOR = "capacityFloor";
    public static final String FLOOR_EACH_MONTH = "each_month";
    public static final String FLOOR_AVERAGE = "average";
    public static final List<String> FIELDS;
    static final LocalDate EARLIEST = LocalDate.of(2000, 1, 1);
    static final LocalDate LATEST = LocalDate.of(2100, 12, 31);
    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);
    /** Larger than any real price (€/kWh, €/kW/year, €/year) and within the column's digits. */
    private static final BigDecimal MAX_PRICE = new BigDecimal("999999");
    /** An adder (€/kWh) beyond any contract's, either way: a negative adder is a discount on the market price. */
    private static final BigDecimal MAX_ADDER = BigDecimal.TEN;
    private static final BigDecimal MAX_FACTOR = BigDecimal.TEN;

    static {
        List<String> fields = new ArrayList<>(List.of(VALID_FROM));
        fields.addAll(PRICES);
        fields.addAll(List.of(VAT_PERCENT, PRICES_INCLUDE_VAT, DYNAMIC_FACTOR, DYNAMIC_ADDER, CAPACITY_FLOOR));
        FIELDS = List.copyOf(fields);
    }

    private TariffInput() {
    }

    /** A value that cannot be stored: in period {@code index} (from 0), field {@code field}, what to fix as a message key. */
    public static final class Refused extends RuntimeException {
        private final int index;
        private final String field;
        private final String messageKey;

        Refused(int index, String field, String messageKey) {
            super(field + ": " + messageKey, null, false, false);
            this.index = index;
            this.field = field;
            this.messageKey = messageKey;
        }

        public int index() {
            return index;
        }

        public String field() {
            return field;
        }

        public String messageKey() {
            return messageKey;
        }
    }

    /** The periods, oldest first; or {@link Refused} for the first wrong value. */
    public static List<TariffPeriod> periods(List<Map<String, String>> sent) {
        List<TariffPeriod> periods = new ArrayList<>();
        Set<LocalDate> seen = new HashSet<>();
        for (int i = 0; i < sent.size(); i++) {
            TariffPeriod period = period(i, sent.get(i));
            if (!seen.add(period.validFrom())) {
                throw new Refused(i, VALID_FROM, "tariffs.error.duplicate");
            }
            periods.add(period);
        }
        periods.sort(Comparator.comparing(TariffPeriod::validFrom));
        return periods;
    }

    static TariffPeriod period(int index, Map<String, String> fields) {
        LocalDate validFrom = date(index, text(fields, VALID_FROM));
        List<Optional<BigDecimal>> prices = new ArrayList<>();
        for (String field : PRICES) {
            Optional<BigDecimal> price = number(index, field, text(fields, field));
            if (price.isPresent() && (price.get().signum() < 0 || price.get().compareTo(MAX_PRICE) > 0)) {
                throw new Refused(index, field, "tariffs.error.price");
            }
            prices.add(price);
        }
        BigDecimal vat = number(index, VAT_PERCENT, text(fields, VAT_PERCENT)).orElse(TariffPeriod.DEFAULT_VAT_PERCENT);
        if (vat.signum() < 0 || vat.compareTo(HUNDRED) > 0) {
            throw new Refused(index, VAT_PERCENT, "tariffs.error.vat");
        }
        boolean includeVat = switch (text(fields, PRICES_INCLUDE_VAT)) {
            case "", "false", "off" -> false;
            case "true", "on" -> true;
            default -> throw new Refused(index, PRICES_INCLUDE_VAT, "tariffs.error.flag");
        };
        Optional<BigDecimal> factor = number(index, DYNAMIC_FACTOR, text(fields, DYNAMIC_FACTOR));
        Optional<BigDecimal> adder = number(index, DYNAMIC_ADDER, text(fields, DYNAMIC_ADDER));
        if (factor.isPresent() != adder.isPresent()) {
            throw new Refused(index, factor.isPresent() ? DYNAMIC_ADDER : DYNAMIC_FACTOR, "costs.tariffs.error.dynamicBoth");
        }
        if (factor.isPresent() && (factor.get().signum() < 0 || factor.get().compareTo(MAX_FACTOR) > 0)) {
            throw new Refused(index, DYNAMIC_FACTOR, "costs.tariffs.error.factor");
        }
        if (adder.isPresent() && adder.get().abs().compareTo(MAX_ADDER) > 0) {
            throw new Refused(index, DYNAMIC_ADDER, "costs.tariffs.error.adder");
        }
        if (factor.isPresent()) {
            for (int i = 0; i < 3; i++) {
                if (prices.get(i).isPresent()) {
                    throw new Refused(index, PRICES.get(i), "costs.tariffs.error.dynamicRegister");
                }
            }
        }
        CapacityFloor floor = switch (text(fields, CAPACITY_FLOOR)) {
            case "", FLOOR_EACH_MONTH -> CapacityFloor.EACH_MONTH;
            case FLOOR_AVERAGE -> CapacityFloor.AVERAGE;
            default -> throw new Refused(index, CAPACITY_FLOOR, "costs.tariffs.error.floor");
        };
        return new TariffPeriod(validFrom, prices.get(0), prices.get(1), prices.get(2), prices.get(3), prices.get(4),
                prices.get(5), prices.get(6), vat, includeVat,
                factor.map(f -> new DynamicPrice(f, adder.orElseThrow())), floor);
    }

    /** The text of a floor as forms and the API send it. */
    public static String floor(CapacityFloor floor) {
        return floor == CapacityFloor.AVERAGE ? FLOOR_AVERAGE : FLOOR_EACH_MONTH;
    }

    private static LocalDate date(int index, String text) {
        if (text.isEmpty()) {
            throw new Refused(index, VALID_FROM, "tariffs.error.date");
        }
        try {
            LocalDate day = LocalDate.parse(text);
            if (day.isBefore(EARLIEST) || day.isAfter(LATEST)) {
                throw new Refused(index, VALID_FROM, "tariffs.error.dateRange");
            }
            return day;
        } catch (DateTimeParseException e) {
            throw new Refused(index, VALID_FROM, "tariffs.error.date");
        }
    }

    /** Blank is empty; a decimal comma is read as a point, as Dutch bills write it. */
    private static Optional<BigDecimal> number(int index, String field, String text) {
        if (text.isEmpty()) {
            return Optional.empty();
        }
        try {
            BigDecimal value = new BigDecimal(text.replace(',', '.'));
            if (value.scale() > 6 || value.precision() - value.scale() > 7) {
                throw new Refused(index, field, "tariffs.error.number");
            }
            return Optional.of(value);
        } catch (NumberFormatException e) {
            throw new Refused(index, field, "tariffs.error.number");
        }
    }

    private static String text(Map<String, String> fields, String field) {
        String value = fields.get(field);
        return value == null ? "" : value.strip();
    }

    /** A period as text under its field names, as {@link #periods} reads it back (a form, an API answer). */
    public static Map<String, String> fields(TariffPeriod p) {
        Map<String, String> fields = new java.util.LinkedHashMap<>();
        fields.put(VALID_FROM, p.validFrom().toString());
        List<Optional<BigDecimal>> prices = List.of(p.energyDay(), p.energyNight(), p.energySingle(), p.injection(),
                p.gas(), p.capacityPerKwYear(), p.fixedPerYear());
        for (int i = 0; i < PRICES.size(); i++) {
            fields.put(PRICES.get(i), prices.get(i).map(BigDecimal::toPlainString).orElse(""));
        }
        fields.put(VAT_PERCENT, p.vatPercent().stripTrailingZeros().toPlainString());
        fields.put(PRICES_INCLUDE_VAT, Boolean.toString(p.pricesIncludeVat()));
        fields.put(DYNAMIC_FACTOR, p.dynamic().map(d -> d.factor().toPlainString()).orElse(""));
        fields.put(DYNAMIC_ADDER, p.dynamic().map(d -> d.adder().toPlainString()).orElse(""));
        fields.put(CAPACITY_FLOOR, floor(p.capacityFloor()));
        return fields;
    }
}
