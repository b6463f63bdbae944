package be.meterkast.fluvius.sim;

import java.util.Objects;

/** How to start a simulator: where to listen and the (shared, live) options, accounts and clock. */
public record SimulatorConfig(String host, int port, SimulatorOptions options, SimAccounts accounts, SimClock clock) {
    public static final String DEFAULT_HOST = "127.0.0.1";

    public SimulatorConfig {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(options, "options");
        Objects.requireNonNull(accounts, "accounts");
        Objects.requireNonNull(clock, "clock");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be 0 (any free port) to 65535: " + port);
        }
    }

    /** Loopback, a random free port, default options, the demo accounts, the system clock. */
    public static SimulatorConfig defaults() {
        return new SimulatorConfig(DEFAULT_HOST, 0, new SimulatorOptions(), SimAccounts.withDefaults(),
                SimClock.system());
    }


    public SimulatorConfig withPort(int port) {
        return new SimulatorConfig(host, port, options, accounts, clock);
    }



}
