package be.meterkast.store;

import be.meterkast.domain.Reading;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import io.vertx.sqlclient.data.Numeric;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.ToIntFunction;

/** Measured values. Tariff, direction and unit are stored as {@link StorageCodes}. */
public final class ReadingRepository {
    /**
     * One statement for any number of readings: the arrays are unnested into rows. A reading that is already
     * stored is replaced when Fluvius corrected it (value or estimated flag changed), and left untouched
     * otherwise, so re-fetching a period does not rewrite the table.
     */
    private static final String UPSERT = """
            INSERT INTO readings AS r (meter_id, period_start, period_end, tariff, direction, unit, value, estimated, fetched_at)
            SELECT $1, x.period_start, x.period_end, x.tariff, x.direction, x.unit, x.value, x.estimated, now()
            FROM unnest($2::timestamptz[], $3::timestamptz[], $4::int2[], $5::int2[], $6::int2[], $7::numeric[], $8::bool[])
                AS x (period_start, period_end, tariff, direction, unit, value, estimated)
            ON CONFLICT (meter_id, period_start, period_end, tariff, direction, unit) DO UPDATE
            SET value = excluded.value, estimated = excluded.estimated, fetched_at = excluded.fetched_at
            WHERE (r.value, r.estimated) IS DISTINCT FROM (excluded.value, excluded.estimated)""";
    /**
     * The same for values from a file: a value Fluvius validated is never replaced by an estimated one from a
     * file (counted as kept instead). Both counts come from the table as it was before the statement.
     */
    private static final String IMPORT = """
            WITH x AS (
                SELECT * FROM unnest($2::timestamptz[], $3::timestamptz[], $4::int2[], $5::int2[], $6::int2[],
                                     $7::numeric[], $8::bool[])
                    AS x (period_start, period_end, tariff, direction, unit, value, estimated)),
            kept AS (
                SELECT count(*) AS n FROM x JOIN readings r ON r.meter_id = $1 AND r.period_start = x.period_start
                    AND r.period_end = x.period_end AND r.tariff = x.tariff AND r.direction = x.direction
                    AND r.unit = x.unit
                WHERE NOT r.estimated AND x.estimated AND r.value <> x.value),
            written AS (
                INSERT INTO readings AS r (meter_id, period_start, period_end, tariff, direction, unit, value, estimated, fetched_at)
                SELECT $1, period_start, period_end, tariff, direction, unit, value, estimated, now() FROM x
                ON CONFLICT (meter_id, period_start, period_end, tariff, direction, unit) DO UPDATE
                SET value = excluded.value, estimated = excluded.estimated, fetched_at = excluded.fetched_at
                WHERE (r.value, r.estimated) IS DISTINCT FROM (excluded.value, excluded.estimated)
                  AND NOT (NOT r.estimated AND excluded.estimated)
                RETURNING 1)
            SELECT (SELECT count(*) FROM written) AS written, (SELECT n FROM kept) AS kept""";
    private static final String BETWEEN = """
            SELECT period_start, period_end, tariff, direction, unit, value, estimated
            FROM readings
            WHERE meter_id = $1 AND period_start >= $2 AND period_start < $3
            ORDER BY period_start, period_end, tariff, direction, unit""";
    /** Whole (gas) days only, as stored: days and quarter-hours are stored side by side and must never be added. */
    private static final String DAYS_BETWEEN = """
            SELECT meter_id, period_start, period_end, tariff, direction, unit, value, estimated
            FROM readings
            WHERE meter_id = ANY($1) AND period_start >= $2 AND period_start < $3
              AND period_end - period_start >= interval '23 hours'
            ORDER BY meter_id, period_start, tariff, direction, unit""";
    private static final String QUARTER_HOURS_BETWEEN = """
            SELECT meter_id, period_start, period_end, tariff, direction, unit, value, estimated
            FROM readings
            WHERE meter_id = $1 AND period_start >= $2 AND period_start < $3
              AND period_end - period_start = interval '15 minutes'
            ORDER BY period_start, tariff, direction, unit""";
    /** Each month's highest quarter-hour offtake (all registers of the quarter-hour together), earliest first on a tie. */
    private static final String QUARTER_HOUR_PEAKS = """
            SELECT DISTINCT ON (month) month, period_start, period_end, kwh * 4 AS kilowatts
            FROM (SELECT date_trunc('month', period_start AT TIME ZONE 'Europe/Brussels')::date AS month,
                         period_start, period_end, sum(value) AS kwh
                  FROM readings
                  WHERE meter_id = $1 AND period_end - period_start = interval '15 minutes'
                    AND direction = $2 AND unit = $3
                    AND NOT date_trunc('month', period_start AT TIME ZONE 'Europe/Brussels')::date = ANY($4)
                  GROUP BY period_start, period_end) quarters
            ORDER BY month, kwh DESC, period_start""";
    private static final String LAST_END = """
            SELECT max(period_end) AS last_end FROM readings WHERE meter_id = $1""";
    private static final String FIRST_WHOLE_DAY = """
            SELECT min(period_start) AS first_start FROM readings
            WHERE meter_id = $1 AND period_end - period_start >= interval '23 hours'""";
    private static final String COUNT = """
            SELECT count(*) AS n FROM readings WHERE meter_id = $1""";
    private static final String COUNT_FOR_HOUSEHOLD = """
            SELECT count(*) AS n FROM readings r JOIN meters mt ON mt.id = r.meter_id WHERE mt.household_id = $1""";

