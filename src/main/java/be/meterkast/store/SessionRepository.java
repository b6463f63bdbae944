package be.meterkast.store;

import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;

import java.security.SecureRandom;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Optional;

/** The session-signing key and the sessions ended early (logout). */
public final class SessionRepository {
    static final String SESSION_KEY = "session-signing-key";

    private static final String FIND_SECRET = """
            SELECT secret FROM instance_secrets WHERE name = $1""";
    private static final String INSERT_SECRET = """
            INSERT INTO instance_secrets (name, secret) VALUES ($1, $2)
            ON CONFLICT (name) DO NOTHING""";
    private static final String REVOKE = """
            INSERT INTO revoked_sessions (token_id, user_id, expires_at) VALUES ($1, $2, $3)
            ON CONFLICT (token_id) DO NOTHING""";
    /** The user a session belongs to, unless the session was ended; one round trip per request. */
    private static final String SESSION_USER = """
            SELECT u.id, u.username, u.display_name, u.password_hash, u.is_admin, u.locale, u.session_version,
                   u.created_at,
                   EXISTS (SELECT 1 FROM revoked_sessions r WHERE r.token_id = $2) AS revoked
            FROM users u WHERE u.id = $1""";
    private static final String PURGE = """
            DELETE FROM revoked_sessions WHERE expires_at < $1""";

    private final SqlClient client;
    private final SecretBox secrets;

    public SessionRepository(SqlClient client, SecretBox secrets) {
        this.client = client;
        this.secrets = secrets;
    }

    /**
     * The key that signs session tokens, made on first use. Kept in the database (encrypted) so that every
     * instance on the same database, and a restored backup, accept the same sessions.
     */
    public Future<String> sessionKey() {
        return findKey().compose(found -> {
            if (found.isPresent()) {
                return Future.succeededFuture(found.get());
            }
            byte[] raw = new byte[32];
            new SecureRandom().nextBytes(raw);
            String key = Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
            byte[] sealed = secrets.encrypt(key, "instance_secret:" + SESSION_KEY);
            return client.preparedQuery(INSERT_SECRET).execute(Tuple.of(SESSION_KEY, io.vertx.core.buffer.Buffer.buffer(sealed)))
                    // Two instances starting together: whoever inserted first wins, both read that one.
                    .compose(ignored -> findKey()).map(Optional::orElseThrow);
        });
    }

    private Future<Optional<String>> findKey() {
        return client.preparedQuery(FIND_SECRET).execute(Tuple.of(SESSION_KEY)).map(rows -> {
            if (rows.size() == 0) {
                return Optional.empty();
            }
            byte[] sealed = rows.iterator().next().getBuffer("secret").getBytes();
            return Optional.of(secrets.decrypt(sealed, "instance_secret:" + SESSION_KEY));
        });
    }

    public Future<Void> revoke(String tokenId, long userId, Instant expiresAt) {
        return client.preparedQuery(REVOKE)
                .execute(Tuple.of(tokenId, userId, expiresAt.atOffset(ZoneOffset.UTC)))
                .mapEmpty();
    }

    /** The session's user, or empty when the user is gone or this session was ended. */
    public Future<Optional<User>> sessionUser(long userId, String tokenId) {
        return client.preparedQuery(SESSION_USER).execute(Tuple.of(userId, tokenId)).map(rows -> {
            if (rows.size() == 0) {
                return Optional.empty();
            }
            Row row = rows.iterator().next();
            return row.getBoolean("revoked") ? Optional.<User>empty() : Optional.of(UserRepository.user(row));
        });
    }

    public Future<Integer> purgeExpired(Instant now) {
        return client.preparedQuery(PURGE).execute(Tuple.of(now.atOffset(ZoneOffset.UTC))).map(rows -> rows.rowCount());
    }
}
