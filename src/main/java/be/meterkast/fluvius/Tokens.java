package be.meterkast.fluvius;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/** What the token endpoint gave. {@link #toString()} never shows a token. */
public record Tokens(String accessToken, String refreshToken, String idToken, String tokenType,
                     Instant expiresAt) {
    public Tokens {
        Objects.requireNonNull(accessToken, "accessToken");
        Objects.requireNonNull(expiresAt, "expiresAt");
    }

    /** True when the access token expires within {@code margin} of {@code now}. */
    public boolean expiresWithin(Duration margin, Instant now) {
        return !expiresAt.isAfter(now.plus(margin));
    }

    @Override
    public String toString() {
        return "Tokens[accessToken=" + Redact.secret(accessToken) + ", refreshToken=" + Redact.secret(refreshToken)
                + ", expiresAt=" + expiresAt + "]";
    }
}
