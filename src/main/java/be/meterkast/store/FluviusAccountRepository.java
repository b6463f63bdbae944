package be.meterkast.store;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Fluvius logins of households. Passwords and tokens are stored only as {@link SecretBox} ciphertexts bound
 * to their row ({@code fluvius_account:<id>:password}, {@code ...:tokens}); this class encrypts on the way in
 * and decrypts on request, so the binding is kept in one place.
 *
 * <p>Methods named {@code ...ForUser} check access in the query itself: they find nothing when the user is
 * not a member of the account's household.
 */
public final class FluviusAccountRepository {
    private static final String COLUMNS = """
            a.id, a.household_id, a.email, a.status, a.status_message, a.status_code, a.status_args, a.token_expires_at, a.next_attempt_at,
            a.failure_count, a.last_sign_in_at, a.created_at, a.sign_in_trace_at""";

    /** The id is taken first because the ciphertext's associated data names it. */
    private static final String NEXT_ID = """
            SELECT nextval(pg_get_serial_sequence('fluvius_accounts', 'id')) AS id""";
    private static final String INSERT = """
            INSERT INTO fluvius_accounts AS a (id, household_id, email, password_secret)
            VALUES ($1, $2, $3, $4)
            RETURNING %s""".formatted(COLUMNS);
    private static final String BY_ID = """
            SELECT %s FROM fluvius_accounts a WHERE a.id = $1""".formatted(COLUMNS);
    private static final String FOR_USER = """
            SELECT %s FROM fluvius_accounts a
            JOIN memberships m ON m.household_id = a.household_id AND m.user_id = $1
            WHERE a.id = $2""".formatted(COLUMNS);
    private static final String LIST_FOR_USER = """
            SELECT %s FROM fluvius_accounts a
            JOIN memberships m ON m.household_id = a.household_id AND m.user_id = $1
            ORDER BY a.household_id, lower(a.email)""".formatted(COLUMNS);
    private static final String FOR_HOUSEHOLD = """
            SELECT %s FROM fluvius_accounts a WHERE a.household_id = $1 ORDER BY lower(a.email)""".formatted(COLUMNS);
    private static final String ALL = """
            SELECT %s FROM fluvius_accounts a ORDER BY a.id""".formatted(COLUMNS);
    private static final String UPDATE_STATUS = """
            UPDATE fluvius_accounts SET status = $2, status_message = $3, next_attempt_at = $4, status_code = $5,
                status_args = $6
            WHERE id = $1""";
    private static final String MARK_LINKED = """
            UPDATE fluvius_accounts
            SET status = 'linked', status_message = NULL, status_code = NULL, status_args = '{}', next_attempt_at = NULL,
                failure_count = 0, last_sign_in_at = $2
            WHERE id = $1""";
    private static final String MARK_FAILED = """
            UPDATE fluvius_accounts
            SET status = $2, status_message = $3, next_attempt_at = $4, failure_count = failure_count + 1,
                status_code = $5, status_args = $6
            WHERE id = $1
            RETURNING failure_count""";
    private static final String STORE_TOKENS = """
            UPDATE fluvius_accounts SET tokens_secret = $2, token_expires_at = $3 WHERE id = $1""";
    /** A new password starts over: old tokens belong to the old sign-in. */
    private static final String UPDATE_PASSWORD = """
            UPDATE fluvius_accounts
            SET password_secret = $2, tokens_secret = NULL, token_expires_at = NULL, status = 'pending',
                status_message = NULL, status_code = NULL, status_args = '{}', next_attempt_at = NULL, failure_count = 0
            WHERE id = $1""";
    private static final String SECRETS = """
            SELECT password_secret, tokens_secret FROM fluvius_accounts WHERE id = $1""";
    private static final String STORE_TRACE = """
            UPDATE fluvius_accounts SET sign_in_trace = $2, sign_in_trace_at = $3 WHERE id = $1""";
    private static final String TRACE = """
            SELECT sign_in_trace FROM fluvius_accounts WHERE id = $1 AND sign_in_trace IS NOT NULL""";
    private static final String DELETE = """
            DELETE FROM fluvius_accounts WHERE id = $1""";

    private final SqlClient client;
    private final SecretBox secrets;

    public FluviusAccountRepository(SqlClient client, SecretBox secrets) {
        this.client = client;
        this.secrets = secrets;
    }

    /** The plaintext secrets of an account, for signing in to Fluvius. */
    public record Secrets(String password, Optional<StoredTokens> tokens) {
        @Override
        public String toString() {
            return "Secrets[password=***, tokens=" + tokens + "]";
        }
    }

