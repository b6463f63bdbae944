package be.meterkast.ops;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Settings for running the portal as a service: whether {@code /metrics} is served, and how long a
 * shutdown waits for requests under way.
 */
public record OpsConfig(boolean metricsEnabled, Duration shutdownGrace) {
    public static final String METRICS = "METERKAST_METRICS";
    public static final String SHUTDOWN_GRACE = "METERKAST_SHUTDOWN_GRACE_SECONDS";

    public static final boolean DEFAULT_METRICS = true;
    /** Below Docker's and systemd's stop timeouts once the sync's current step is added (compose allows 30 s). */
    public static final Duration DEFAULT_SHUTDOWN_GRACE = Duration.ofSeconds(15);

    public static OpsConfig defaults() {
        return new OpsConfig(DEFAULT_METRICS, DEFAULT_SHUTDOWN_GRACE);
    }

    /** @throws ConfigException naming the variable that is wrong */
    public static OpsConfig fromEnvironment(Map<String, String> env) {
        boolean metrics = text(env, METRICS).map(value -> switch (value.toLowerCase(Locale.ROOT)) {
            case "true", "yes", "1", "on" -> true;
            case "false", "no", "0", "off" -> false;
            default -> throw new ConfigException(METRICS + " must be true or false, not '" + value + "'");
        }).orElse(DEFAULT_METRICS);
        Duration grace = text(env, SHUTDOWN_GRACE).map(value -> {
            try {
                int seconds = Integer.parseInt(value);
                if (seconds >= 0 && seconds <= 600) {
                    return Duration.ofSeconds(seconds);
                }
            } catch (NumberFormatException ignored) {
                // reported below
            }
            throw new ConfigException(SHUTDOWN_GRACE + " must be a number of seconds between 0 and 600, not '" + value + "'");
        }).orElse(DEFAULT_SHUTDOWN_GRACE);
        return new OpsConfig(metrics, grace);
    }

    private static Optional<String> text(Map<String, String> env, String key) {
        return Optional.ofNullable(env.get(key)).map(String::trim).filter(s -> !s.isEmpty());
    }
}
