package be.meterkast.store;

import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;

import java.util.List;
import java.util.Optional;

/**
 * Portal users. Like every repository, it works on any {@link SqlClient}: the pool, or a connection of
 * {@code pool.withTransaction(...)} when several writes must succeed together. Password hashes come from
 * {@link PasswordHasher}; this class never sees a password.
 */
public final class UserRepository {
    private static final String COLUMNS = "id, username, display_name, password_hash, is_admin, locale, session_version, created_at";

    private static final String INSERT = """
            INSERT INTO users (username, display_name, password_hash, is_admin)
            VALUES ($1, $2, $3, $4)
            RETURNING %s""".formatted(COLUMNS);
    private static final String BY_USERNAME = """
            SELECT %s FROM users WHERE lower(username) = lower($1)""".formatted(COLUMNS);
    private static final String BY_ID = """
            SELECT %s FROM users WHERE id = $1""".formatted(COLUMNS);
    private static final String COUNT = """
            SELECT count(*) AS n FROM users""";
    private static final String LIST = """
            SELECT %s FROM users ORDER BY lower(username)""".formatted(COLUMNS);
    /** A new password ends every session issued before it. */
    /** Same password, stronger hash: sessions stay valid, and a password changed meanwhile is not overwritten. */
    private static final String REHASH = """
            UPDATE users SET password_hash = $3 WHERE id = $1 AND password_hash = $2""";
    private static final String UPDATE_PASSWORD = """
            UPDATE users SET password_hash = $2, session_version = session_version + 1
            WHERE id = $1
            RETURNING session_version""";
    private static final String SET_LOCALE = """
            UPDATE users SET locale = $2 WHERE id = $1""";
    private static final String DELETE = """
            DELETE FROM users WHERE id = $1""";

    private final SqlClient client;

    public UserRepository(SqlClient client) {
        this.client = client;
    }

    /** Fails with {@link DuplicateUsername} when the name is taken, whatever its case. */
    public Future<User> create(String username, String displayName, String passwordHash, boolean admin) {
        return client.preparedQuery(INSERT)
                .execute(Tuple.of(username.trim(), displayName, passwordHash, admin))
                .map(rows -> rows.iterator().next())
                .map(UserRepository::user)
                .recover(failure -> Future.failedFuture(
                        Sql.isUniqueViolation(failure) ? new DuplicateUsername(username, failure) : failure));
    }

    /** Case-insensitive, as people type their name at sign-in. */
    public Future<Optional<User>> findByUsername(String username) {
        return client.preparedQuery(BY_USERNAME).execute(Tuple.of(username.trim()))
                .map(rows -> Sql.first(rows, UserRepository::user));
    }

    public Future<Optional<User>> findById(long id) {
        return client.preparedQuery(BY_ID).execute(Tuple.of(id))
                .map(rows -> Sql.first(rows, UserRepository::user));
    }

    /** Zero on a fresh install: the first user to sign up becomes the administrator. */
    public Future<Long> count() {
        return client.preparedQuery(COUNT).execute()
                .map(rows -> rows.iterator().next().getLong("n"));
    }

    public Future<List<User>> list() {
        return client.preparedQuery(LIST).execute()
                .map(rows -> Sql.list(rows, UserRepository::user));
    }

    /** Stores a new hash and revokes all sessions; the new session version, empty when there is no such user. */
    public Future<Optional<Integer>> updatePassword(long id, String passwordHash) {
        return client.preparedQuery(UPDATE_PASSWORD).execute(Tuple.of(id, passwordHash))
                .map(rows -> Sql.first(rows, row -> row.getInteger("session_version")));
    }


    /** Whether the user existed. */
    /** Replaces {@code oldHash} by {@code newHash} of the same password; false when the hash changed meanwhile. */
    public Future<Boolean> rehash(long id, String oldHash, String newHash) {
        return client.preparedQuery(REHASH).execute(Tuple.of(id, oldHash, newHash)).map(rows -> rows.rowCount() == 1);
    }

    public Future<Boolean> setLocale(long id, String locale) {
        return client.preparedQuery(SET_LOCALE).execute(Tuple.of(id, locale))
                .map(rows -> rows.rowCount() == 1);
    }


    /** Whether the user existed; memberships and invites they made go with them. */
    public Future<Boolean> delete(long id) {
        return client.preparedQuery(DELETE).execute(Tuple.of(id))
                .map(rows -> rows.rowCount() == 1);
    }

    static User user(Row row) {
        return new User(row.getLong("id"), row.getString("username"), row.getString("display_name"),
                row.getString("password_hash"), row.getBoolean("is_admin"), row.getString("locale"),
                row.getInteger("session_version"), Sql.instant(row, "created_at"));
    }
}
