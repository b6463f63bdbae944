package be.meterkast.store;

import be.meterkast.domain.IncompleteDay;
import be.meterkast.domain.Resolution;
import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The days of each meter that Fluvius did not send whole ({@code incomplete_days}). A row is written when a
 * response holds a day with a defect and removed when a later response holds the same day whole.
 */
public final class IncompleteDayRepository {
    /** The first defect seen keeps its {@code first_seen_at}; the defect itself follows the latest response. */
    private static final String MARK = """
            INSERT INTO incomplete_days AS i (meter_id, day, resolution, defect)
            SELECT $1, x.day, $2, x.defect FROM unnest($3::date[], $4::text[]) AS x (day, defect)
            ON CONFLICT (meter_id, day, resolution) DO UPDATE SET defect = excluded.defect
            WHERE i.defect IS DISTINCT FROM excluded.defect""";
    private static final String CLEAR = """
            DELETE FROM incomplete_days WHERE meter_id = $1 AND resolution = $2 AND day = ANY($3::date[])""";
    private static final String BETWEEN = """
            SELECT meter_id, day, resolution, defect FROM incomplete_days
            WHERE meter_id = ANY($1) AND day BETWEEN $2 AND $3
            ORDER BY meter_id, day, resolution""";
    private static final String ALL = """
            SELECT meter_id, day, resolution, defect FROM incomplete_days
            WHERE meter_id = $1 ORDER BY day, resolution""";

    private final SqlClient client;

    public IncompleteDayRepository(SqlClient client) {
        this.client = client;
    }

    /**
     * What one response showed at {@code resolution}: the {@code whole} days lose their mark, the
     * {@code incomplete} ones get (or keep) one. Two set-based statements, whatever the number of days.
     */
    public Future<Void> record(long meterId, Resolution resolution, Collection<LocalDate> whole,
                               Collection<IncompleteDay> incomplete) {
        String code = StorageCodes.resolution(resolution);
        Future<?> cleared = whole.isEmpty() ? Future.succeededFuture()
                : client.preparedQuery(CLEAR).execute(Tuple.of(meterId, code, whole.toArray(LocalDate[]::new)));
        return cleared.compose(v -> {
            List<IncompleteDay> marks = incomplete.stream().filter(d -> d.resolution() == resolution).toList();
            if (marks.isEmpty()) {
                return Future.succeededFuture();
            }
            LocalDate[] days = marks.stream().map(IncompleteDay::day).toArray(LocalDate[]::new);
            String[] defects = marks.stream().map(d -> StorageCodes.defect(d.defect())).toArray(String[]::new);
            return client.preparedQuery(MARK).execute(Tuple.of(meterId, code, days, defects)).mapEmpty();
        });
    }

    /** The incomplete days of several meters from {@code first} to {@code last}, by meter id; one query. */
    public Future<Map<Long, List<IncompleteDay>>> between(List<Long> meterIds, LocalDate first, LocalDate last) {
        return client.preparedQuery(BETWEEN).execute(Tuple.of(meterIds.toArray(Long[]::new), first, last))
                .map(rows -> {
                    Map<Long, List<IncompleteDay>> byMeter = new LinkedHashMap<>();
                    meterIds.forEach(id -> byMeter.put(id, new ArrayList<>()));
                    for (Row row : rows) {
                        byMeter.get(row.getLong("meter_id")).add(day(row));
                    }
                    return byMeter;
                });
    }

    /** The incomplete days of one meter from {@code first} to {@code last}. */
    public Future<List<IncompleteDay>> between(long meterId, LocalDate first, LocalDate last) {
        return between(List.of(meterId), first, last).map(byMeter -> byMeter.get(meterId));
    }

    /** Every incomplete day of the meter, oldest first: what the sync reads again. */
    public Future<List<IncompleteDay>> all(long meterId) {
        return client.preparedQuery(ALL).execute(Tuple.of(meterId)).map(rows -> Sql.list(rows, IncompleteDayRepository::day));
    }

    private static IncompleteDay day(Row row) {
        return new IncompleteDay(row.getLocalDate("day"), StorageCodes.resolution(row.getString("resolution")),
                StorageCodes.defect(row.getString("defect")));
    }
}