    /**
     * The tokens of the latest sign-in or refresh, as stored: the store's own record, so the schema does not
     * follow the Fluvius client's types; the sync translates. {@code issuedAt} is null for tokens stored
     * before it was kept.
     */
    public record StoredTokens(String accessToken, String refreshToken, String idToken, String tokenType,
                               Instant expiresAt, Instant issuedAt) {
        public StoredTokens(String accessToken, String refreshToken, String idToken, String tokenType,
                            Instant expiresAt) {
            this(accessToken, refreshToken, idToken, tokenType, expiresAt, null);
        }

        @Override
        public String toString() {
            return "StoredTokens[accessToken=***, refreshToken=***, expiresAt=" + expiresAt + "]";
        }
    }

    public static String passwordContext(long accountId) {
        return "fluvius_account:" + accountId + ":password";
    }

    public static String tokensContext(long accountId) {
        return "fluvius_account:" + accountId + ":tokens";
    }

    /** A new account in status {@code pending}; fails with {@link DuplicateAccount} when the household has this e-mail already. */
    public Future<FluviusAccount> create(long householdId, String email, String password) {
        return client.preparedQuery(NEXT_ID).execute()
                .map(rows -> rows.iterator().next().getLong("id"))
                .compose(id -> client.preparedQuery(INSERT)
                        .execute(Tuple.of(id, householdId, email.trim(),
                                Buffer.buffer(secrets.encrypt(password, passwordContext(id))))))
                .map(rows -> account(rows.iterator().next()))
                .recover(failure -> Future.failedFuture(Sql.isUniqueViolation(failure)
                        ? new DuplicateAccount(householdId, email, failure) : failure));
    }

    /** Without access check: for the sync and administrators. */
    public Future<Optional<FluviusAccount>> findById(long accountId) {
        return client.preparedQuery(BY_ID).execute(Tuple.of(accountId))
                .map(rows -> Sql.first(rows, FluviusAccountRepository::account));
    }

    /** Empty when there is no such account or the user is not a member of its household. */
    public Future<Optional<FluviusAccount>> findForUser(long userId, long accountId) {
        return client.preparedQuery(FOR_USER).execute(Tuple.of(userId, accountId))
                .map(rows -> Sql.first(rows, FluviusAccountRepository::account));
    }

    /** Every account in the user's households, in one query. */
    public Future<List<FluviusAccount>> listForUser(long userId) {
        return client.preparedQuery(LIST_FOR_USER).execute(Tuple.of(userId))
                .map(rows -> Sql.list(rows, FluviusAccountRepository::account));
    }

    public Future<List<FluviusAccount>> listForHousehold(long householdId) {
        return client.preparedQuery(FOR_HOUSEHOLD).execute(Tuple.of(householdId))
                .map(rows -> Sql.list(rows, FluviusAccountRepository::account));
    }

    /** Every account, for the sync. */
    public Future<List<FluviusAccount>> all() {
        return client.preparedQuery(ALL).execute()
                .map(rows -> Sql.list(rows, FluviusAccountRepository::account));
    }

    /** Sets status, message and next attempt as given, leaving the failure count alone. */
    public Future<Boolean> updateStatus(long accountId, AccountStatus status, Optional<String> message,
                                        Optional<Instant> nextAttemptAt) {
        return updateStatusText(accountId, status, message.map(StatusText::plain), nextAttemptAt);
    }

    /** As {@link #updateStatus}, with the message's code and parameters. */
    public Future<Boolean> updateStatusText(long accountId, AccountStatus status, Optional<StatusText> message,
                                            Optional<Instant> nextAttemptAt) {
        return client.preparedQuery(UPDATE_STATUS)
                .execute(Tuple.of(accountId, status.dbValue(), message.map(StatusText::text).orElse(null),
                        Sql.time(nextAttemptAt.orElse(null)), message.flatMap(StatusText::code).orElse(null),
                        message.map(StatusText::argArray).orElse(new String[0])))
                .map(rows -> rows.rowCount() == 1);
    }

    /** A successful sign-in: status {@code linked}, failures forgotten. */
    public Future<Boolean> markLinked(long accountId, Instant signedInAt) {
        return client.preparedQuery(MARK_LINKED).execute(Tuple.of(accountId, Sql.time(signedInAt)))
                .map(rows -> rows.rowCount() == 1);
    }

    /** A failed sign-in or fetch; the failure count after it, empty when there is no such account. */
    public Future<Optional<Integer>> markFailed(long accountId, AccountStatus status, String message, Instant nextAttemptAt) {
        return markFailed(accountId, status, StatusText.plain(message), nextAttemptAt);
    }

