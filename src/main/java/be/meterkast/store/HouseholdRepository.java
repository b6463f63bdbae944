package be.meterkast.store;

import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;

import java.util.List;
import java.util.Optional;

/** Households and who belongs to them. */
public final class HouseholdRepository {
    /** One statement, so a household never exists without its owner. */
    private static final String CREATE_WITH_OWNER = """
            WITH household AS (
                INSERT INTO households (name) VALUES ($1)
                RETURNING id, name, created_at
            ), owner AS (
                INSERT INTO memberships (household_id, user_id, role)
                SELECT id, $2, 'owner' FROM household
            )
            SELECT id, name, created_at FROM household""";
    private static final String BY_ID = """
            SELECT id, name, created_at FROM households WHERE id = $1""";
    private static final String MEMBERSHIP_COLUMNS = """
            m.household_id, h.name AS household_name, m.user_id, u.username, u.display_name, m.role
            FROM memberships m
            JOIN households h ON h.id = m.household_id
            JOIN users u ON u.id = m.user_id""";
    private static final String FOR_USER = """
            SELECT %s
            WHERE m.user_id = $1
            ORDER BY lower(h.name), h.id""".formatted(MEMBERSHIP_COLUMNS);
    private static final String MEMBERS = """
            SELECT %s
            WHERE m.household_id = $1
            ORDER BY m.role DESC, lower(u.display_name)""".formatted(MEMBERSHIP_COLUMNS);
    private static final String ROLE = """
            SELECT role FROM memberships WHERE user_id = $1 AND household_id = $2""";
    private static final String ADD_MEMBER = """
            INSERT INTO memberships (household_id, user_id, role) VALUES ($1, $2, $3)
            ON CONFLICT (household_id, user_id) DO UPDATE SET role = excluded.role""";
    /** Joining never demotes: an owner who joins again (or is added as a member) stays owner. */
    private static final String JOIN = """
            INSERT INTO memberships (household_id, user_id, role) VALUES ($1, $2, $3)
            ON CONFLICT (household_id, user_id) DO UPDATE
            SET role = CASE WHEN memberships.role = 'owner' THEN 'owner' ELSE excluded.role END
            RETURNING (xmax = 0) AS joined""";
    private static final String DELETE = """
            DELETE FROM households WHERE id = $1""";
    private static final String REMOVE_MEMBER = """
            DELETE FROM memberships WHERE household_id = $1 AND user_id = $2""";
    /** Households that would have no owner left without this user. */
    private static final String SOLE_OWNER_OF = """
            SELECT h.id, h.name, h.created_at FROM households h
            JOIN memberships m ON m.household_id = h.id AND m.user_id = $1 AND m.role = 'owner'
            WHERE NOT EXISTS (SELECT 1 FROM memberships o
                              WHERE o.household_id = h.id AND o.role = 'owner' AND o.user_id <> $1)
            ORDER BY lower(h.name), h.id""";
    /** Every household with what is in it, for the administrator; one without owner shows as 0 owners. */
    private static final String ALL_SUMMARIES = """
            SELECT h.id, h.name, h.created_at,
                   (SELECT count(*) FROM memberships m WHERE m.household_id = h.id) AS members,
                   (SELECT count(*) FROM memberships m WHERE m.household_id = h.id AND m.role = 'owner') AS owners,
                   (SELECT count(*) FROM meters mt WHERE mt.household_id = h.id) AS meters,
                   (SELECT count(*) FROM fluvius_accounts a WHERE a.household_id = h.id) AS accounts
            FROM households h
            ORDER BY lower(h.name), h.id""";

    private final SqlClient client;

    public HouseholdRepository(SqlClient client) {
        this.client = client;
    }

    public Future<Household> create(String name, long ownerUserId) {
        return client.preparedQuery(CREATE_WITH_OWNER).execute(Tuple.of(name, ownerUserId))
                .map(rows -> household(rows.iterator().next()));
    }

    /** Without access check: for administrators and for code that already checked {@link #membership}. */
    public Future<Optional<Household>> findById(long householdId) {
        return client.preparedQuery(BY_ID).execute(Tuple.of(householdId))
                .map(rows -> Sql.first(rows, HouseholdRepository::household));
    }

    /** The households the user belongs to, with their role in each. */
    public Future<List<Membership>> listForUser(long userId) {
        return client.preparedQuery(FOR_USER).execute(Tuple.of(userId))
                .map(rows -> Sql.list(rows, HouseholdRepository::membership));
    }

    /** The user's role in the household; empty when they are not a member. */
    public Future<Optional<Role>> membership(long userId, long householdId) {
        return client.preparedQuery(ROLE).execute(Tuple.of(userId, householdId))
                .map(rows -> Sql.first(rows, row -> Role.fromDb(row.getString("role"))));
    }

    /** Adds the user, or changes their role when they are a member already. */
    /**
     * Makes the user a member in {@code role}, or promotes a member to owner; never demotes an owner. Whether the
     * user was new to the household.
     */
    public Future<Boolean> join(long householdId, long userId, Role role) {
        return client.preparedQuery(JOIN).execute(Tuple.of(householdId, userId, role.dbValue()))
                .map(rows -> rows.iterator().next().getBoolean("joined"));
    }

    public Future<Void> addMember(long householdId, long userId, Role role) {
        return client.preparedQuery(ADD_MEMBER).execute(Tuple.of(householdId, userId, role.dbValue()))
                .mapEmpty();
    }


    /** Owners first. */
    public Future<List<Membership>> members(long householdId) {
        return client.preparedQuery(MEMBERS).execute(Tuple.of(householdId))
                .map(rows -> Sql.list(rows, HouseholdRepository::membership));
    }


    /** Whether the user was a member. Callers make sure a household keeps an owner ({@link #soleOwnerOf}). */
    public Future<Boolean> removeMember(long householdId, long userId) {
        return client.preparedQuery(REMOVE_MEMBER).execute(Tuple.of(householdId, userId))
                .map(rows -> rows.rowCount() == 1);
    }

    /** The households whose only owner the user is: without them, nobody could manage or remove those. */
    public Future<List<Household>> soleOwnerOf(long userId) {
        return client.preparedQuery(SOLE_OWNER_OF).execute(Tuple.of(userId))
                .map(rows -> Sql.list(rows, HouseholdRepository::household));
    }

    /** Every household, with how many members, owners, meters and Fluvius accounts it has. */
    public Future<List<HouseholdSummary>> summaries() {
        return client.preparedQuery(ALL_SUMMARIES).execute()
                .map(rows -> Sql.list(rows, row -> new HouseholdSummary(household(row), row.getLong("members"),
                        row.getLong("owners"), row.getLong("meters"), row.getLong("accounts"))));
    }

    /** Removes the household with its accounts, meters and readings. */
    public Future<Boolean> delete(long householdId) {
        return client.preparedQuery(DELETE).execute(Tuple.of(householdId))
                .map(rows -> rows.rowCount() == 1);
    }

    private static Household household(Row row) {
        return new Household(row.getLong("id"), row.getString("name"), Sql.instant(row, "created_at"));
    }

    private static Membership membership(Row row) {
        return new Membership(row.getLong("household_id"), row.getString("household_name"), row.getLong("user_id"),
                row.getString("username"), row.getString("display_name"), Role.fromDb(row.getString("role")));
    }
}
