package be.meterkast.store;

import java.time.Instant;
import java.util.Optional;

/** A Fluvius login linked to a household. The secrets stay in the database; see {@link FluviusAccountRepository}. */
public record FluviusAccount(long id, long householdId, String email, AccountStatus status,
                             Optional<StatusText> statusText, Optional<Instant> tokenExpiresAt,
                             Optional<Instant> nextAttemptAt, int failureCount, Optional<Instant> lastSignInAt,
                             Instant createdAt, Optional<Instant> signInTraceAt) {
    /** The status message in English (logs, the API); pages word {@link #statusText} in the reader's language. */
    public Optional<String> statusMessage() {
        return statusText.map(StatusText::text);
    }

    /** An owner may download the latest sign-in's diagnostics when the account does not sign in. */
    public boolean diagnosticsOffered() {
        return signInTraceAt.isPresent() && needsAttention();
    }

    /** Anything but linked: pages list it above the meters and offer the owner to enter the password again. */
    public boolean needsAttention() {
        return status != AccountStatus.LINKED;
    }
}
