package be.meterkast.store;

import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * The sync's shared state per Fluvius account ({@code account_sync}), which lets several instances on one
 * database work together: who runs the account's meters now (a claim with a lease end), the pause Fluvius
 * asked for, the pace of its requests and who is signing in. A claim or sign-in lease whose end has passed
 * is free: its instance died or lost the database.
 */
public final class AccountSyncRepository {
    /** Accounts created since the last scan get their row; existing rows are left alone. */
    private static final String ENSURE_ROWS = """
            INSERT INTO account_sync (account_id)
            SELECT a.id FROM fluvius_accounts a
            WHERE NOT EXISTS (SELECT 1 FROM account_sync s WHERE s.account_id = a.id)
            ON CONFLICT (account_id) DO NOTHING""";
    /**
     * Claims accounts with due work nobody holds: a meter due (never synced, or its next run has come), or an
     * unavailable account whose sign-in retry has come; never a paused account or one whose password Fluvius
     * refused. SKIP LOCKED: two instances scanning at once each get other accounts, without waiting.
     */
    private static final String CLAIM_DUE = """
            UPDATE account_sync c
            SET claimed_by = $1, claim_id = $2, claim_expires_at = $3
            WHERE c.account_id IN (
                SELECT s.account_id FROM account_sync s
                JOIN fluvius_accounts a ON a.id = s.account_id
                WHERE (s.claimed_by IS NULL OR s.claim_expires_at <= $4)
                  AND (s.paused_until IS NULL OR s.paused_until <= $4)
                  AND NOT (a.status = ANY ($5))
                  AND CASE WHEN a.status = $6 THEN a.next_attempt_at IS NULL OR a.next_attempt_at <= $4
                      ELSE EXISTS (SELECT 1 FROM meters mt LEFT JOIN meter_sync ms ON ms.meter_id = mt.id
                                   WHERE mt.account_id = a.id AND (ms.next_run_at IS NULL OR ms.next_run_at <= $4))
                      END
                ORDER BY s.account_id
                LIMIT $7
                FOR UPDATE OF s SKIP LOCKED)
            RETURNING c.account_id""";
    /** One account, whatever is due (refresh now, a new meter): only when nobody holds it. */
    private static final String CLAIM = """
            INSERT INTO account_sync AS s (account_id, claimed_by, claim_id, claim_expires_at)
            VALUES ($1, $2, $3, $4)
            ON CONFLICT (account_id) DO UPDATE
            SET claimed_by = excluded.claimed_by, claim_id = excluded.claim_id,
                claim_expires_at = excluded.claim_expires_at
            WHERE s.claimed_by IS NULL OR s.claim_expires_at <= $5
            RETURNING s.account_id""";
    private static final String RENEW = """
            UPDATE account_sync SET claim_expires_at = $4
            WHERE account_id = $1 AND claimed_by = $2 AND claim_id = $3
            RETURNING account_id""";
    private static final String RELEASE = """
            UPDATE account_sync SET claimed_by = NULL, claim_id = NULL, claim_expires_at = NULL
            WHERE account_id = $1 AND claimed_by = $2 AND claim_id = $3""";
    private static final String RELEASE_ALL = """
            UPDATE account_sync SET claimed_by = NULL, claim_id = NULL, claim_expires_at = NULL
            WHERE claimed_by = $1""";
    private static final String CLAIMANT = """
            SELECT claimed_by, claim_expires_at FROM account_sync WHERE account_id = $1""";
    private static final String PAUSE = """
            INSERT INTO account_sync AS s (account_id, paused_until) VALUES ($1, $2)
            ON CONFLICT (account_id) DO UPDATE
            SET paused_until = greatest(s.paused_until, excluded.paused_until)
            RETURNING s.paused_until""";
    private static final String LIFT_PAUSE = """
            UPDATE account_sync SET paused_until = NULL WHERE account_id = $1""";
    private static final String PAUSED_UNTIL = """
            SELECT paused_until FROM account_sync WHERE account_id = $1 AND paused_until > $2""";
    /**
     * The slot of the account's next request on the database's clock, shared by every instance: the later of
     * now and the slot after the previous request. Answers how long to wait for it and who holds the claim.
     */
    private static final String NEXT_REQUEST = """
            INSERT INTO account_sync AS s (account_id, next_request_at)
            VALUES ($1, clock_timestamp() + $2 * interval '1 microsecond')
            ON CONFLICT (account_id) DO UPDATE
            SET next_request_at = greatest(s.next_request_at, clock_timestamp()) + $2 * interval '1 microsecond'
            RETURNING greatest(0, ceil(extract(epoch FROM s.next_request_at - $2 * interval '1 microsecond'
                                                          - clock_timestamp()) * 1000))::bigint AS wait_ms,
                      s.claimed_by""";
    private static final String CLAIM_SIGN_IN = """
            INSERT INTO account_sync AS s (account_id, sign_in_by, sign_in_expires_at) VALUES ($1, $2, $3)
            ON CONFLICT (account_id) DO UPDATE
            SET sign_in_by = excluded.sign_in_by, sign_in_expires_at = excluded.sign_in_expires_at
            WHERE s.sign_in_by IS NULL OR s.sign_in_by = $2 OR s.sign_in_expires_at <= $4
            RETURNING s.account_id""";
    private static final String RELEASE_SIGN_IN = """
            UPDATE account_sync SET sign_in_by = NULL, sign_in_expires_at = NULL
            WHERE account_id = $1 AND sign_in_by = $2""";