    /**
     * Taken before readings of a meter are written, until the transaction ends: two writers of the same meter's
     * days (the sync and an import) would each compute its daily totals without the other's rows.
     */
    private static final String LOCK_METER = "SELECT 1 FROM meters WHERE id = $1 FOR NO KEY UPDATE";

    private final SqlClient client;
    private final IncompleteDayRepository incompleteDays;
    private final DailyTotalRepository dailyTotals;

    public ReadingRepository(SqlClient client) {
        this.client = client;
        this.incompleteDays = new IncompleteDayRepository(client);
        this.dailyTotals = new DailyTotalRepository(client);
    }

    /** The days' figures kept beside the readings, on the same connection. */
    public DailyTotalRepository dailyTotals() {
        return dailyTotals;
    }

    /**
     * Which stored days are not whole, on the same connection: whoever stores readings says whether their days
     * were whole, so the two are handed out together.
     */
    public IncompleteDayRepository incompleteDays() {
        return incompleteDays;
    }

    /**
     * Stores the readings of one meter in a single statement; a reading with the key of a stored one replaces
     * it. Within {@code readings}, the last of equal keys wins. Yields how many rows were inserted or changed.
     */
    public Future<Integer> upsert(long meterId, List<Reading> readings) {
        Map<Reading.Key, Reading> latest = latestByKey(readings);
        if (latest.isEmpty()) {
            return Future.succeededFuture(0);
        }
        return writing(meterId, latest, sql -> sql.preparedQuery(UPSERT).execute(arrays(meterId, latest))
                .map(rows -> rows.rowCount()), written -> written);
    }

    /** What an import of values did: rows inserted or changed, and validated values kept over estimated ones. */
    public record ImportCounts(int written, int keptValidated) {
    }

    /**
     * Stores values from a file in one statement, like {@link #upsert}, except that a value Fluvius validated
     * is never replaced by an estimated one from the file.
     */
    public Future<ImportCounts> importValues(long meterId, List<Reading> readings) {
        Map<Reading.Key, Reading> latest = latestByKey(readings);
        if (latest.isEmpty()) {
            return Future.succeededFuture(new ImportCounts(0, 0));
        }
        return writing(meterId, latest, sql -> sql.preparedQuery(IMPORT).execute(arrays(meterId, latest)).map(rows -> {
            Row row = rows.iterator().next();
            return new ImportCounts(row.getLong("written").intValue(), row.getLong("kept").intValue());
        }), ImportCounts::written);
    }

