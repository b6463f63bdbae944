package be.meterkast.store;

/** Another user has this username (compared case-insensitively). */
public final class DuplicateUsername extends RuntimeException {
    public DuplicateUsername(String username, Throwable cause) {
        super("the username '" + username + "' is taken", cause);
    }
}
