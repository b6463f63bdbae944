package be.meterkast.store;

import be.meterkast.domain.MeterKind;
import be.meterkast.domain.MeterRef;
import be.meterkast.domain.Unit;
import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;

import java.util.List;
import java.util.Optional;

/**
 * Meters of households. Methods named {@code ...ForUser} check access in the query: they see only meters of
 * households the user belongs to.
 */
public final class MeterRepository {
    private static final String COLUMNS = """
            mt.id, mt.household_id, mt.account_id, mt.ean, mt.serial, mt.kind, mt.label, mt.gas_unit, mt.created_at,
            mt.files_only""";

    /** Inserts nothing when the account belongs to another household. */
    private static final String INSERT = """
            INSERT INTO meters AS mt (household_id, account_id, ean, serial, kind, label, gas_unit, files_only)
            SELECT $1::bigint, $2::bigint, $3::text, $4::text, $5::text, $6::text, $7::text, $2::bigint IS NULL
            WHERE $2::bigint IS NULL
               OR EXISTS (SELECT 1 FROM fluvius_accounts a WHERE a.id = $2 AND a.household_id = $1)
            RETURNING %s""".formatted(COLUMNS);
    private static final String BY_ID = """
            SELECT %s FROM meters mt WHERE mt.id = $1""".formatted(COLUMNS);
    private static final String FOR_USER = """
            SELECT %s FROM meters mt
            JOIN memberships m ON m.household_id = mt.household_id AND m.user_id = $1
            WHERE mt.id = $2""".formatted(COLUMNS);
    private static final String LIST_FOR_USER = """
            SELECT %s FROM meters mt
            JOIN memberships m ON m.household_id = mt.household_id AND m.user_id = $1
            ORDER BY mt.household_id, lower(mt.label), mt.id""".formatted(COLUMNS);
    private static final String LIST_FOR_HOUSEHOLD = """
            SELECT %s FROM meters mt WHERE mt.household_id = $1 ORDER BY lower(mt.label), mt.id""".formatted(COLUMNS);
    private static final String LIST_FOR_ACCOUNT = """
            SELECT %s FROM meters mt WHERE mt.account_id = $1 ORDER BY mt.id""".formatted(COLUMNS);
    private static final String ALL = """
            SELECT %s FROM meters mt ORDER BY mt.id""".formatted(COLUMNS);
    private static final String DELETE = """
            DELETE FROM meters WHERE id = $1""";

    private final SqlClient client;

    public MeterRepository(SqlClient client) {
        this.client = client;
    }

    /**
     * Fails with {@link DuplicateMeter} when the household has this EAN already, and with
     * {@link IllegalArgumentException} when the account belongs to another household. {@code gasUnit} only for gas.
     */
    public Future<Meter> create(long householdId, Optional<Long> accountId, MeterRef ref, MeterKind kind, String label,
                                Optional<Unit> gasUnit) {
        Tuple params = Tuple.of(householdId, accountId.orElse(null), ref.ean(), ref.serial(), StorageCodes.kind(kind),
                label, gasUnit.map(StorageCodes::gasUnit).orElse(null));
        return client.preparedQuery(INSERT).execute(params)
                .recover(failure -> Future.failedFuture(Sql.isUniqueViolation(failure)
                        ? new DuplicateMeter(householdId, ref.ean(), failure) : failure))
                .map(rows -> Sql.first(rows, MeterRepository::meter).orElseThrow(() -> new IllegalArgumentException(
                        "Fluvius account " + accountId.orElseThrow() + " does not belong to household " + householdId)));
    }

    /** Without access check: for the sync. */
    public Future<Optional<Meter>> findById(long meterId) {
        return client.preparedQuery(BY_ID).execute(Tuple.of(meterId))
                .map(rows -> Sql.first(rows, MeterRepository::meter));
    }

    /** Empty when there is no such meter or the user is not a member of its household. */
    public Future<Optional<Meter>> findForUser(long userId, long meterId) {
        return client.preparedQuery(FOR_USER).execute(Tuple.of(userId, meterId))
                .map(rows -> Sql.first(rows, MeterRepository::meter));
    }

    /** The meters of all households the user belongs to. */
    public Future<List<Meter>> listForUser(long userId) {
        return client.preparedQuery(LIST_FOR_USER).execute(Tuple.of(userId))
                .map(rows -> Sql.list(rows, MeterRepository::meter));
    }

    public Future<List<Meter>> listForHousehold(long householdId) {
        return client.preparedQuery(LIST_FOR_HOUSEHOLD).execute(Tuple.of(householdId))
                .map(rows -> Sql.list(rows, MeterRepository::meter));
    }

    public Future<List<Meter>> listForAccount(long accountId) {
        return client.preparedQuery(LIST_FOR_ACCOUNT).execute(Tuple.of(accountId))
                .map(rows -> Sql.list(rows, MeterRepository::meter));
    }

    public Future<List<Meter>> all() {
        return client.preparedQuery(ALL).execute()
                .map(rows -> Sql.list(rows, MeterRepository::meter));
    }


    /** Removes the meter with its readings, peaks and sync state. */
    public Future<Boolean> delete(long meterId) {
        return client.preparedQuery(DELETE).execute(Tuple.of(meterId))
                .map(rows -> rows.rowCount() == 1);
    }

    private static Meter meter(Row row) {
        return new Meter(row.getLong("id"), row.getLong("household_id"), Optional.ofNullable(row.getLong("account_id")),
                row.getString("ean"), row.getString("serial"), StorageCodes.kind(row.getString("kind")),
                row.getString("label"), Optional.ofNullable(row.getString("gas_unit")).map(StorageCodes::gasUnit),
                Sql.instant(row, "created_at"), row.getBoolean("files_only"));
    }
}
