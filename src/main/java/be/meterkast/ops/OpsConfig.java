package be.meterkast.ops;

import be.meterkast.config.ConfigException;
import be.meterkast.config.Environment;
import be.meterkast.config.Setting;

import java.time.Duration;
import java.util.Map;

/**
 * Settings for running the portal as a service: whether {@code /metrics} is served, and how long a
 * shutdown waits for requests under way.
 */
public record OpsConfig(boolean metricsEnabled, Duration shutdownGrace) {
    public static final String METRICS = Setting.METRICS.key();
    public static final String SHUTDOWN_GRACE = Setting.SHUTDOWN_GRACE_SECONDS.key();

    public static final boolean DEFAULT_METRICS = true;
    /** Below Docker's and systemd's stop timeouts once the sync's current step is added (compose allows 30 s). */
    public static final Duration DEFAULT_SHUTDOWN_GRACE = Duration.ofSeconds(15);

    public static OpsConfig defaults() {
        return new OpsConfig(DEFAULT_METRICS, DEFAULT_SHUTDOWN_GRACE);
    }

    /** @throws ConfigException naming the variable that is wrong */
    public static OpsConfig fromEnvironment(Map<String, String> variables) {
        return fromEnvironment(new Environment(variables));
    }

    public static OpsConfig fromEnvironment(Environment env) {
        return new OpsConfig(env.flag(Setting.METRICS, DEFAULT_METRICS),
                env.seconds(Setting.SHUTDOWN_GRACE_SECONDS, 0, 600, DEFAULT_SHUTDOWN_GRACE));
    }
}
