package be.meterkast.store;

import java.time.Instant;

/** A portal user. {@link #toString()} leaves out the password hash. */
public record User(long id, String username, String displayName, String passwordHash, boolean admin,
                   String locale, int sessionVersion, Instant createdAt) {
    @Override
    public String toString() {
        return "User[id=" + id + ", username=" + username + ", admin=" + admin + ", locale=" + locale
                + ", sessionVersion=" + sessionVersion + "]";
    }
}
