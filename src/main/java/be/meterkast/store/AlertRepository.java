package be.meterkast.store;

import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Alerts: each user's settings (alert_settings), the occurrences raised (alerts) and their deliveries per
 * channel (alert_deliveries). An occurrence is stored once whatever the number of instances and restarts
 * (unique per user, rule and occurrence), and a delivery is sent by one instance at a time (claimed with a lease).
 */
public final class AlertRepository {
    private static final String SETTINGS_COLUMNS = """
            email, webhook_url, webhook_format, mqtt, peak_kw, peak_above_average, base_load_percent, no_data_days,
            account_attention, unusual_day_factor""";
    private static final String SETTINGS = "SELECT user_id, " + SETTINGS_COLUMNS + " FROM alert_settings WHERE user_id = $1";
    private static final String ALL_SETTINGS = "SELECT user_id, " + SETTINGS_COLUMNS + " FROM alert_settings ORDER BY user_id";
    private static final String SAVE_SETTINGS = """
            INSERT INTO alert_settings (user_id, %s, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)
            ON CONFLICT (user_id) DO UPDATE SET email = $2, webhook_url = $3, webhook_format = $4, mqtt = $5,
                peak_kw = $6, peak_above_average = $7, base_load_percent = $8, no_data_days = $9,
                account_attention = $10, unusual_day_factor = $11, updated_at = $12""".formatted(SETTINGS_COLUMNS);
    private static final String ALERT_COLUMNS = """
            a.id, a.user_id, a.rule, a.occurrence, a.meter_id, a.account_id, a.household_id, a.args, a.day, a.raised_at""";
    // One statement: the occurrence and its deliveries are stored together, or not at all when it is known.
    private static final String RAISE = """
            WITH raised AS (
                INSERT INTO alerts (user_id, rule, occurrence, meter_id, account_id, household_id, args, day, raised_at)
                VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
                ON CONFLICT (user_id, rule, occurrence) DO NOTHING
                RETURNING id),
            deliveries AS (
                INSERT INTO alert_deliveries (alert_id, channel, next_attempt_at)
                SELECT raised.id, channel, $9 FROM raised, unnest($10::text[]) AS channel)
            SELECT id FROM raised""";
    private static final String CLAIM = """
            WITH due AS (
                SELECT alert_id, channel FROM alert_deliveries
                WHERE delivered_at IS NULL AND next_attempt_at <= $1 AND attempts < $3
                ORDER BY next_attempt_at LIMIT $4
                FOR UPDATE SKIP LOCKED),
            claimed AS (
                UPDATE alert_deliveries d SET next_attempt_at = $2 FROM due
                WHERE d.alert_id = due.alert_id AND d.channel = due.channel
                RETURNING d.alert_id, d.channel, d.attempts)
            SELECT claimed.channel AS claimed_channel, claimed.attempts AS claimed_attempts, %s
            FROM claimed JOIN alerts a ON a.id = claimed.alert_id
            ORDER BY a.raised_at, a.id""".formatted(ALERT_COLUMNS);
    private static final String DELIVERED = """
            UPDATE alert_deliveries SET delivered_at = $3, attempts = attempts + 1, last_error = NULL
            WHERE alert_id = $1 AND channel = $2""";
    private static final String FAILED = """
            UPDATE alert_deliveries SET attempts = attempts + 1, last_error = $3, next_attempt_at = $4
            WHERE alert_id = $1 AND channel = $2 AND delivered_at IS NULL""";
    private static final String ABANDON = """
            UPDATE alert_deliveries SET attempts = GREATEST(attempts, $4), last_error = $3
            WHERE alert_id = $1 AND channel = $2 AND delivered_at IS NULL""";
    private static final String RECENT = """
            SELECT %s FROM alerts a WHERE a.user_id = $1 ORDER BY a.raised_at DESC, a.id DESC LIMIT $2"""
            .formatted(ALERT_COLUMNS);
    private static final String DELIVERIES = """
            SELECT alert_id, channel, attempts, delivered_at, last_error, next_attempt_at FROM alert_deliveries
            WHERE alert_id = ANY($1) ORDER BY alert_id, channel""";

    private final SqlClient client;

    public AlertRepository(SqlClient client) {
        this.client = client;
    }

    public Future<Optional<AlertSettings>> settings(long userId) {
        return client.preparedQuery(SETTINGS).execute(Tuple.of(userId)).map(rows -> Sql.first(rows, AlertRepository::settings));
    }

    /** Every user's settings, by user id. */
    public Future<Map<Long, AlertSettings>> allSettings() {
        return client.preparedQuery(ALL_SETTINGS).execute().map(rows -> {
            Map<Long, AlertSettings> all = new LinkedHashMap<>();
            rows.forEach(row -> all.put(row.getLong("user_id"), settings(row)));
            return all;
        });
    }