    /** As {@link #markFailed(long, AccountStatus, String, Instant)}, with the message's code and parameters. */
    public Future<Optional<Integer>> markFailed(long accountId, AccountStatus status, StatusText message,
                                                Instant nextAttemptAt) {
        return client.preparedQuery(MARK_FAILED)
                .execute(Tuple.of(accountId, status.dbValue(), message.text(), Sql.time(nextAttemptAt),
                        message.code().orElse(null), message.argArray()))
                .map(rows -> Sql.first(rows, row -> row.getInteger("failure_count")));
    }

    /** Encrypts and stores the tokens of a sign-in or refresh. */
    public Future<Boolean> storeTokens(long accountId, StoredTokens tokens) {
        byte[] ciphertext = secrets.encrypt(tokensJson(tokens).encode(), tokensContext(accountId));
        return client.preparedQuery(STORE_TOKENS)
                .execute(Tuple.of(accountId, Buffer.buffer(ciphertext), Sql.time(tokens.expiresAt())))
                .map(rows -> rows.rowCount() == 1);
    }


    /** Stores a new password and puts the account back to {@code pending}. */
    public Future<Boolean> updatePassword(long accountId, String password) {
        return client.preparedQuery(UPDATE_PASSWORD)
                .execute(Tuple.of(accountId, Buffer.buffer(secrets.encrypt(password, passwordContext(accountId)))))
                .map(rows -> rows.rowCount() == 1);
    }

    /**
     * Decrypts password and tokens; empty when there is no such account. Fails with
     * {@link SecretBox.SecretUnreadable} when the key changed since they were stored.
     */
    public Future<Optional<Secrets>> secrets(long accountId) {
        return client.preparedQuery(SECRETS).execute(Tuple.of(accountId))
                .map(rows -> Sql.first(rows, row -> {
                    String password = secrets.decrypt(row.getBuffer("password_secret").getBytes(), passwordContext(accountId));
                    Optional<StoredTokens> tokens = Optional.ofNullable(row.getBuffer("tokens_secret"))
                            .map(buffer -> secrets.decrypt(buffer.getBytes(), tokensContext(accountId)))
                            .map(json -> tokens(new JsonObject(json)));
                    return new Secrets(password, tokens);
                }));
    }

    /** Keeps the redacted report of the account's latest sign-in, replacing the one before. */
    public Future<Boolean> storeSignInTrace(long accountId, String trace, Instant at) {
        return client.preparedQuery(STORE_TRACE).execute(Tuple.of(accountId, trace, Sql.time(at)))
                .map(rows -> rows.rowCount() == 1);
    }

    /** The latest sign-in's redacted report. Without access check: callers find the account for the user first. */
    public Future<Optional<String>> signInTrace(long accountId) {
        return client.preparedQuery(TRACE).execute(Tuple.of(accountId))
                .map(rows -> Sql.first(rows, row -> row.getString("sign_in_trace")));
    }

    /** Removes the account; its meters stay, unlinked, with their history. */
    public Future<Boolean> delete(long accountId) {
        return client.preparedQuery(DELETE).execute(Tuple.of(accountId))
                .map(rows -> rows.rowCount() == 1);
    }

    private static JsonObject tokensJson(StoredTokens tokens) {
        return new JsonObject()
                .put("accessToken", tokens.accessToken())
                .put("refreshToken", tokens.refreshToken())
                .put("idToken", tokens.idToken())
                .put("tokenType", tokens.tokenType())
                .put("expiresAt", tokens.expiresAt().toString())
                .put("issuedAt", tokens.issuedAt() == null ? null : tokens.issuedAt().toString());
    }

    private static StoredTokens tokens(JsonObject json) {
        return new StoredTokens(json.getString("accessToken"), json.getString("refreshToken"), json.getString("idToken"),
                json.getString("tokenType"), Instant.parse(json.getString("expiresAt")),
                json.getString("issuedAt") == null ? null : Instant.parse(json.getString("issuedAt")));
    }

    private static FluviusAccount account(Row row) {
        return new FluviusAccount(row.getLong("id"), row.getLong("household_id"), row.getString("email"),
                AccountStatus.fromDb(row.getString("status")),
                Optional.ofNullable(StatusText.fromColumns(row.getString("status_message"), row.getString("status_code"),
                        row.getArrayOfStrings("status_args"))),
                Sql.optionalInstant(row, "token_expires_at"), Sql.optionalInstant(row, "next_attempt_at"),
                row.getInteger("failure_count"), Sql.optionalInstant(row, "last_sign_in_at"),
                Sql.instant(row, "created_at"), Sql.optionalInstant(row, "sign_in_trace_at"));
    }
}
