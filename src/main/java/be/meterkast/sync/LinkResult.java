package be.meterkast.sync;

import be.meterkast.store.AccountStatus;

import java.util.Optional;

/**
 * Where linking an account (or entering a new password) left it: {@link AccountStatus#LINKED}, a status the
 * owner must act on ({@code NEEDS_PASSWORD}, {@code LOCKED}, {@code MFA_REQUIRED}), or
 * {@code UNAVAILABLE} (kept and retried by the scheduler). {@code message} is written for the owner.
 */
public record LinkResult(long accountId, AccountStatus status, Optional<String> message) {
    public boolean linked() {
        return status == AccountStatus.LINKED;
    }
}
