package be.meterkast.config;

/**
 * Every environment variable Meterkast reads, in one table. The README's configuration table is checked
 * against this one by a test, so a new setting cannot go undocumented and a documented one cannot vanish.
 */
public enum Setting {
    PORT("METERKAST_PORT", "8080"),
    HOST("METERKAST_HOST", "0.0.0.0"),
    PUBLIC_URL("METERKAST_PUBLIC_URL", ""),
    DATABASE_URL("DATABASE_URL", ""),
    DATA_DIR("METERKAST_DATA_DIR", "data"),
    EMBEDDED_DB_PORT("METERKAST_EMBEDDED_DB_PORT", "free port"),
    DB_POOL_SIZE("METERKAST_DB_POOL_SIZE", "5"),
    SECRET_KEY("METERKAST_SECRET_KEY", "generated file"),
    OPEN_REGISTRATION("METERKAST_OPEN_REGISTRATION", "false"),
    FLUVIUS_PORTAL_URL("FLUVIUS_PORTAL_URL", "https://mijn.fluvius.be"),
    METRICS("METERKAST_METRICS", "true"),
    SHUTDOWN_GRACE_SECONDS("METERKAST_SHUTDOWN_GRACE_SECONDS", "15"),
    BACKFILL_DAYS("METERKAST_BACKFILL_DAYS", "1096"),
    BACKFILL_QUARTER_HOUR_DAYS("METERKAST_BACKFILL_QUARTER_HOUR_DAYS", "60"),
    REQUEST_TIMEOUT_SECONDS("METERKAST_REQUEST_TIMEOUT_SECONDS", "60"),
    WEB_INSTANCES("METERKAST_WEB_INSTANCES", "one per core"),
    IMPORT_MAX_MB("METERKAST_IMPORT_MAX_MB", "50"),
    MQTT_URL("METERKAST_MQTT_URL", ""),
    MQTT_USERNAME("METERKAST_MQTT_USERNAME", ""),
    MQTT_PASSWORD("METERKAST_MQTT_PASSWORD", ""),
    MQTT_PREFIX("METERKAST_MQTT_PREFIX", "meterkast"),
    MQTT_DISCOVERY_PREFIX("METERKAST_MQTT_DISCOVERY_PREFIX", "homeassistant"),
    ALERTS_INTERVAL_MINUTES("METERKAST_ALERTS_INTERVAL_MINUTES", "15"),
    SMTP_HOST("METERKAST_SMTP_HOST", ""),
    SMTP_PORT("METERKAST_SMTP_PORT", "587"),
    SMTP_TLS("METERKAST_SMTP_TLS", "starttls"),
    SMTP_USERNAME("METERKAST_SMTP_USERNAME", ""),
    SMTP_PASSWORD("METERKAST_SMTP_PASSWORD", ""),
    SMTP_FROM("METERKAST_SMTP_FROM", ""),
    PAGE_CACHE("METERKAST_PAGE_CACHE", "on"),
    PAGE_CACHE_MB("METERKAST_PAGE_CACHE_MB", "32"),
    SYNC_RPS("METERKAST_SYNC_RPS", "2");

    private final String key;
    private final String documentedDefault;

    Setting(String key, String documentedDefault) {
        this.key = key;
        this.documentedDefault = documentedDefault;
    }

    /** The environment variable's name. */
    public String key() {
        return key;
    }

    /** The default as the README states it (empty when there is none). */
    public String documentedDefault() {
        return documentedDefault;
    }
}
