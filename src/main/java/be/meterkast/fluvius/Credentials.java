package be.meterkast.fluvius;

import java.util.Objects;

/** A Fluvius login. {@link #toString()} never shows the password. */
public record Credentials(String email, String password) {
    public Credentials {
        Objects.requireNonNull(email, "email");
        Objects.requireNonNull(password, "password");
    }

    @Override
    public String toString() {
        return "Credentials[email=" + email + ", password=" + Redact.secret(password) + "]";
    }
}
