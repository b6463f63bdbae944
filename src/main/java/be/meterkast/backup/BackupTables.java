package be.meterkast.backup;

import java.util.List;

/**
 * What a backup holds, in the order it is written and restored: every table before the tables that point
 * at it. Rows keep their ids, because the Fluvius secrets are encrypted bound to their row
 * ({@code fluvius_account:<id>:password}); the id sequences are moved past the restored ids afterwards.
 * {@code instance_secrets} comes first so an import checks the key before it writes anything else.
 * Left out: {@code flyway_schema_history} (the importing Meterkast migrates its own schema).
 */
final class BackupTables {
    static final String FORMAT = "meterkast-backup";
    static final int FORMAT_VERSION = 1;

    /** A table, the order its rows are written in, and whether it has a {@code bigserial id}. */
    record Table(String name, String orderBy, boolean serialId) {
    }

    static final List<Table> ALL = List.of(
            new Table("instance_secrets", "name", false),
            new Table("users", "id", true),
            new Table("households", "id", true),
            new Table("memberships", "household_id, user_id", false),
            new Table("invites", "id", true),
            new Table("fluvius_accounts", "id", true),
            new Table("meters", "id", true),
            new Table("readings", "meter_id, period_start, period_end, tariff, direction, unit", false),
            new Table("monthly_peaks", "meter_id, month", false),
            new Table("meter_sync", "meter_id", false),
            new Table("csv_imports", "id", true),
            new Table("incomplete_days", "meter_id, day, resolution", false),
            new Table("tariff_periods", "household_id, valid_from", false),
            // alerts sent stay sent after a restore: a restored instance does not mail them again
            new Table("alert_settings", "user_id", false),
            new Table("alerts", "id", true),
            new Table("alert_deliveries", "alert_id, channel", false),
            new Table("day_ahead_prices", "period_start", false),
            // sessions ended by logout stay ended: the restored session key would accept them again
            new Table("revoked_sessions", "token_id", false));

    static final String SCHEMA_VERSION = """
            SELECT version FROM flyway_schema_history WHERE success AND version IS NOT NULL
            ORDER BY installed_rank DESC LIMIT 1""";

    private BackupTables() {
    }

    static Table named(String name) {
        return ALL.stream().filter(t -> t.name().equals(name)).findFirst()
                .orElseThrow(() -> new BackupException("the archive has a table this Meterkast does not know: " + name));
    }
}
