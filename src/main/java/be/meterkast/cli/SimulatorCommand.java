package be.meterkast.cli;

import be.meterkast.fluvius.sim.ConfigShape;
import be.meterkast.fluvius.sim.FluviusSimulator;
import be.meterkast.fluvius.sim.SimAccount;
import be.meterkast.fluvius.sim.SimAccounts;
import be.meterkast.fluvius.sim.SimClock;
import be.meterkast.fluvius.sim.SimulatorOptions;
import io.vertx.core.Vertx;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

@Command(name = "simulator", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Run the Fluvius simulator: the B2C sign-in and the meter data API of mijn.fluvius.be,",
                "with deterministic data for the demo accounts. Point --portal-url at it. Stops on Ctrl-C."})
final class SimulatorCommand implements Callable<Integer> {
    @Option(names = "--port", defaultValue = "8089", description = "Port to listen on (default ${DEFAULT-VALUE}; 0 = any free port).")
    int port;

    @Option(names = "--latency-ms", defaultValue = "0", description = "Delay every answer by this many milliseconds.")
    long latencyMs;

    @Option(names = "--error-rate", defaultValue = "0", description = "Fraction (0-1) of requests answered 500, 502 or 503.")
    double errorRate;

    @Option(names = "--rate-limit-rate", defaultValue = "0", description = "Fraction (0-1) of requests answered 429.")
    double rateLimitRate;

    @Option(names = "--data-faults-only", description = "Let --error-rate and --rate-limit-rate spare the sign-in pages.")
    boolean dataFaultsOnly;

    @Option(names = "--retry-after", defaultValue = "30", description = "Retry-After seconds sent with a 429 (default ${DEFAULT-VALUE}).")
    long retryAfterSeconds;

    @Option(names = "--token-lifetime", defaultValue = "3600", description = "Access token lifetime in seconds (default ${DEFAULT-VALUE}).")
    long tokenLifetimeSeconds;

    @Option(names = "--malformed-rate", defaultValue = "0", description = "Fraction (0-1) of values sent malformed.")
    double malformedRate;

    @Option(names = "--lockout-threshold", defaultValue = "5", description = "Wrong passwords in a row that lock an account (default ${DEFAULT-VALUE}).")
    int lockoutThreshold;

    @Option(names = "--config-shape", defaultValue = "nested", description = "MSAL config layout: nested or flat (default ${DEFAULT-VALUE}).")
    String configShape;

    @Option(names = "--now", description = "Pin the simulator's clock to this instant, e.g. 2025-11-30T10:00:00Z.")
    String now;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException {
        SimulatorOptions options = options();
        SimClock clock = clock();
        if (port < 0 || port > 65535) {
            throw new BadInput("--port must be between 0 and 65535, not " + port);
        }
        Vertx vertx = Vertx.vertx();
        FluviusSimulator simulator;
        try {
            simulator = FluviusSimulator.start(vertx, port, options, SimAccounts.withDefaults(), clock).await();
        } catch (RuntimeException e) {
            vertx.close().await();
            throw new BadInput("cannot listen on port " + port + ": " + e.getMessage());
        }
        PrintWriter out = spec.commandLine().getOut();
        out.println("Fluvius simulator listening on " + simulator.baseUrl());
        out.println("Demo accounts (email / password):");
        out.println("  " + SimAccounts.DEMO_EMAIL + " / " + SimAccounts.DEMO_PASSWORD
                + "  - solar, EV and gas meters");
        out.println("  " + SimAccounts.FAMILY_EMAIL + " / " + SimAccounts.FAMILY_PASSWORD + "  - one meter");
        out.println("  " + SimAccounts.MFA_EMAIL + " / " + SimAccounts.MFA_PASSWORD
                + "  - two-step verification (sign-in fails as it would for real)");
        out.println("Meters (EAN / serial / profile):");
        SimAccounts.withDefaults().all().stream().sorted(java.util.Comparator.comparing(SimAccount::email))
                .forEach(account -> account.meters().forEach(m ->
                out.println("  " + m.ean() + " / " + m.serial() + " / " + m.profile().name().toLowerCase(Locale.ROOT)
                        + "  (" + account.email() + ")")));
        out.println("Try: java -jar target/meterkast.jar fetch --portal-url " + simulator.baseUrl() + " --email "
                + SimAccounts.DEMO_EMAIL + " --password " + SimAccounts.DEMO_PASSWORD + " --ean "
                + SimAccounts.DEMO_SOLAR.ean() + " --meter-serial " + SimAccounts.DEMO_SOLAR.serial());
        out.flush();

        CountDownLatch stopped = new CountDownLatch(1);
        // Step by step on the hook thread, as in Settings.runUntilStopped: a completion chained after
        // vertx.close() would be dispatched to a terminated event loop and the JVM would never exit
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                simulator.close().await();
            } catch (RuntimeException e) {
                System.err.println("meterkast: simulator shutdown: " + e.getMessage());
            }
            vertx.close().await();
            stopped.countDown();
        }, "simulator-shutdown"));
        stopped.await();
        return ExitCode.OK;
    }

    private SimulatorOptions options() {
        requireFraction("--error-rate", errorRate);
        requireFraction("--rate-limit-rate", rateLimitRate);
        requireFraction("--malformed-rate", malformedRate);
        if (latencyMs < 0 || tokenLifetimeSeconds < 1 || retryAfterSeconds < 0 || lockoutThreshold < 1) {
            throw new BadInput("--latency-ms and --retry-after must be 0 or more; --token-lifetime and "
                    + "--lockout-threshold at least 1");
        }
        ConfigShape shape = switch (configShape.toLowerCase(Locale.ROOT)) {
            case "nested" -> ConfigShape.NESTED;
            case "flat" -> ConfigShape.FLAT;
            default -> throw new BadInput("--config-shape must be nested or flat, not '" + configShape + "'");
        };
        return new SimulatorOptions()
                .latency(Duration.ofMillis(latencyMs))
                .errorRate(errorRate)
                .rateLimitRate(rateLimitRate)
                .faultsOnSignIn(!dataFaultsOnly)
                .retryAfter(Duration.ofSeconds(retryAfterSeconds))
                .tokenLifetime(Duration.ofSeconds(tokenLifetimeSeconds))
                .malformedRate(malformedRate)
                .lockoutThreshold(lockoutThreshold)
                .configShape(shape);
    }

    private SimClock clock() {
        if (now == null) {
            return SimClock.system();
        }
        try {
            return SimClock.fixed(Instant.parse(now.strip()));
        } catch (DateTimeParseException e) {
            throw new BadInput("--now '" + now + "' is not an instant like 2025-11-30T10:00:00Z");
        }
    }

    private static void requireFraction(String option, double value) {
        if (!(value >= 0 && value <= 1)) {
            throw new BadInput(option + " must be between 0 and 1, not " + value);
        }
    }
}
