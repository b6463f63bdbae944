package be.meterkast.store;

import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/** Sync state per meter. A meter without a row has never been synced and is due at once. */
public final class MeterSyncRepository {
    private static final String COLUMNS = """
            backfill_done, backfill_cursor, backfill_newest, last_success_at, last_error, last_error_code, last_error_args,
            next_run_at, progress_done, progress_total""";

    private static final String GET = """
            SELECT meter_id, %s FROM meter_sync WHERE meter_id = $1""".formatted(COLUMNS);
    private static final String SAVE_PROGRESS = """
            INSERT INTO meter_sync (meter_id, backfill_done, backfill_cursor, backfill_newest, progress_done,
                                    progress_total)
            VALUES ($1, $2, $3, $4, $5, $6)
            ON CONFLICT (meter_id) DO UPDATE
            SET backfill_done = excluded.backfill_done, backfill_cursor = excluded.backfill_cursor,
                backfill_newest = excluded.backfill_newest, progress_done = excluded.progress_done,
                progress_total = excluded.progress_total,
                -- a step saved is progress: it ends the meter's row of failures
                failures_in_a_row = 0, failing_since = NULL""";
    private static final String RECORD_SUCCESS = """
            INSERT INTO meter_sync (meter_id, last_success_at, last_error, next_run_at)
            VALUES ($1, $2, NULL, $3)
            ON CONFLICT (meter_id) DO UPDATE
            SET last_success_at = excluded.last_success_at, last_error = NULL, last_error_code = NULL,
                last_error_args = '{}', next_run_at = excluded.next_run_at,
                failures_in_a_row = 0, failing_since = NULL, runs_finished = meter_sync.runs_finished + 1""";
    private static final String RECORD_ERROR = """
            INSERT INTO meter_sync (meter_id, last_error, next_run_at, last_error_code, last_error_args)
            VALUES ($1, $2, $3, $4, $5)
            ON CONFLICT (meter_id) DO UPDATE
            SET last_error = excluded.last_error, next_run_at = excluded.next_run_at,
                last_error_code = excluded.last_error_code, last_error_args = excluded.last_error_args,
                runs_finished = meter_sync.runs_finished + 1""";
    /** One more failure in the meter's row: how many now, and since when. */
    private static final String COUNT_FAILURE = """
            INSERT INTO meter_sync AS s (meter_id, failures_in_a_row, failing_since) VALUES ($1, 1, $2)
            ON CONFLICT (meter_id) DO UPDATE
            SET failures_in_a_row = s.failures_in_a_row + 1, failing_since = coalesce(s.failing_since, $2)
            RETURNING s.failures_in_a_row, s.failing_since""";
    /** A new password: the account's meters start their backoff afresh and are due at once. */
    private static final String ACCOUNT_DUE_AFRESH = """
            UPDATE meter_sync SET next_run_at = $2, failures_in_a_row = 0, failing_since = NULL
            WHERE meter_id IN (SELECT id FROM meters WHERE account_id = $1)""";
    /**
     * Due now at the latest, unless a run has ended since the caller looked ($3 runs then): that run is the one
     * it asked for. A meter without a row is due already.
     */
    private static final String MARK_DUE = """
            UPDATE meter_sync SET next_run_at = least(coalesce(next_run_at, $2), $2)
            WHERE meter_id = $1 AND runs_finished = $3""";
    private static final String DUE_FOR_ACCOUNT = """
            SELECT mt.id FROM meters mt
            LEFT JOIN meter_sync s ON s.meter_id = mt.id
            WHERE mt.account_id = $1 AND (s.next_run_at IS NULL OR s.next_run_at <= $2)
            ORDER BY s.next_run_at NULLS FIRST, mt.id""";
    private static final String RUNS_FINISHED = """
            SELECT runs_finished FROM meter_sync WHERE meter_id = $1""";
    /** Meters never synced have no row yet: the outer join makes them due. */
    private static final String DUE = """
            SELECT mt.id AS meter_id, coalesce(s.backfill_done, false) AS backfill_done, s.backfill_cursor,
                   s.backfill_newest,
                   s.last_success_at, s.last_error, s.last_error_code, s.last_error_args, s.next_run_at,
                   coalesce(s.progress_done, 0) AS progress_done, coalesce(s.progress_total, 0) AS progress_total
            FROM meters mt
            LEFT JOIN meter_sync s ON s.meter_id = mt.id
            WHERE s.next_run_at IS NULL OR s.next_run_at <= $1
            ORDER BY s.next_run_at NULLS FIRST, mt.id""";

    private static final String FOR_USER = """
            SELECT s.meter_id, %s FROM meter_sync s
            JOIN meters mt ON mt.id = s.meter_id
            JOIN memberships m ON m.household_id = mt.household_id AND m.user_id = $1""".formatted(COLUMNS);

    /** Every meter with its last successful sync (null when it never had one), for the sync-lag gauge. */
    private static final String LAST_SUCCESSES = """
            SELECT mt.id AS meter_id, s.last_success_at
            FROM meters mt
            LEFT JOIN meter_sync s ON s.meter_id = mt.id
            ORDER BY mt.id""";

    private final SqlClient client;

    public MeterSyncRepository(SqlClient client) {
        this.client = client;
    }

    /** The meter's state; {@link MeterSync#initial} when it was never synced. */
    public Future<MeterSync> get(long meterId) {
        return client.preparedQuery(GET).execute(Tuple.of(meterId))
                .map(rows -> Sql.first(rows, MeterSyncRepository::sync).orElse(MeterSync.initial(meterId)));
    }

