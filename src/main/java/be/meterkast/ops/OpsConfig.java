package be.meterkast.ops;

import be.meterkast.config.ConfigException;
import be.meterkast.config.Environment;
import be.meterkast.config.Setting;

import java.time.Duration;
import java.util.Map;

/**
 * Settings for running the portal as a service: whether {@code /metrics} is served, how long a
 * shutdown waits for requests under way, how long a request may take before the portal answers 503, and how
 * many copies of the portal's verticle serve requests (each on its own event loop, so every core renders pages).
 */
public record OpsConfig(boolean metricsEnabled, Duration shutdownGrace, Duration requestTimeout, int webInstances) {
    public static final String METRICS = Setting.METRICS.key();
    public static final String SHUTDOWN_GRACE = Setting.SHUTDOWN_GRACE_SECONDS.key();
    public static final String REQUEST_TIMEOUT = Setting.REQUEST_TIMEOUT_SECONDS.key();
    public static final String WEB_INSTANCES = Setting.WEB_INSTANCES.key();

    public static final boolean DEFAULT_METRICS = true;
    /** Below Docker's and systemd's stop timeouts once the sync's current step is added (compose allows 30 s). */
    public static final Duration DEFAULT_SHUTDOWN_GRACE = Duration.ofSeconds(15);
    /**
     * A net, not a budget: every route answers by itself, and linking a Fluvius account (five sign-in steps
     * at a slow portal) is the slowest; a request still open after this answers 503 instead of never.
     */
    public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(60);

    /** One verticle per core: a page is rendered on one event loop from start to end, so more would only queue. */
    public static int defaultWebInstances() {
        return Runtime.getRuntime().availableProcessors();
    }

    public static OpsConfig defaults() {
        return new OpsConfig(DEFAULT_METRICS, DEFAULT_SHUTDOWN_GRACE, DEFAULT_REQUEST_TIMEOUT, defaultWebInstances());
    }

    /** @throws ConfigException naming the variable that is wrong */
    public static OpsConfig fromEnvironment(Map<String, String> variables) {
        return fromEnvironment(new Environment(variables));
    }

    public static OpsConfig fromEnvironment(Environment env) {
        return new OpsConfig(env.flag(Setting.METRICS, DEFAULT_METRICS),
                env.seconds(Setting.SHUTDOWN_GRACE_SECONDS, 0, 600, DEFAULT_SHUTDOWN_GRACE),
                env.seconds(Setting.REQUEST_TIMEOUT_SECONDS, 1, 600, DEFAULT_REQUEST_TIMEOUT),
                env.number(Setting.WEB_INSTANCES, 1, 256, defaultWebInstances(), "a number of verticles"));
    }
}
