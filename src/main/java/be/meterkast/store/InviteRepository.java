package be.meterkast.store;

import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Invitations, found by the hash of their token ({@link InviteTokens#hash}). */
public final class InviteRepository {
    private static final String COLUMNS = "id, created_by, household_id, role, expires_at, used_at, used_by, created_at";

    private static final String INSERT = """
            INSERT INTO invites (token_hash, created_by, household_id, role, expires_at)
            VALUES ($1, $2, $3, $4, $5)
            RETURNING %s""".formatted(COLUMNS);
    private static final String USABLE = """
            SELECT %s FROM invites
            WHERE token_hash = $1 AND used_at IS NULL AND expires_at > $2""".formatted(COLUMNS);
    /** Atomic: of two people accepting the same invitation at once, one gets it. */
    private static final String REDEEM = """
            UPDATE invites SET used_at = $2, used_by = $3
            WHERE token_hash = $1 AND used_at IS NULL AND expires_at > $2
            RETURNING %s""".formatted(COLUMNS);
    private static final String DELETE = """
            DELETE FROM invites WHERE id = $1 AND created_by = $2""";
    private static final String DELETE_EXPIRED = """
            DELETE FROM invites WHERE used_at IS NULL AND expires_at <= $1""";

    private final SqlClient client;

    public InviteRepository(SqlClient client) {
        this.client = client;
    }

    /** {@code householdId} empty: an invitation to the portal only. */
    public Future<Invite> create(String tokenHash, long createdBy, Optional<Long> householdId, Role role, Instant expiresAt) {
        return client.preparedQuery(INSERT)
                .execute(Tuple.of(tokenHash, createdBy, householdId.orElse(null), role.dbValue(), Sql.time(expiresAt)))
                .map(rows -> invite(rows.iterator().next()));
    }

    /** The invitation when it exists, is unused and has not expired at {@code now}. */
    public Future<Optional<Invite>> findUsable(String tokenHash, Instant now) {
        return client.preparedQuery(USABLE).execute(Tuple.of(tokenHash, Sql.time(now)))
                .map(rows -> Sql.first(rows, InviteRepository::invite));
    }

    /** Marks the invitation used by {@code userId}; empty when it was not usable (any more). */
    public Future<Optional<Invite>> redeem(String tokenHash, long userId, Instant now) {
        return client.preparedQuery(REDEEM).execute(Tuple.of(tokenHash, Sql.time(now), userId))
                .map(rows -> Sql.first(rows, InviteRepository::invite));
    }



    /** Withdraws an invitation; only its creator may. Whether it was theirs and existed. */
    public Future<Boolean> delete(long inviteId, long createdBy) {
        return client.preparedQuery(DELETE).execute(Tuple.of(inviteId, createdBy))
                .map(rows -> rows.rowCount() == 1);
    }

    /** How many expired, unused invitations were removed. */
    public Future<Integer> deleteExpired(Instant now) {
        return client.preparedQuery(DELETE_EXPIRED).execute(Tuple.of(Sql.time(now)))
                .map(rows -> rows.rowCount());
    }

    private static Invite invite(Row row) {
        return new Invite(row.getLong("id"), row.getLong("created_by"), Optional.ofNullable(row.getLong("household_id")),
                Role.fromDb(row.getString("role")), Sql.instant(row, "expires_at"), Sql.optionalInstant(row, "used_at"),
                Optional.ofNullable(row.getLong("used_by")), Sql.instant(row, "created_at"));
    }
}
