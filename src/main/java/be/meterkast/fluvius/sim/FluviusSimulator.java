package be.meterkast.fluvius.sim;

import io.vertx.core.Future;
import io.vertx.core.Vertx;

/**
 * A running Fluvius simulator: mijn.fluvius.be's data API and its Azure AD B2C sign-in on one origin, for
 * tests and the portal's demo mode. Options, accounts and clock are live: change them while it runs.
 *
 * <pre>{@code
 * FluviusSimulator sim = FluviusSimulator.start(vertx, SimulatorConfig.defaults()).await();
 * sim.options().failNext(503, 1);
 * sim.clock().advance(Duration.ofHours(2));
 * }</pre>
 */
public final class FluviusSimulator {
    private final Vertx vertx;
    private final SimulatorConfig config;
    private final SimStats stats;
    private final String deploymentId;
    private final int port;

    private FluviusSimulator(Vertx vertx, SimulatorConfig config, SimStats stats, String deploymentId, int port) {
        this.vertx = vertx;
        this.config = config;
        this.stats = stats;
        this.deploymentId = deploymentId;
        this.port = port;
    }

    /** Loopback, a random free port, the demo accounts, default options, the system clock. */
    public static Future<FluviusSimulator> start(Vertx vertx) {
        return start(vertx, SimulatorConfig.defaults());
    }

    /** Port 0 picks a free port; the simulator listens on {@value SimulatorConfig#DEFAULT_HOST}. */
    public static Future<FluviusSimulator> start(Vertx vertx, int port, SimulatorOptions options,
                                                 SimAccounts accounts, SimClock clock) {
        return start(vertx, new SimulatorConfig(SimulatorConfig.DEFAULT_HOST, port, options, accounts, clock));
    }

    public static Future<FluviusSimulator> start(Vertx vertx, SimulatorConfig config) {
        config.accounts().useClock(config.clock());
        SimStats stats = new SimStats();
        SimulatorVerticle verticle = new SimulatorVerticle(config, stats);
        return vertx.deployVerticle(verticle)
                .map(id -> new FluviusSimulator(vertx, config, stats, id, verticle.actualPort()));
    }

    public int port() {
        return port;
    }

    public String host() {
        return config.host();
    }

    /** Where clients reach it; a wildcard bind address is reached over loopback. */
    public String baseUrl() {
        String host = config.host();
        if (host.equals("0.0.0.0") || host.equals("::")) {
            host = "127.0.0.1";
        } else if (host.contains(":")) {
            host = "[" + host + "]";
        }
        return "http://" + host + ":" + port;
    }

    public SimulatorOptions options() {
        return config.options();
    }

    public SimAccounts accounts() {
        return config.accounts();
    }

    public SimStats stats() {
        return stats;
    }

    public SimClock clock() {
        return config.clock();
    }

    public Future<Void> close() {
        return vertx.undeploy(deploymentId);
    }
}
