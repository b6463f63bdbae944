package be.meterkast.cli;

import be.meterkast.fluvius.FluviusException;

/** Exit codes of the command-line tool, so scripts can tell a typo from a locked account from an outage. */
public final class ExitCode {
    public static final int OK = 0;
    /** Something unexpected; the message says what. */
    public static final int FAILURE = 1;
    /** Bad options or input: fix the command line. */
    public static final int USAGE = 2;
    /** Fluvius turned the sign-in down (credentials, locked account, two-step verification, token refused). */
    public static final int SIGN_IN = 3;
    /** Fluvius is unavailable or asks to slow down: try again later. */
    public static final int UNAVAILABLE = 4;
    /** Fluvius refused the request or answered in an unexpected shape. */
    public static final int REJECTED = 5;

    private ExitCode() {
    }

    static int of(FluviusException e) {
        if (e instanceof FluviusException.Unavailable || e instanceof FluviusException.RateLimited) {
            return UNAVAILABLE;
        }
        if (e instanceof FluviusException.RequestRejected || e instanceof FluviusException.PortalChanged) {
            return REJECTED;
        }
        return SIGN_IN;
    }
}
