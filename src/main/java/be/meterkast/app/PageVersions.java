package be.meterkast.app;

import be.meterkast.store.Repositories;
import io.vertx.core.Future;

/**
 * What the web's ETags and page cache are built from: one text that changes whenever anything a user's pages can
 * show changes (readings, sync state, meters, labels, tariffs, members, accounts, imports), written by any
 * instance sharing the database.
 */
public final class PageVersions {
    private final Repositories store;

    public PageVersions(Repositories store) {
        this.store = store;
    }

    /** Read before the page's data: a page rendered from newer data than this is stored under an older key, never the reverse. */
    public Future<String> seenBy(long userId) {
        return store.pageVersions().seenBy(userId);
    }
}
