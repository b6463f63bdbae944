package be.meterkast.app.users;

import static org.assertj.core.api.Assertions.assertThat;

import be.meterkast.store.Database;
import be.meterkast.store.DatabaseConfig;
import be.meterkast.store.PasswordHasher;
import be.meterkast.store.TestDatabases;
import be.meterkast.store.User;
import be.meterkast.store.UserRepository;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("Checking a password")
class PasswordCheckTest {
    /** Cheaper than today's parameters, as an older Meterkast might have stored. */
    private static final PasswordHasher OLD = new PasswordHasher(8 * 1024, 1, 1);

    @TempDir
    Path dataDirectory;

    private Vertx vertx;
    private TestDatabases.Fresh fresh;
    private Database database;
    private UserRepository users;
    private final PasswordHasher current = new PasswordHasher();

    @BeforeEach
    void start() {
        vertx = Vertx.vertx();
        fresh = TestDatabases.create();
        database = Database.start(vertx, DatabaseConfig.external(fresh.url(), dataDirectory)).await();
        users = new UserRepository(database.pool());
    }

    @AfterEach
    void stop() {
        database.close().await();
        vertx.close().await();
        TestDatabases.drop(fresh);
    }

    @Test
    @DisplayName("a right password under an older hash is re-hashed with today's parameters, sessions untouched")
    void rehashesOldHash() {
        User stored = users.create("oma", "Oma", OLD.hash("oma-password"), false).await();

        Optional<User> signedIn = new PasswordCheck(vertx, users, current).verify("oma", "oma-password").await();

        User after = users.findById(stored.id()).await().orElseThrow();
        assertThat(signedIn).isPresent();
        assertThat(after.passwordHash()).isNotEqualTo(stored.passwordHash());
        assertThat(current.needsRehash(after.passwordHash())).isFalse();
        assertThat(current.verify("oma-password", after.passwordHash())).isTrue();
        assertThat(after.sessionVersion()).as("no one is signed out").isEqualTo(stored.sessionVersion());
    }

    @Test
    @DisplayName("a wrong password changes nothing")
    void wrongPasswordKeepsHash() {
        User stored = users.create("oma", "Oma", OLD.hash("oma-password"), false).await();

        Optional<User> signedIn = new PasswordCheck(vertx, users, current).verify("oma", "wrong").await();

        assertThat(signedIn).isEmpty();
        assertThat(users.findById(stored.id()).await().orElseThrow().passwordHash()).isEqualTo(stored.passwordHash());
    }
}
