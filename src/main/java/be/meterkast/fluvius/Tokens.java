package be.meterkast.fluvius;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * What the token endpoint gave, and when: {@code issuedAt} is when it was granted, so the lifetime Fluvius
 * chose ({@code expires_in}) is known later; null for tokens kept by a version that did not record it.
 * {@link #toString()} never shows a token.
 */
public record Tokens(String accessToken, String refreshToken, String idToken, String tokenType,
                     Instant expiresAt, Instant issuedAt) {
    public Tokens {
        Objects.requireNonNull(accessToken, "accessToken");
        Objects.requireNonNull(expiresAt, "expiresAt");
    }

    /** Tokens whose issue time is unknown. */
    public Tokens(String accessToken, String refreshToken, String idToken, String tokenType, Instant expiresAt) {
        this(accessToken, refreshToken, idToken, tokenType, expiresAt, null);
    }

    /** How long the access token was granted for, when its issue time is known. */
    public Optional<Duration> lifetime() {
        return issuedAt == null ? Optional.empty() : Optional.of(Duration.between(issuedAt, expiresAt));
    }

    /** The same tokens with the access token marked expired (Fluvius refused it); the refresh token stays. */
    public Tokens expired() {
        return new Tokens(accessToken, refreshToken, idToken, tokenType, Instant.EPOCH, issuedAt);
    }

    /** True when the access token expires within {@code margin} of {@code now}. */
    public boolean expiresWithin(Duration margin, Instant now) {
        return !expiresAt.isAfter(now.plus(margin));
    }

    @Override
    public String toString() {
        return "Tokens[accessToken=" + Redact.secret(accessToken) + ", refreshToken=" + Redact.secret(refreshToken)
                + ", expiresAt=" + expiresAt + ", issuedAt=" + issuedAt + "]";
    }
}
