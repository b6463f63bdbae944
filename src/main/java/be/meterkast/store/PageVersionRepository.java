package be.meterkast.store;

import io.vertx.core.Future;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;

/**
 * The versions of the households a user belongs to (table {@code household_versions}, migration V14). Triggers on
 * every table a page shows bump a household's version in the writing transaction, so nothing here writes.
 */
public final class PageVersionRepository {
    /** One text such as {@code 3.118,7.95}: household id and version, in household order; empty for no household. */
    private static final String SEEN_BY = """
            SELECT coalesce(string_agg(ms.household_id || '.' || coalesce(v.version, 0), ',' ORDER BY ms.household_id), '')
            FROM memberships ms LEFT JOIN household_versions v ON v.household_id = ms.household_id
            WHERE ms.user_id = $1""";

    private final SqlClient client;

    public PageVersionRepository(SqlClient client) {
        this.client = client;
    }

    /** Changes whenever anything in one of the user's households changes, or they join or leave one. */
    public Future<String> seenBy(long userId) {
        return client.preparedQuery(SEEN_BY).execute(Tuple.of(userId))
                .map(rows -> rows.iterator().next().getString(0));
    }
}
