package be.meterkast.store;

import be.meterkast.domain.DynamicPrice;
import be.meterkast.domain.TariffPeriod;
import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/** A household's tariff periods, one row per period, oldest first. */
public final class TariffPeriodRepository {
    private static final String COLUMNS = """
            valid_from, energy_day, energy_night, energy_single, injection, gas, capacity_per_kw_year,
            fixed_per_year, vat_percent, prices_include_vat, dynamic_factor, dynamic_adder, capacity_floor""";
    private static final String LIST = """
            SELECT %s FROM tariff_periods WHERE household_id = $1 ORDER BY valid_from""".formatted(COLUMNS);
    private static final String DELETE = "DELETE FROM tariff_periods WHERE household_id = $1";
    // Prices travel as text: the client's numeric arrays cannot hold NULL (a price not known).
    private static final String INSERT = """
            INSERT INTO tariff_periods (household_id, %s)
            SELECT $1, x.valid_from, x.energy_day::numeric, x.energy_night::numeric, x.energy_single::numeric,
                   x.injection::numeric, x.gas::numeric, x.capacity_per_kw_year::numeric, x.fixed_per_year::numeric,
                   x.vat_percent::numeric, x.prices_include_vat, x.dynamic_factor::numeric, x.dynamic_adder::numeric,
                   x.capacity_floor
            FROM unnest($2::date[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[],
                        $10::text[], $11::boolean[], $12::text[], $13::text[], $14::text[])
                AS x (%s)""".formatted(COLUMNS, COLUMNS);

    private final SqlClient client;

    public TariffPeriodRepository(SqlClient client) {
        this.client = client;
    }

    /** Oldest first. */
    public Future<List<TariffPeriod>> list(long householdId) {
        return client.preparedQuery(LIST).execute(Tuple.of(householdId))
                .map(rows -> Sql.list(rows, TariffPeriodRepository::period));
    }

    /**
     * The household's periods become {@code periods}, in two statements: run it in a transaction
     * ({@link Repositories#inTransaction}) so a reader never sees the list half replaced.
     */
    public Future<Void> replace(long householdId, List<TariffPeriod> periods) {
        return client.preparedQuery(DELETE).execute(Tuple.of(householdId)).compose(deleted -> {
            if (periods.isEmpty()) {
                return Future.succeededFuture();
            }
            Tuple params = Tuple.tuple().addLong(householdId)
                    .addValue(periods.stream().map(TariffPeriod::validFrom).toArray(LocalDate[]::new));
            List<Function<TariffPeriod, Optional<BigDecimal>>> prices = List.of(TariffPeriod::energyDay,
                    TariffPeriod::energyNight, TariffPeriod::energySingle, TariffPeriod::injection, TariffPeriod::gas,
                    TariffPeriod::capacityPerKwYear, TariffPeriod::fixedPerYear,
                    p -> Optional.of(p.vatPercent()));
            for (Function<TariffPeriod, Optional<BigDecimal>> price : prices) {
                params.addValue(periods.stream().map(p -> price.apply(p).map(BigDecimal::toPlainString).orElse(null))
                        .toArray(String[]::new));
            }
            params.addValue(periods.stream().map(TariffPeriod::pricesIncludeVat).toArray(Boolean[]::new));
            params.addValue(periods.stream().map(p -> p.dynamic().map(d -> d.factor().toPlainString()).orElse(null))
                    .toArray(String[]::new));
            params.addValue(periods.stream().map(p -> p.dynamic().map(d -> d.adder().toPlainString()).orElse(null))
                    .toArray(String[]::new));
            params.addValue(periods.stream().map(p -> StorageCodes.capacityFloor(p.capacityFloor()))
                    .toArray(String[]::new));
            return client.preparedQuery(INSERT).execute(params).mapEmpty();
        });
    }

    private static TariffPeriod period(Row row) {
        return new TariffPeriod(row.getLocalDate("valid_from"), price(row, "energy_day"), price(row, "energy_night"),
                price(row, "energy_single"), price(row, "injection"), price(row, "gas"),
                price(row, "capacity_per_kw_year"), price(row, "fixed_per_year"), row.getBigDecimal("vat_percent"),
                row.getBoolean("prices_include_vat"),
                price(row, "dynamic_factor").map(factor -> new DynamicPrice(factor, price(row, "dynamic_adder")
                        .orElseThrow())),
                StorageCodes.capacityFloor(row.getString("capacity_floor")));
    }

    /** Without the column's trailing zeros: 0.300000 reads back as 0.3, as it was entered. */
    private static Optional<BigDecimal> price(Row row, String column) {
        return Optional.ofNullable(row.getBigDecimal(column)).map(BigDecimal::stripTrailingZeros);
    }
}
