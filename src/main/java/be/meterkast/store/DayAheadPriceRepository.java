package be.meterkast.store;

import be.meterkast.domain.DayAheadPrice;
import io.vertx.core.Future;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import io.vertx.sqlclient.data.Numeric;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;

/** Day-ahead market prices, the same for every household; a file replaces the prices of the time it covers. */
public final class DayAheadPriceRepository {
    /** Every stored price overlapping [from, to): hours and quarter-hours never lie side by side for a time. */
    private static final String DELETE_OVERLAPPING = """
            DELETE FROM day_ahead_prices WHERE period_start < $2 AND period_end > $1""";
    private static final String INSERT = """
            INSERT INTO day_ahead_prices (period_start, period_end, eur_per_mwh)
            SELECT * FROM unnest($1::timestamptz[], $2::timestamptz[], $3::numeric[])""";
    private static final String BETWEEN = """
            SELECT period_start, period_end, eur_per_mwh FROM day_ahead_prices
            WHERE period_start < $2 AND period_end > $1 ORDER BY period_start""";

    private static final String COVERAGE = """
            SELECT min(period_start) AS first_start, max(period_end) AS last_end, count(*) AS n FROM day_ahead_prices""";

    /** What is stored: the first start, the last end and how many prices (none: empty). */
    public record Coverage(Instant from, Instant to, long prices) {
    }

    private final SqlClient client;

    public DayAheadPriceRepository(SqlClient client) {
        this.client = client;
    }

    /**
     * The prices from {@code from} to {@code to} become {@code prices} (in time order, all inside the span), in two
     * statements: run it in a transaction ({@link Repositories#inTransaction}).
     */
    public Future<Void> replace(Instant from, Instant to, List<DayAheadPrice> prices) {
        Tuple insert = Tuple.of(prices.stream().map(p -> Sql.time(p.start())).toArray(OffsetDateTime[]::new),
                prices.stream().map(p -> Sql.time(p.end())).toArray(OffsetDateTime[]::new),
                prices.stream().map(p -> Numeric.create(p.eurPerMwh())).toArray(Numeric[]::new));
        return client.preparedQuery(DELETE_OVERLAPPING).execute(Tuple.of(Sql.time(from), Sql.time(to)))
                .compose(deleted -> client.preparedQuery(INSERT).execute(insert)).mapEmpty();
    }

    public Future<java.util.Optional<Coverage>> coverage() {
        return client.query(COVERAGE).execute().map(rows -> {
            var row = rows.iterator().next();
            long n = row.getLong("n");
            return n == 0 ? java.util.Optional.empty() : java.util.Optional.of(new Coverage(
                    Sql.instant(row, "first_start"), Sql.instant(row, "last_end"), n));
        });
    }

    /** The prices overlapping [from, to), in time order. */
    public Future<List<DayAheadPrice>> between(Instant from, Instant to) {
        return client.preparedQuery(BETWEEN).execute(Tuple.of(Sql.time(from), Sql.time(to)))
                .map(rows -> Sql.list(rows, row -> new DayAheadPrice(Sql.instant(row, "period_start"),
                        Sql.instant(row, "period_end"), row.getBigDecimal("eur_per_mwh"))));
    }
}