    public Future<Void> saveSettings(long userId, AlertSettings s, Instant now) {
        return client.preparedQuery(SAVE_SETTINGS).execute(Tuple.tuple().addLong(userId)
                        .addString(s.email().orElse(null)).addString(s.webhookUrl().orElse(null))
                        .addString(s.webhookFormat()).addBoolean(s.mqtt()).addValue(s.peakKw().orElse(null))
                        .addBoolean(s.peakAboveAverage()).addValue(s.baseLoadPercent().orElse(null))
                        .addValue(s.noDataDays().orElse(null)).addBoolean(s.accountAttention())
                        .addValue(s.unusualDayFactor().orElse(null)).addValue(Sql.time(now)))
                .mapEmpty();
    }

    /** Stores the occurrence with a pending delivery per channel; false when it was stored before. */
    public Future<Boolean> raise(StoredAlert.New alert, Instant now) {
        return client.preparedQuery(RAISE).execute(Tuple.tuple().addLong(alert.userId()).addString(alert.rule())
                        .addString(alert.occurrence()).addValue(alert.meterId().orElse(null))
                        .addValue(alert.accountId().orElse(null)).addValue(alert.householdId().orElse(null))
                        .addArrayOfString(alert.args().toArray(String[]::new)).addValue(alert.day().orElse(null))
                        .addValue(Sql.time(now)).addArrayOfString(alert.channels().toArray(String[]::new)))
                .map(rows -> rows.size() > 0);
    }

    /**
     * Up to {@code limit} deliveries due at {@code now} with fewer than {@code maxAttempts} attempts, claimed
     * until {@code leaseUntil}: another instance (or the next round) leaves them alone until then, and takes
     * them up again if this one stopped before it recorded the outcome.
     */
    public Future<List<StoredAlert.Claimed>> claimDue(Instant now, Instant leaseUntil, int maxAttempts, int limit) {
        return client.preparedQuery(CLAIM).execute(Tuple.of(Sql.time(now), Sql.time(leaseUntil), maxAttempts, limit))
                .map(rows -> Sql.list(rows, row -> new StoredAlert.Claimed(alert(row, List.of()),
                        row.getString("claimed_channel"), row.getInteger("claimed_attempts"))));
    }

    public Future<Void> delivered(long alertId, String channel, Instant at) {
        return client.preparedQuery(DELIVERED).execute(Tuple.of(alertId, channel, Sql.time(at))).mapEmpty();
    }

    public Future<Void> failed(long alertId, String channel, String error, Instant nextAttemptAt) {
        return client.preparedQuery(FAILED).execute(Tuple.of(alertId, channel, error, Sql.time(nextAttemptAt))).mapEmpty();
    }

    /** No more attempts (the channel was turned off since): the delivery stays failed with {@code reason}. */
    public Future<Void> abandon(long alertId, String channel, String reason, int maxAttempts) {
        return client.preparedQuery(ABANDON).execute(Tuple.of(alertId, channel, reason, maxAttempts)).mapEmpty();
    }

    /** The user's newest {@code limit} alerts, newest first, each with its deliveries. */
    public Future<List<StoredAlert>> recent(long userId, int limit) {
        return client.preparedQuery(RECENT).execute(Tuple.of(userId, limit)).compose(rows -> {
            List<Row> alerts = new ArrayList<>();
            rows.forEach(alerts::add);
            Long[] ids = alerts.stream().map(r -> r.getLong("id")).toArray(Long[]::new);
            return client.preparedQuery(DELIVERIES).execute(Tuple.of(ids)).map(deliveryRows -> {
                Map<Long, List<StoredAlert.Delivery>> byAlert = new LinkedHashMap<>();
                deliveryRows.forEach(d -> byAlert.computeIfAbsent(d.getLong("alert_id"), id -> new ArrayList<>())
                        .add(new StoredAlert.Delivery(d.getString("channel"), d.getInteger("attempts"),
                                Sql.optionalInstant(d, "delivered_at"), Optional.ofNullable(d.getString("last_error")),
                                Sql.instant(d, "next_attempt_at"))));
                return alerts.stream().map(r -> alert(r, byAlert.getOrDefault(r.getLong("id"), List.of()))).toList();
            });
        });
    }

    private static StoredAlert alert(Row row, List<StoredAlert.Delivery> deliveries) {
        String[] args = row.getArrayOfStrings("args");
        return new StoredAlert(row.getLong("id"), row.getLong("user_id"), row.getString("rule"),
                row.getString("occurrence"), Optional.ofNullable(row.getLong("meter_id")),
                Optional.ofNullable(row.getLong("account_id")), Optional.ofNullable(row.getLong("household_id")),
                args == null ? List.of() : Arrays.asList(args), Optional.ofNullable(row.getLocalDate("day")),
                Sql.instant(row, "raised_at"), deliveries);
    }

    private static AlertSettings settings(Row row) {
        return new AlertSettings(Optional.ofNullable(row.getString("email")),
                Optional.ofNullable(row.getString("webhook_url")), row.getString("webhook_format"),
                row.getBoolean("mqtt"), Optional.ofNullable(row.getBigDecimal("peak_kw")),
                row.getBoolean("peak_above_average"), Optional.ofNullable(row.getInteger("base_load_percent")),
                Optional.ofNullable(row.getInteger("no_data_days")), row.getBoolean("account_attention"),
                Optional.ofNullable(row.getBigDecimal("unusual_day_factor")));
    }

}
