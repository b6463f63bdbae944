package be.meterkast.sync;

import be.meterkast.fluvius.FluviusException;
import be.meterkast.store.AccountStatus;
import be.meterkast.store.StatusText;

import java.util.List;

/**
 * The messages the sync stores for pages to show, each with its code ({@code status.<code>} in the message
 * bundles) so that pages say it in the reader's language; the English text goes to logs and the API.
 */
final class SyncTexts {
    private SyncTexts() {
    }

    /** Fluvius' failure as its exception names it. */
    static StatusText of(FluviusException failure) {
        return failure.code().map(code -> StatusText.coded(code, failure.args(), failure.getMessage()))
                .orElseGet(() -> StatusText.plain(failure.getMessage()));
    }

    /** A run that failed for a reason of Meterkast's own; {@code failure} names it for the developers. */
    static StatusText unexpected(Throwable failure) {
        return StatusText.coded("sync.unexpected", List.of(failure.toString()),
                "The sync failed unexpectedly (" + failure + "); it will try again.");
    }

    /** A backfill that has met failures for so long that it moved to the slow schedule. */
    static StatusText longOutage(StatusText cause, long minutes) {
        return StatusText.coded("sync.long_outage", List.of(Long.toString(minutes)), cause.text()
                + " Fluvius has failed for " + minutes + " minutes: Meterkast now tries less often.");
    }

    static StatusText signInUnexpected() {
        return StatusText.coded("sign_in.unexpected", List.of(),
                "Signing in to Fluvius failed unexpectedly; Meterkast will try again later.");
    }

    /** Why an account whose password Fluvius refused does not sync until a new one is entered. */
    static StatusText blocked(AccountStatus status) {
        return switch (status) {
            case LOCKED -> StatusText.coded("account.blocked.locked", List.of(),
                    "Fluvius has locked this account; it needs a new password (or the old one once "
                    + "Fluvius unlocks it) before Meterkast syncs again.");
            case MFA_REQUIRED -> StatusText.coded("account.blocked.mfa_required", List.of(),
                    "Fluvius asks for two-step verification, which Meterkast cannot do. Switch it "
                    + "off on mijn.fluvius.be; the account needs a new password entry before Meterkast syncs again.");
            default -> StatusText.coded("account.blocked.needs_password", List.of(),
                    "Fluvius rejected the password; the account needs a new password before Meterkast syncs again.");
        };
    }
}
