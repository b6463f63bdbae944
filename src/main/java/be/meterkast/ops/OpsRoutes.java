package be.meterkast.ops;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.micrometer.PrometheusScrapingHandler;
import io.vertx.sqlclient.Pool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Endpoints for the machine that runs the portal, without login: {@code /health} (ready: the database
 * answers a {@code SELECT 1} within {@link #DATABASE_TIMEOUT}), {@code /health/live} (the process answers
 * at all) and {@code /metrics} (Prometheus text; 404 when metrics are off). They are mounted before the
 * session and CSRF handlers: they read no cookie and change nothing.
 */
public final class OpsRoutes {
    private static final Logger LOG = LoggerFactory.getLogger(OpsRoutes.class);
    public static final String HEALTH = "/health";
    public static final String LIVE = "/health/live";
    public static final String METRICS = "/metrics";
    static final Duration DATABASE_TIMEOUT = Duration.ofSeconds(2);

    private final Pool pool;
    private final Optional<PrometheusMeterRegistry> registry;

    public OpsRoutes(Pool pool, Optional<PrometheusMeterRegistry> registry) {
        this.pool = pool;
        this.registry = registry;
    }

    public void register(Router router) {
        router.get(HEALTH).handler(this::checkHealth);
        router.get(LIVE).handler(OpsRoutes::alive);
        registry.ifPresentOrElse(
                r -> router.get(METRICS).handler(PrometheusScrapingHandler.create(r)),
                () -> router.get(METRICS).handler(ctx -> ctx.response().setStatusCode(404)
                        .putHeader("Content-Type", "text/plain; charset=utf-8")
                        .end("metrics are off (METERKAST_METRICS=false)\n")));
    }

    private void checkHealth(RoutingContext ctx) {
        long started = System.nanoTime();
        Future<?> database = pool.query("SELECT 1").execute()
                .timeout(DATABASE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        database.onComplete(result -> {
            long millis = (System.nanoTime() - started) / 1_000_000;
            JsonObject check = new JsonObject().put("status", result.succeeded() ? "UP" : "DOWN").put("ms", millis);
            if (result.failed()) {
                // The cause names the database's host and port: for the log, not for anyone who asks.
                LOG.warn("Health check: the database does not answer ({})", result.cause().toString());
            }
            respond(ctx, result.succeeded(), new JsonObject().put("database", check));
        });
    }

    private static void alive(RoutingContext ctx) {
        respond(ctx, true, new JsonObject());
    }

    private static void respond(RoutingContext ctx, boolean up, JsonObject checks) {
        if (ctx.response().ended() || ctx.response().closed()) {
            return;
        }
        ctx.response().setStatusCode(up ? 200 : 503)
                .putHeader("Content-Type", "application/json; charset=utf-8")
                .putHeader("Cache-Control", "no-store")
                .end(new JsonObject().put("status", up ? "UP" : "DOWN").put("checks", checks).encode());
    }
}
