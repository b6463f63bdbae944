package be.meterkast.app.users;

import be.meterkast.store.PasswordHasher;
import be.meterkast.store.User;
import be.meterkast.store.UserRepository;
import io.vertx.core.Future;
import io.vertx.core.Vertx;

import java.util.Optional;

/**
 * Checks a username and password, hashing on a worker thread (Argon2 takes a few hundred ms). An unknown
 * username is checked against a decoy hash, so it takes as long as a wrong password and reveals nothing.
 * A right password whose hash was made with older parameters is hashed again with today's, the one moment
 * the plain password is at hand.
 */
final class PasswordCheck {
    private final Vertx vertx;
    private final UserRepository users;
    private final PasswordHasher hasher;
    private final Future<String> decoyHash;

    PasswordCheck(Vertx vertx, UserRepository users, PasswordHasher hasher) {
        this.vertx = vertx;
        this.users = users;
        this.hasher = hasher;
        this.decoyHash = vertx.executeBlocking(() -> hasher.hash("decoy password that nobody has"));
    }

    Future<Optional<User>> verify(String username, String password) {
        return users.findByUsername(username).compose(user -> decoyHash.compose(decoy -> vertx.executeBlocking(() -> {
            boolean matches = hasher.verify(password, user.map(User::passwordHash).orElse(decoy));
            return matches ? user : Optional.<User>empty();
        }))).compose(user -> user.isPresent() && hasher.needsRehash(user.get().passwordHash())
                ? rehash(user.get(), password).map(user) : Future.succeededFuture(user));
    }

    /** A failed re-hash leaves the old, still valid hash: the sign-in goes on regardless. */
    private Future<Void> rehash(User user, String password) {
        return vertx.executeBlocking(() -> hasher.hash(password))
                .compose(newHash -> users.rehash(user.id(), user.passwordHash(), newHash))
                .<Void>mapEmpty()
                .recover(err -> Future.succeededFuture());
    }
}
