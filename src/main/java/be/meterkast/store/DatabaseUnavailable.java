package be.meterkast.store;

import io.vertx.sqlclient.ClosedConnectionException;
import io.vertx.sqlclient.DatabaseException;

import java.net.ConnectException;

/**
 * Whether a failure means PostgreSQL cannot be reached right now (down, restarting, out of connections)
 * rather than that a query is wrong: the portal answers those with 503 and retries on the next request, as the
 * pool opens new connections by itself once the server is back.
 */
public final class DatabaseUnavailable {
    private DatabaseUnavailable() {
    }

    public static boolean is(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof ConnectException || t instanceof ClosedConnectionException) {
                return true;
            }
            if (t instanceof DatabaseException db && unavailableState(db.getSqlState())) {
                return true;
            }
        }
        return false;
    }

    /** Class 08 (connection exception), 57P01-57P03 (shutting down, cannot connect now), 53300 (too many connections). */
    private static boolean unavailableState(String state) {
        return state != null && (state.startsWith("08") || state.startsWith("57P") || state.equals("53300"));
    }
}
