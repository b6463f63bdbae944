package be.meterkast.ops;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.micrometer.Label;
import io.vertx.micrometer.MicrometerMetricsFactory;
import io.vertx.micrometer.MicrometerMetricsOptions;

import java.util.EnumSet;
import java.util.Optional;

/**
 * Where the portal's metrics go: a Prometheus registry that Vert.x (HTTP server, pools, JVM) and the
 * portal's own meters write to, or nowhere. Without a registry {@code /metrics} answers 404, so tests and
 * tools that create a plain {@code Vertx.vertx()} need nothing.
 *
 * <p>The registry is handed to Vert.x explicitly rather than looked up through {@code BackendRegistries}
 * (a JVM-wide map by name), so two Vert.x instances in one JVM never share meters.
 */
public final class Monitoring {
    private static final Monitoring NONE = new Monitoring(Optional.empty());

    private final Optional<PrometheusMeterRegistry> registry;

    private Monitoring(Optional<PrometheusMeterRegistry> registry) {
        this.registry = registry;
    }

    public static Monitoring none() {
        return NONE;
    }

    public static Monitoring prometheus() {
        return new Monitoring(Optional.of(new PrometheusMeterRegistry(PrometheusConfig.DEFAULT)));
    }

    /** Prometheus metrics when enabled in the settings, else none. */
    public static Monitoring of(OpsConfig config) {
        return config.metricsEnabled() ? prometheus() : none();
    }

    public Optional<PrometheusMeterRegistry> registry() {
        return registry;
    }

    /** A Vert.x that reports to this registry (HTTP server requests, SQL pool, JVM), or a plain one. */
    public Vertx createVertx() {
        if (registry.isEmpty()) {
            return Vertx.vertx();
        }
        // The route label is the matched route pattern (/meters/:id), not the path: bounded cardinality
        MicrometerMetricsOptions metrics = new MicrometerMetricsOptions().setJvmMetricsEnabled(true)
                .setLabels(EnumSet.of(Label.HTTP_METHOD, Label.HTTP_CODE, Label.HTTP_ROUTE, Label.POOL_TYPE,
                        Label.POOL_NAME));
        metrics.setEnabled(true);
        return Vertx.builder()
                .with(new VertxOptions().setMetricsOptions(metrics))
                .withMetrics(new MicrometerMetricsFactory(registry.get()))
                .build();
    }
}
