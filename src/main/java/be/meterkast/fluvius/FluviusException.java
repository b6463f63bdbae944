package be.meterkast.fluvius;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Everything that can go wrong talking to Fluvius, one type per thing a person (or the sync) must do
 * differently. Messages are written for the person who has to act; they never hold a password or token.
 * Each also names what happened as a {@link #code} with its {@link #args}, so that pages can say it in the
 * reader's language ({@code status.<code>} in the message bundles) long after the English message was stored.
 */
public abstract sealed class FluviusException extends RuntimeException {
    private final String code;
    private final List<String> args;

    protected FluviusException(String message, Throwable cause) {
        this(null, List.of(), message, cause);
    }

    protected FluviusException(String code, List<String> args, String message, Throwable cause) {
        super(message, cause, true, false);
        this.code = code;
        this.args = List.copyOf(args);
    }

    /** What happened, as a stable code ({@code fluvius.unavailable}); empty for a message with none. */
    public Optional<String> code() {
        return Optional.ofNullable(code);
    }

    /** The code's parameters, in order, as text. */
    public List<String> args() {
        return args;
    }

    /**
     * True when Fluvius turned the credentials down. Such a sign-in must never be retried automatically:
     * repeated wrong passwords lock the account.
     */
    public boolean credentialsRejected() {
        return false;
    }

    /** Fluvius says the email or password is wrong. */
    public static final class InvalidCredentials extends FluviusException {
        public InvalidCredentials(String fluviusMessage) {
            super("fluvius.invalid_credentials", List.of(detail(fluviusMessage)),
                    "Fluvius rejected the email or password" + detail(fluviusMessage)
                    + ". Check them on mijn.fluvius.be; Meterkast will not try this password again.", null);
        }

        @Override
        public boolean credentialsRejected() {
            return true;
        }
    }

    /** Too many wrong passwords: Fluvius locked the account for a while. */
    public static final class AccountLocked extends FluviusException {
        public AccountLocked(String fluviusMessage) {
            super("fluvius.account_locked", List.of(detail(fluviusMessage)),
                    "Fluvius has temporarily locked this account" + detail(fluviusMessage)
                    + ". Wait before signing in again, or reset the password on mijn.fluvius.be.", null);
        }

        @Override
        public boolean credentialsRejected() {
            return true;
        }
    }

    /** Fluvius refused the sign-in for another reason it explained. */
    public static final class SignInRejected extends FluviusException {
        public SignInRejected(String fluviusMessage) {
            super("fluvius.sign_in_rejected", List.of(detail(fluviusMessage)),
                    "Fluvius refused the sign-in" + detail(fluviusMessage) + ".", null);
        }

        @Override
        public boolean credentialsRejected() {
            return true;
        }
    }

    /** The password was accepted but Fluvius wants more (two-step verification, terms to accept, ...). */
    public static final class InteractionRequired extends FluviusException {
        public InteractionRequired(String what) {
            super("fluvius.interaction_required", List.of(what), "Fluvius asks for an extra step (" + what
                    + ") that only a browser can do. Two-step "
                    + "verification must be switched off on mijn.fluvius.be for Meterkast to sign in.", null);
        }
    }

    /**
     * B2C accepted the password but then stopped the sign-in with an error of its own (an {@code AADB2C}
     * code on an error page). Not the password's fault, so it may be tried again later; the code is what
     * Meterkast's developers need, together with the sign-in diagnostics.
     */
    public static final class SignInError extends FluviusException {
        private final String step;
        private final B2cError error;

        public SignInError(String step, int status, B2cError error) {
            super("fluvius.sign_in_error", List.of(step, Integer.toString(status), String.valueOf(error)),
                    "Fluvius stopped the sign-in at step '" + step + "' (HTTP " + status + "): " + error
                    + ". If this persists, send the sign-in diagnostics to Meterkast's developers.", null);
            this.step = step;
            this.error = error;
        }

        public String step() {
            return step;
        }

        public B2cError error() {
            return error;
        }
    }

    /** A page or JSON no longer has the shape this client expects: Fluvius changed its portal. */
    public static final class PortalChanged extends FluviusException {
        private final String step;

        public PortalChanged(String step, String what) {
            super("fluvius.portal_changed", List.of(step, what), "Fluvius' portal changed at step '" + step + "': " + what
                    + ". Meterkast needs an update to sign in.", null);
            this.step = step;
        }

        public String step() {
            return step;
        }
    }

    /** Fluvius did not answer in time, or answered with a server error. Try again later. */
    public static final class Unavailable extends FluviusException {
        private final Duration retryAfter;

        public Unavailable(String what, Throwable cause) {
            this(what, cause, null);
        }

        /** With the {@code Retry-After} a 503 may carry: the soonest Fluvius expects to answer again. */
        public Unavailable(String what, Throwable cause, Duration retryAfter) {
            super("fluvius.unavailable", List.of(what), "Fluvius is unavailable (" + what + "). Try again later.", cause);
            this.retryAfter = retryAfter;
        }

        public Optional<Duration> retryAfter() {
            return Optional.ofNullable(retryAfter);
        }
    }

    /** Fluvius asks to slow down (HTTP 429). */
    public static final class RateLimited extends FluviusException {
        private final Duration retryAfter;

        public RateLimited(Duration retryAfter) {
            super(retryAfter == null ? "fluvius.rate_limited" : "fluvius.rate_limited_for",
                    retryAfter == null ? List.of() : List.of(Long.toString(retryAfter.toSeconds())),
                    "Fluvius asks to slow down" + (retryAfter == null ? "" : "; retry after "
                    + retryAfter.toSeconds() + " s") + ".", null);
            this.retryAfter = retryAfter;
        }

        public Optional<Duration> retryAfter() {
            return Optional.ofNullable(retryAfter);
        }
    }

    /** The access or refresh token was not accepted (expired or revoked): sign in again. */
    public static final class Unauthorized extends FluviusException {
        public Unauthorized(String what) {
            super("fluvius.unauthorized", List.of(what), "Fluvius did not accept the token (" + what + "); sign in again.", null);
        }
    }

    /** Fluvius refused a data request as asked (wrong EAN/serial, bad range). Asking again will not help. */
    public static final class RequestRejected extends FluviusException {
        private final int status;

        public RequestRejected(int status, String message) {
            super(message, null);
            this.status = status;
        }

        /** With the code and parameters that say it in any language (see {@link FluviusException#code}). */
        public RequestRejected(int status, String code, List<String> args, String message) {
            super(code, args, message, null);
            this.status = status;
        }

        public int status() {
            return status;
        }
    }

    private static String detail(String fluviusMessage) {
        return fluviusMessage == null || fluviusMessage.isBlank() ? "" : " (\"" + fluviusMessage.strip() + "\")";
    }
}
