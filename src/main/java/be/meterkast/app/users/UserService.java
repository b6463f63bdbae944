package be.meterkast.app.users;

import be.meterkast.store.PasswordHasher;
import be.meterkast.store.Repositories;
import be.meterkast.store.User;
import io.vertx.core.Future;
import io.vertx.core.Vertx;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Users and their sessions: first-run setup, login (throttled), open registration, one's password and
 * language, logout, and the administrator's list of users. Passwords are hashed on a worker thread; they are
 * never stored or logged.
 */
public final class UserService {
    /** Locks setup so two browsers racing on a fresh install cannot both become the first admin. */
    private static final long SETUP_LOCK = 0x4d6b5365L;

    private final Vertx vertx;
    private final Repositories store;
    private final PasswordHasher hasher;
    private final LoginThrottle throttle;
    private final PasswordCheck passwords;

    public UserService(Vertx vertx, Clock clock, Repositories store, PasswordHasher hasher) {
        this.vertx = vertx;
        this.store = store;
        this.hasher = hasher;
        this.throttle = new LoginThrottle(clock);
        this.passwords = new PasswordCheck(vertx, store.users(), hasher);
    }

    /**
     * Someone to add: {@code displayName} blank means the username; {@code locale} is the language they start
     * in (a {@link Language#tag}), or null to follow their browser until they choose.
     */
    public record NewUser(String username, String displayName, String password, String locale) {
        public String shownName() {
            return displayName.isEmpty() ? username : displayName;
        }

        /** The same user with no language: their pages follow their own browser until they choose one. */
        public NewUser followingBrowser() {
            return new NewUser(username, displayName, password, null);
        }
    }

    /** How a login went: signed in, refused, or refused without a check because of too many failures. */
    public record Login(Optional<User> user, Optional<Duration> throttledFor) {
        static Login throttled(Duration wait) {
            return new Login(Optional.empty(), Optional.of(wait));
        }
    }

    public Future<Boolean> isSetUp() {
        return store.users().count().map(n -> n > 0);
    }

    /**
     * The first user, an administrator, with their household; empty when someone else set up this
     * installation first.
     */
    public Future<Optional<User>> setup(NewUser admin, String householdName) {
        return hash(admin.password()).compose(hash -> store.inExclusiveTransaction(SETUP_LOCK, tx ->
                tx.users().count().compose(n -> n > 0 ? Future.succeededFuture(Optional.<User>empty())
                        : create(tx, admin, hash, true)
                        .compose(user -> tx.households().create(householdName, user.id()).map(h -> Optional.of(user))))));
    }

    /**
     * Checks the password unless this username or address failed too often lately. The attempt counts before
     * the check (parallel guesses cannot outrun it) and is given back when the password was right.
     */
    public Future<Login> login(String username, String password, String address) {
        LoginThrottle.Reservation reservation = throttle.reserve(username, address);
        if (reservation.attempt().isEmpty()) {
            return Future.succeededFuture(Login.throttled(reservation.waitFor().orElseThrow()));
        }
        LoginThrottle.Attempt attempt = reservation.attempt().get();
        return passwords.verify(username, password).map(user -> {
            user.ifPresent(u -> throttle.succeeded(attempt));
            return new Login(user, Optional.empty());
        });
    }

    /** A new user of open registration; fails with {@code DuplicateUsername} when the name is taken. */
    public Future<User> register(NewUser user) {
        return hash(user.password()).compose(hash -> store.inTransaction(tx -> create(tx, user, hash, false)));
    }

    /** A user the administrator adds; fails with {@code DuplicateUsername} when the name is taken. */
    public Future<User> addByAdmin(NewUser user, boolean admin) {
        return hash(user.password()).compose(hash -> store.inTransaction(tx -> create(tx, user, hash, admin)));
    }

    /** Argon2 takes a few hundred milliseconds: on a worker thread. */
    public Future<String> hash(String password) {
        return vertx.executeBlocking(() -> hasher.hash(password));
    }

    /** Creates the user in its language, as part of a caller's transaction. */
    public Future<User> create(Repositories tx, NewUser user, String passwordHash, boolean admin) {
        return tx.users().create(user.username(), user.shownName(), passwordHash, admin)
                .compose(created -> tx.users().setLocale(created.id(), user.locale())
                        .compose(v -> tx.users().findById(created.id()))
                        .map(found -> found.orElse(created)));
    }

    /** A password change: the user as stored after it, wrong (empty user), or refused for a while (throttled). */
    public record PasswordChange(Optional<User> user, Optional<Duration> throttledFor) {
    }

    /**
     * A new password, when {@code current} is right: it ends every session (other devices too). Throttled like
     * a login, on the same counts: a stolen session must not become an unlimited oracle for the password.
     */
    public Future<PasswordChange> changePassword(User user, String current, String password, String address) {
        LoginThrottle.Reservation reservation = throttle.reserve(user.username(), address);
        if (reservation.attempt().isEmpty()) {
            return Future.succeededFuture(new PasswordChange(Optional.empty(), reservation.waitFor()));
        }
        LoginThrottle.Attempt attempt = reservation.attempt().get();
        return vertx.executeBlocking(() -> hasher.verify(current, user.passwordHash())
                        ? Optional.of(hasher.hash(password)) : Optional.<String>empty())
                .compose(hash -> {
                    if (hash.isEmpty()) {
                        return Future.succeededFuture(new PasswordChange(Optional.empty(), Optional.empty()));
                    }
                    throttle.succeeded(attempt);
                    return store.users().updatePassword(user.id(), hash.get())
                            .compose(v -> store.users().findById(user.id()))
                            .map(updated -> new PasswordChange(Optional.of(updated.orElseThrow()), Optional.empty()));
                });
    }

    /** The user's language from now on; false (nothing stored) for a language the portal does not speak. */
    public Future<Boolean> setLanguage(long userId, String language) {
        Optional<Language> chosen = Language.of(language);
        return chosen.isEmpty() ? Future.succeededFuture(false)
                : store.users().setLocale(userId, chosen.get().tag()).map(true);
    }

    /** The user a session belongs to; empty when the user is gone or the session was ended. */
    public Future<Optional<User>> sessionUser(long userId, String sessionId) {
        return store.sessions().sessionUser(userId, sessionId);
    }

    /** Ends one session (this browser's); the others stay. */
    public Future<Void> logout(long userId, String sessionId, Instant expiresAt) {
        return store.sessions().revoke(sessionId, userId, expiresAt);
    }

    public Future<List<User>> list() {
        return store.users().list();
    }

    public Future<Optional<User>> find(long userId) {
        return store.users().findById(userId);
    }
}
