package be.meterkast.store;

import be.meterkast.domain.MonthlyPeak;
import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import io.vertx.sqlclient.data.Numeric;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The capacity-tariff peak of each month, one row per meter and month (stored as the month's first day). */
public final class MonthlyPeakRepository {
    private static final String UPSERT = """
            INSERT INTO monthly_peaks AS p (meter_id, month, kilowatts, peak_start, peak_end)
            SELECT $1, x.month, x.kilowatts, x.peak_start, x.peak_end
            FROM unnest($2::date[], $3::numeric[], $4::timestamptz[], $5::timestamptz[])
                AS x (month, kilowatts, peak_start, peak_end)
            ON CONFLICT (meter_id, month) DO UPDATE
            SET kilowatts = excluded.kilowatts, peak_start = excluded.peak_start, peak_end = excluded.peak_end""";
    private static final String LIST = """
            SELECT month, kilowatts, peak_start, peak_end FROM monthly_peaks
            WHERE meter_id = $1 ORDER BY month""";

    private final SqlClient client;

    public MonthlyPeakRepository(SqlClient client) {
        this.client = client;
    }

    /** One statement; a month already stored is replaced, the last of equal months in {@code peaks} wins. */
    public Future<Integer> upsert(long meterId, List<MonthlyPeak> peaks) {
        Map<YearMonth, MonthlyPeak> latest = new LinkedHashMap<>();
        peaks.forEach(peak -> latest.put(peak.month(), peak));
        if (latest.isEmpty()) {
            return Future.succeededFuture(0);
        }
        int n = latest.size();
        LocalDate[] months = new LocalDate[n];
        Numeric[] kilowatts = new Numeric[n];
        OffsetDateTime[] starts = new OffsetDateTime[n];
        OffsetDateTime[] ends = new OffsetDateTime[n];
        int i = 0;
        for (MonthlyPeak peak : latest.values()) {
            months[i] = peak.month().atDay(1);
            kilowatts[i] = Numeric.create(peak.kilowatts());
            starts[i] = Sql.time(peak.start());
            ends[i] = Sql.time(peak.end());
            i++;
        }
        Tuple params = Tuple.tuple().addLong(meterId).addValue(months).addValue(kilowatts).addValue(starts).addValue(ends);
        return client.preparedQuery(UPSERT).execute(params).map(rows -> rows.rowCount());
    }

    /** In month order. */
    public Future<List<MonthlyPeak>> list(long meterId) {
        return client.preparedQuery(LIST).execute(Tuple.of(meterId))
                .map(rows -> Sql.list(rows, MonthlyPeakRepository::peak));
    }

    private static MonthlyPeak peak(Row row) {
        return new MonthlyPeak(YearMonth.from(row.getLocalDate("month")), row.getBigDecimal("kilowatts"),
                Sql.instant(row, "peak_start"), Sql.instant(row, "peak_end"));
    }
}