    /** Sync state of every meter the user can see, by meter id; meters never synced are absent. */
    public Future<java.util.Map<Long, MeterSync>> forUser(long userId) {
        return client.preparedQuery(FOR_USER).execute(Tuple.of(userId)).map(rows -> {
            java.util.Map<Long, MeterSync> byMeter = new java.util.HashMap<>();
            for (Row row : rows) {
                MeterSync sync = sync(row);
                byMeter.put(sync.meterId(), sync);
            }
            return byMeter;
        });
    }

    /**
     * How far the backfill got: the oldest and the newest day it has read (empty when done or not started)
     * and a progress count. A step saved ends the meter's row of failures.
     */
    public Future<Void> saveProgress(long meterId, boolean backfillDone, Optional<LocalDate> backfillCursor,
                                     Optional<LocalDate> backfillNewest, int progressDone, int progressTotal) {
        return client.preparedQuery(SAVE_PROGRESS)
                .execute(Tuple.of(meterId, backfillDone, backfillCursor.orElse(null), backfillNewest.orElse(null),
                        progressDone, progressTotal))
                .mapEmpty();
    }

    /** A run that succeeded: clears the last error. */
    public Future<Void> recordSuccess(long meterId, Instant at, Instant nextRunAt) {
        return client.preparedQuery(RECORD_SUCCESS).execute(Tuple.of(meterId, Sql.time(at), Sql.time(nextRunAt)))
                .mapEmpty();
    }

    /** A run that failed: keeps the last success, so pages can say how old the data is. */
    public Future<Void> recordError(long meterId, String error, Instant nextRunAt) {
        return recordError(meterId, StatusText.plain(error), nextRunAt);
    }

    /** As {@link #recordError(long, String, Instant)}, with the error's code and parameters. */
    public Future<Void> recordError(long meterId, StatusText error, Instant nextRunAt) {
        return client.preparedQuery(RECORD_ERROR).execute(Tuple.of(meterId, error.text(), Sql.time(nextRunAt),
                        error.code().orElse(null), error.argArray()))
                .mapEmpty();
    }

    /** Meters whose next run is at or before {@code now}, never-synced ones first. */
    public Future<List<MeterSync>> due(Instant now) {
        return client.preparedQuery(DUE).execute(Tuple.of(Sql.time(now)))
                .map(rows -> Sql.list(rows, MeterSyncRepository::sync));
    }

    /** How long the meter has been failing: the count includes the failure being recorded. */
    public record FailureRow(int failuresInARow, Instant failingSince) {
    }

    /** Counts one more failure of the meter (a step saved or a run that worked ends the row). */
    public Future<FailureRow> countFailure(long meterId, Instant now) {
        return client.preparedQuery(COUNT_FAILURE).execute(Tuple.of(meterId, Sql.time(now))).map(rows -> {
            Row row = rows.iterator().next();
            return new FailureRow(row.getInteger("failures_in_a_row"), Sql.instant(row, "failing_since"));
        });
    }

    /** Every meter of the account due at {@code now}, its backoff started afresh. */
    public Future<Void> accountDueAfresh(long accountId, Instant now) {
        return client.preparedQuery(ACCOUNT_DUE_AFRESH).execute(Tuple.of(accountId, Sql.time(now))).mapEmpty();
    }

    /**
     * The meter is due at {@code now} at the latest ("refresh now" asked while another instance holds its
     * account), unless a run has ended since it had {@code runsFinished} ({@link #runsFinished}).
     */
    public Future<Void> markDue(long meterId, Instant now, long runsFinished) {
        return client.preparedQuery(MARK_DUE).execute(Tuple.of(meterId, Sql.time(now), runsFinished)).mapEmpty();
    }

    /** The account's meters due at {@code now}, never-synced ones first. */
    public Future<List<Long>> dueForAccount(long accountId, Instant now) {
        return client.preparedQuery(DUE_FOR_ACCOUNT).execute(Tuple.of(accountId, Sql.time(now)))
                .map(rows -> Sql.list(rows, row -> row.getLong("id")));
    }

    /** How many runs of the meter have ended (with success or error); 0 for a meter never synced. */
    public Future<Long> runsFinished(long meterId) {
        return client.preparedQuery(RUNS_FINISHED).execute(Tuple.of(meterId))
                .map(rows -> Sql.first(rows, row -> row.getLong("runs_finished")).orElse(0L));
    }

    private static MeterSync sync(Row row) {
        return new MeterSync(row.getLong("meter_id"), row.getBoolean("backfill_done"),
                Optional.ofNullable(row.getLocalDate("backfill_cursor")),
                Optional.ofNullable(row.getLocalDate("backfill_newest")), Sql.optionalInstant(row, "last_success_at"),
                Optional.ofNullable(StatusText.fromColumns(row.getString("last_error"), row.getString("last_error_code"),
                        row.getArrayOfStrings("last_error_args"))), Sql.optionalInstant(row, "next_run_at"),
                row.getInteger("progress_done"), row.getInteger("progress_total"));
    }

    /** Meter id → last successful sync, empty for meters never synced successfully. */
    public Future<java.util.Map<Long, Optional<Instant>>> lastSuccesses() {
        return client.query(LAST_SUCCESSES).execute().map(rows -> {
            java.util.Map<Long, Optional<Instant>> result = new java.util.LinkedHashMap<>();
            for (Row row : rows) {
                result.put(row.getLong("meter_id"), Sql.optionalInstant(row, "last_success_at"));
            }
            return result;
        });
    }
}