    /**
     * One write of readings and the daily totals of the days it touched, in one transaction: the caller's when
     * this repository runs on a transaction's connection, else one of its own. Days are computed again only when
     * {@code changed} says rows were inserted or changed.
     */
    private <T> Future<T> writing(long meterId, Map<Reading.Key, Reading> latest, Function<SqlClient, Future<T>> write,
                                  ToIntFunction<T> changed) {
        Instant earliest = Instant.MAX;
        Instant latestStart = Instant.MIN;
        for (Reading reading : latest.values()) {
            earliest = reading.start().isBefore(earliest) ? reading.start() : earliest;
            latestStart = reading.start().isAfter(latestStart) ? reading.start() : latestStart;
        }
        Instant first = earliest;
        Instant last = latestStart;
        Function<SqlClient, Future<T>> work = sql -> sql.preparedQuery(LOCK_METER).execute(Tuple.of(meterId))
                .compose(locked -> write.apply(sql))
                .compose(result -> changed.applyAsInt(result) == 0 ? Future.succeededFuture(result)
                        : new DailyTotalRepository(sql).refresh(meterId, first, last).map(result));
        return client instanceof Pool pool ? pool.withTransaction(work::apply) : work.apply(client);
    }

    private static Map<Reading.Key, Reading> latestByKey(List<Reading> readings) {
        Map<Reading.Key, Reading> latest = new LinkedHashMap<>();
        for (Reading reading : readings) {
            latest.put(reading.key(), reading);
        }
        return latest;
    }

    private static Tuple arrays(long meterId, Map<Reading.Key, Reading> latest) {
        int n = latest.size();
        OffsetDateTime[] starts = new OffsetDateTime[n];
        OffsetDateTime[] ends = new OffsetDateTime[n];
        Short[] tariffs = new Short[n];
        Short[] directions = new Short[n];
        Short[] units = new Short[n];
        Numeric[] values = new Numeric[n];
        Boolean[] estimated = new Boolean[n];
        int i = 0;
        for (Reading reading : latest.values()) {
            starts[i] = Sql.time(reading.start());
            ends[i] = Sql.time(reading.end());
            tariffs[i] = StorageCodes.tariff(reading.tariff());
            directions[i] = StorageCodes.direction(reading.direction());
            units[i] = StorageCodes.unit(reading.unit());
            values[i] = Numeric.create(reading.value());
            estimated[i] = reading.estimated();
            i++;
        }
        return Tuple.tuple().addLong(meterId).addValue(starts).addValue(ends).addValue(tariffs)
                .addValue(directions).addValue(units).addValue(values).addValue(estimated);
    }

    /** The readings whose period starts in [from, to), in time order. */
    public Future<List<Reading>> readings(long meterId, Instant from, Instant to) {
        return client.preparedQuery(BETWEEN).execute(Tuple.of(meterId, Sql.time(from), Sql.time(to)))
                .map(rows -> {
                    List<Reading> result = new ArrayList<>(rows.size());
                    for (Row row : rows) {
                        result.add(reading(row));
                    }
                    return result;
                });
    }

    /** Daily readings of several meters whose day starts in [from, to), in one query, by meter id. */
    public Future<Map<Long, List<Reading>>> days(List<Long> meterIds, Instant from, Instant to) {
        return client.preparedQuery(DAYS_BETWEEN)
                .execute(Tuple.of(meterIds.toArray(Long[]::new), Sql.time(from), Sql.time(to)))
                .map(rows -> {
                    Map<Long, List<Reading>> byMeter = new LinkedHashMap<>();
                    meterIds.forEach(id -> byMeter.put(id, new ArrayList<>()));
                    for (Row row : rows) {
                        byMeter.get(row.getLong("meter_id")).add(reading(row));
                    }
                    return byMeter;
                });
    }

