package be.meterkast.store;

import be.meterkast.domain.Reading;
import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A day's figures per meter, register and unit, kept beside the readings they come from: the day's daily
 * values as stored, else the sum of its finest shorter periods (quarter-hours, else hours: a file may hold both
 * for a day). Days and quarter-hours are stored side by side in {@code readings} and are never added together.
 * A gas day runs from 06:00 to 06:00 local time. {@link ReadingRepository} calls {@link #refresh} in the
 * transaction that writes readings, so the rows here always equal that rule applied to {@code readings}.
 */
public final class DailyTotalRepository {
    /**
     * The (gas) days a write touched, per meter: from the day of the earliest start written to the day of the
     * latest. {@code $1} meter ids, {@code $2} and {@code $3} the earliest and latest start.
     */
    private static final String WRITTEN_SPAN = """
            span AS (
                SELECT m.id AS meter_id, d.first_day, d.last_day,
                       (d.first_day + k.day_start) AT TIME ZONE 'Europe/Brussels' AS from_ts,
                       (d.last_day + 1 + k.day_start) AT TIME ZONE 'Europe/Brussels' AS to_ts
                FROM meters m
                CROSS JOIN LATERAL (SELECT CASE WHEN m.kind = 'GAS' THEN interval '6 hours'
                                                ELSE interval '0 hours' END AS day_start) k
                CROSS JOIN LATERAL (SELECT (($2::timestamptz AT TIME ZONE 'Europe/Brussels') - k.day_start)::date AS first_day,
                                           (($3::timestamptz AT TIME ZONE 'Europe/Brussels') - k.day_start)::date AS last_day) d
                WHERE m.id = ANY($1))""";
    /** Every day of every meter, for a restore. */
    private static final String ALL_SPAN = """
            span AS (
                SELECT m.id AS meter_id, date '-infinity' AS first_day, date 'infinity' AS last_day,
                       timestamptz '-infinity' AS from_ts, timestamptz 'infinity' AS to_ts
                FROM meters m)""";
    private static final String DELETE = """
            DELETE FROM daily_totals t USING span s
            WHERE t.meter_id = s.meter_id AND t.day >= s.first_day AND t.day <= s.last_day""";
    /** The rule itself, over the readings of the span's days. */
    private static final String INSERT = """
            stored AS (
                SELECT r.meter_id, r.period_start, r.period_end, r.tariff, r.direction, r.unit, r.value, r.estimated,
                       r.period_end - r.period_start >= interval '23 hours' AS whole,
                       CASE WHEN mt.kind = 'GAS'
                            THEN ((r.period_start AT TIME ZONE 'Europe/Brussels') - interval '6 hours')::date
                            ELSE (r.period_start AT TIME ZONE 'Europe/Brussels')::date END AS day,
                       CASE WHEN mt.kind = 'GAS' THEN time '06:00' ELSE time '00:00' END AS day_start
                FROM span s JOIN meters mt ON mt.id = s.meter_id
                JOIN readings r ON r.meter_id = s.meter_id AND r.period_start >= s.from_ts AND r.period_start < s.to_ts),
            -- per day: whether it has a daily value, and its finest shorter period (quarter-hours beat hours)
            per_day AS (
                SELECT meter_id, day, bool_or(whole) AS has_whole,
                       min(period_end - period_start) FILTER (WHERE NOT whole) AS step
                FROM stored GROUP BY meter_id, day),
            summed AS (
                SELECT s.meter_id, s.day, (s.day + s.day_start) AT TIME ZONE 'Europe/Brussels' AS period_start,
                       (s.day + 1 + s.day_start) AT TIME ZONE 'Europe/Brussels' AS period_end,
                       s.tariff, s.direction, s.unit, sum(s.value) AS value, bool_or(s.estimated) AS estimated
                FROM stored s JOIN per_day p ON p.meter_id = s.meter_id AND p.day = s.day
                WHERE NOT p.has_whole AND NOT s.whole AND s.period_end - s.period_start = p.step
                GROUP BY s.meter_id, s.day, s.day_start, s.tariff, s.direction, s.unit)
            INSERT INTO daily_totals (meter_id, day, period_start, period_end, tariff, direction, unit, value, estimated, summed)
            SELECT meter_id, day, period_start, period_end, tariff, direction, unit, value, estimated, false
            FROM stored WHERE whole
            UNION ALL
            SELECT meter_id, day, period_start, period_end, tariff, direction, unit, value, estimated, true FROM summed""";
    private static final String DELETE_WRITTEN = "WITH " + WRITTEN_SPAN + "\n" + DELETE;
    private static final String INSERT_WRITTEN = "WITH " + WRITTEN_SPAN + ",\n" + INSERT;
    private static final String DELETE_ALL = "WITH " + ALL_SPAN + "\n" + DELETE;
    private static final String INSERT_ALL = "WITH " + ALL_SPAN + ",\n" + INSERT;
    /**
     * The figures of the days a page shows: each stored daily reading starting in [$2, $3), and each summed day
     * that lies whole in it (a gas day ends at 06:00 after the range's last midnight).
     */
    private static final String BETWEEN = """
            SELECT meter_id, period_start, period_end, tariff, direction, unit, value, estimated
            FROM daily_totals
            WHERE meter_id = ANY($1) AND period_start >= $2 AND period_start < $3 AND (NOT summed OR period_end <= $3)
            ORDER BY meter_id, period_start, tariff, direction, unit""";
    private final SqlClient client;

    public DailyTotalRepository(SqlClient client) {
        this.client = client;
    }

    /**
     * Computes again the figures of the meter's days that readings starting from {@code earliest} to
     * {@code latest} belong to. Call it in the transaction that wrote them, after the write.
     */
    Future<Void> refresh(long meterId, Instant earliest, Instant latest) {
        Tuple span = Tuple.of(new Long[]{meterId}, Sql.time(earliest), Sql.time(latest));
        return client.preparedQuery(DELETE_WRITTEN).execute(span)
                .compose(deleted -> client.preparedQuery(INSERT_WRITTEN).execute(span))
                .mapEmpty();
    }

    /**
     * Computes every day of every meter again from the readings: after readings arrived by other means (a
     * restore copies readings, not these rows, which follow from them). Call it in the same transaction.
     */
    public Future<Void> rebuildAll() {
        return client.query(DELETE_ALL).execute()
                .compose(deleted -> client.query(INSERT_ALL).execute())
                .mapEmpty();
    }

    /** The days of several meters starting in [from, to), by meter id, each day as one reading per register and unit. */
    public Future<Map<Long, List<Reading>>> between(List<Long> meterIds, Instant from, Instant to) {
        return client.preparedQuery(BETWEEN)
                .execute(Tuple.of(meterIds.toArray(Long[]::new), Sql.time(from), Sql.time(to)))
                .map(rows -> {
                    Map<Long, List<Reading>> byMeter = new LinkedHashMap<>();
                    meterIds.forEach(id -> byMeter.put(id, new ArrayList<>()));
                    for (Row row : rows) {
                        byMeter.get(row.getLong("meter_id")).add(ReadingRepository.reading(row));
                    }
                    return byMeter;
                });
    }
}