    /** Who holds an account's claim, and until when. */
    public record Claimant(String instance, Instant expiresAt) {
    }

    /** How long the next request must wait, and which instance holds the account's claim (empty: none). */
    public record RequestSlot(Duration delay, Optional<String> claimedBy) {
    }

    private final SqlClient client;

    public AccountSyncRepository(SqlClient client) {
        this.client = client;
    }

    /**
     * Claims up to {@code limit} accounts with due work for {@code instance} until {@code expiresAt};
     * {@code blocked} are the statuses whose stored password is never used.
     */
    public Future<List<Long>> claimDue(String instance, long claimId, Instant now, Instant expiresAt,
                                       Collection<AccountStatus> blocked, int limit) {
        String[] blockedValues = blocked.stream().map(AccountStatus::dbValue).toArray(String[]::new);
        return client.query(ENSURE_ROWS).execute().compose(ensured -> client.preparedQuery(CLAIM_DUE)
                .execute(Tuple.of(instance, claimId, Sql.time(expiresAt), Sql.time(now), blockedValues,
                        AccountStatus.UNAVAILABLE.dbValue(), limit))
                .map(rows -> Sql.list(rows, row -> row.getLong("account_id"))));
    }

    /** Claims the account when nobody holds it (or the holder's lease has ended); false when somebody does. */
    public Future<Boolean> claim(long accountId, String instance, long claimId, Instant now, Instant expiresAt) {
        return client.preparedQuery(CLAIM)
                .execute(Tuple.of(accountId, instance, claimId, Sql.time(expiresAt), Sql.time(now)))
                .map(rows -> rows.size() > 0);
    }

    /** Moves the lease end of a claim this instance holds; false when the claim is no longer its own. */
    public Future<Boolean> renew(long accountId, String instance, long claimId, Instant expiresAt) {
        return client.preparedQuery(RENEW).execute(Tuple.of(accountId, instance, claimId, Sql.time(expiresAt)))
                .map(rows -> rows.size() > 0);
    }

    public Future<Void> release(long accountId, String instance, long claimId) {
        return client.preparedQuery(RELEASE).execute(Tuple.of(accountId, instance, claimId)).mapEmpty();
    }

    /** Every claim of the instance (it is stopping): other instances may take the accounts at once. */
    public Future<Void> releaseAll(String instance) {
        return client.preparedQuery(RELEASE_ALL).execute(Tuple.of(instance)).mapEmpty();
    }

    /** Who holds the account's claim; empty when nobody does or the lease has ended by {@code now}. */
    public Future<Optional<Claimant>> claimant(long accountId, Instant now) {
        return client.preparedQuery(CLAIMANT).execute(Tuple.of(accountId)).map(rows -> Sql.first(rows, row ->
                        Optional.ofNullable(row.getString("claimed_by"))
                                .map(instance -> new Claimant(instance, Sql.instant(row, "claim_expires_at"))))
                .flatMap(claimant -> claimant)
                .filter(claimant -> claimant.expiresAt().isAfter(now)));
    }

    /** Pauses the account until {@code until}, unless it is paused for longer already; answers the pause's end. */
    public Future<Instant> pause(long accountId, Instant until) {
        return client.preparedQuery(PAUSE).execute(Tuple.of(accountId, Sql.time(until)))
                .map(rows -> Sql.instant(rows.iterator().next(), "paused_until"));
    }

    public Future<Void> liftPause(long accountId) {
        return client.preparedQuery(LIFT_PAUSE).execute(Tuple.of(accountId)).mapEmpty();
    }

    /** The end of the account's pause, when it is paused at {@code now}. */
    public Future<Optional<Instant>> pausedUntil(long accountId, Instant now) {
        return client.preparedQuery(PAUSED_UNTIL).execute(Tuple.of(accountId, Sql.time(now)))
                .map(rows -> Sql.first(rows, row -> Sql.instant(row, "paused_until")));
    }

    /** Takes the account's next request slot, {@code spacing} after the one before. */
    public Future<RequestSlot> nextRequest(long accountId, Duration spacing) {
        long micros = spacing.toNanos() / 1000;
        return client.preparedQuery(NEXT_REQUEST).execute(Tuple.of(accountId, micros)).map(rows -> {
            Row row = rows.iterator().next();
            return new RequestSlot(Duration.ofMillis(row.getLong("wait_ms")),
                    Optional.ofNullable(row.getString("claimed_by")));
        });
    }

    /**
     * Takes the account's sign-in lease for {@code instance} until {@code expiresAt}: false while another
     * instance holds one that has not ended by {@code now}.
     */
    public Future<Boolean> claimSignIn(long accountId, String instance, Instant now, Instant expiresAt) {
        return client.preparedQuery(CLAIM_SIGN_IN)
                .execute(Tuple.of(accountId, instance, Sql.time(expiresAt), Sql.time(now)))
                .map(rows -> rows.size() > 0);
    }

    public Future<Void> releaseSignIn(long accountId, String instance) {
        return client.preparedQuery(RELEASE_SIGN_IN).execute(Tuple.of(accountId, instance)).mapEmpty();
    }
}
