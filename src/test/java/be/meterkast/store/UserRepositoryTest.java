package be.meterkast.store;

import io.vertx.junit5.VertxTestContext;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class UserRepositoryTest extends DatabaseTestBase {
    private UserRepository users;

    @BeforeEach
    void repository() {
        users = new UserRepository(pool);
    }

    @Test
    @DisplayName("A user is found by username whatever its case; a new one has no language yet and follows the browser")
    void findByUsernameIgnoresCase(VertxTestContext context) {
        String name = "Marie" + Seed.unique();
        users.create(name, "Marie", Seed.SOME_HASH, false)
                .compose(created -> users.findByUsername(name.toUpperCase()))
                .onComplete(context.succeeding(found -> context.verify(() -> {
                    assertThat(found).map(User::username).contains(name);
                    assertThat(found.map(User::locale)).isEmpty();
                    assertThat(found).map(User::sessionVersion).contains(1);
                    context.completeNow();
                })));
    }

    @Test
    @DisplayName("A username taken in another case fails with DuplicateUsername")
    void duplicateUsernameIgnoresCase(VertxTestContext context) {
        String name = "jan" + Seed.unique();
        users.create(name, "Jan", Seed.SOME_HASH, false)
                .compose(created -> users.create(name.toUpperCase(), "Other Jan", Seed.SOME_HASH, false))
                .onComplete(context.failing(failure -> context.verify(() -> {
                    assertThat(failure).isInstanceOf(DuplicateUsername.class);
                    context.completeNow();
                })));
    }

    @Test
    @DisplayName("Changing the password bumps the session version, revoking older sessions")
    void updatePasswordBumpsSessionVersion(VertxTestContext context) {
        seed.user()
                .compose(user -> users.updatePassword(user.id(), "$argon2id$new")
                        .compose(version -> users.findById(user.id())))
                .onComplete(context.succeeding(found -> context.verify(() -> {
                    assertThat(found).map(User::sessionVersion).contains(2);
                    assertThat(found).map(User::passwordHash).contains("$argon2id$new");
                    context.completeNow();
                })));
    }

    @Test
    @DisplayName("The locale a user picks is stored")
    void setLocale(VertxTestContext context) {
        seed.user()
                .compose(user -> users.setLocale(user.id(), "fr-BE").compose(updated -> users.findById(user.id())))
                .onComplete(context.succeeding(found -> context.verify(() -> {
                    assertThat(found).map(User::locale).contains("fr-BE");
                    context.completeNow();
                })));
    }

    @Test
    @DisplayName("A deleted user is gone, and deleting again reports nothing deleted")
    void delete(VertxTestContext context) {
        seed.user()
                .compose(user -> users.delete(user.id())
                        .compose(first -> users.delete(user.id()).map(second -> new boolean[]{first, second}))
                        .compose(results -> users.findById(user.id()).map(found -> {
                            assertThat(found).isEmpty();
                            return results;
                        })))
                .onComplete(context.succeeding(results -> context.verify(() -> {
                    assertThat(results).containsExactly(true, false);
                    context.completeNow();
                })));
    }

    @Test
    @DisplayName("count grows by one with each new user")
    void count(VertxTestContext context) {
        users.count()
                .compose(before -> seed.user().compose(user -> users.count()).map(after -> after - before))
                .onComplete(context.succeeding(growth -> context.verify(() -> {
                    assertThat(growth).isEqualTo(1L);
                    context.completeNow();
                })));
    }

    @Test
    @DisplayName("toString of a user never shows the password hash")
    void toStringHidesHash(VertxTestContext context) {
        seed.user().onComplete(context.succeeding(user -> context.verify(() -> {
            assertThat(user.toString()).doesNotContain(Seed.SOME_HASH);
            context.completeNow();
        })));
    }
}