    /**
     * The days pages show, of several meters, by meter id: each day's stored daily readings, or, for a day
     * without them, the sum of its quarter-hours (or hours) as one reading per register of that whole day.
     * A meter with only a quarter-hour file so has days, months and comparisons. Read from the daily totals
     * kept beside the readings: a year is about 365 rows per register, whatever the quarter-hours stored.
     */
    public Future<Map<Long, List<Reading>>> dailyFigures(List<Long> meterIds, Instant from, Instant to) {
        return dailyTotals.between(meterIds, from, to);
    }

    /** Daily readings of one meter whose day starts in [from, to). */
    public Future<List<Reading>> days(long meterId, Instant from, Instant to) {
        return days(List.of(meterId), from, to).map(byMeter -> byMeter.get(meterId));
    }

    /** Quarter-hour readings of one meter starting in [from, to). */
    public Future<List<Reading>> quarterHours(long meterId, Instant from, Instant to) {
        return client.preparedQuery(QUARTER_HOURS_BETWEEN).execute(Tuple.of(meterId, Sql.time(from), Sql.time(to)))
                .map(rows -> {
                    List<Reading> result = new ArrayList<>(rows.size());
                    for (Row row : rows) {
                        result.add(reading(row));
                    }
                    return result;
                });
    }

    /**
     * Each month's peak as its stored quarter-hours give it, oldest month first, for the months other than
     * {@code except} (those Fluvius sent a peak of its own for): a meter whose data came from quarter-hour files.
     */
    public Future<List<be.meterkast.domain.MonthlyPeak>> quarterHourPeaks(long meterId,
                                                                         List<java.time.YearMonth> except) {
        return client.preparedQuery(QUARTER_HOUR_PEAKS)
                .execute(Tuple.of(meterId, StorageCodes.direction(be.meterkast.domain.Direction.OFFTAKE),
                        StorageCodes.unit(be.meterkast.domain.Unit.KWH),
                        except.stream().map(month -> month.atDay(1)).toArray(java.time.LocalDate[]::new)))
                .map(rows -> Sql.list(rows, row -> new be.meterkast.domain.MonthlyPeak(
                        java.time.YearMonth.from(row.getLocalDate("month")), row.getBigDecimal("kilowatts"),
                        Sql.instant(row, "period_start"), Sql.instant(row, "period_end"))));
    }

    /** The end of the latest stored period, empty when the meter has no readings. */
    public Future<Optional<Instant>> lastPeriodEnd(long meterId) {
        return client.preparedQuery(LAST_END).execute(Tuple.of(meterId))
                .map(rows -> Optional.ofNullable(Sql.instant(rows.iterator().next(), "last_end")));
    }

    /** The start of the oldest stored whole (gas) day, empty when the meter has none. */
    public Future<Optional<Instant>> firstDayStart(long meterId) {
        return client.preparedQuery(FIRST_WHOLE_DAY).execute(Tuple.of(meterId))
                .map(rows -> Optional.ofNullable(Sql.instant(rows.iterator().next(), "first_start")));
    }

    /**
     * Refreshes the planner's statistics of the readings and their daily totals: after a bulk load into a fresh
     * database, before autovacuum gets to it, the planner would take both tables for empty.
     */
    public Future<Void> analyze() {
        return client.query("ANALYZE readings, daily_totals").execute().mapEmpty();
    }

    public Future<Long> count(long meterId) {
        return client.preparedQuery(COUNT).execute(Tuple.of(meterId))
                .map(rows -> rows.iterator().next().getLong("n"));
    }

    /** How many readings the household's meters hold: what deleting the household removes. */
    public Future<Long> countForHousehold(long householdId) {
        return client.preparedQuery(COUNT_FOR_HOUSEHOLD).execute(Tuple.of(householdId))
                .map(rows -> rows.iterator().next().getLong("n"));
    }

    static Reading reading(Row row) {
        return new Reading(Sql.instant(row, "period_start"), Sql.instant(row, "period_end"),
                StorageCodes.tariff(row.getShort("tariff")), StorageCodes.direction(row.getShort("direction")),
                StorageCodes.unit(row.getShort("unit")),
                row.getBigDecimal("value"), row.getBoolean("estimated"));
    }
}
