package be.meterkast.cli;

import be.meterkast.fluvius.FluviusOptions;
import be.meterkast.fluvius.SignInTrace;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;

/** Options every command that talks to Fluvius shares. */
final class FluviusConnection {
    @Option(names = "--email", defaultValue = "${env:FLUVIUS_LOGIN}", paramLabel = "EMAIL",
            description = "Fluvius login (env FLUVIUS_LOGIN).")
    String email;

    @Option(names = "--password", defaultValue = "${env:FLUVIUS_PASSWORD}", paramLabel = "PASSWORD",
            description = "Fluvius password (env FLUVIUS_PASSWORD). Prefer the environment variable: "
                    + "a command line is visible to other users of the machine.")
    String password;

    @Option(names = "--remember-me", description = "Send rememberMe=true to Fluvius when signing in.")
    boolean rememberMe;

    @Option(names = "--portal-url", defaultValue = "${env:FLUVIUS_PORTAL_URL:-" + FluviusOptions.DEFAULT_PORTAL + "}",
            paramLabel = "URL", description = "Fluvius portal to talk to, e.g. the simulator's "
            + "http://127.0.0.1:8089 (env FLUVIUS_PORTAL_URL, default ${DEFAULT-VALUE}).")
    String portalUrl;

    @Option(names = "--timeout", defaultValue = "30", paramLabel = "SECONDS",
            description = "Give up on a Fluvius request after this many seconds (default ${DEFAULT-VALUE}).")
    int timeoutSeconds;

    @Option(names = {"-q", "--quiet"}, description = "Do not print the sign-in and request steps.")
    boolean quiet;

    @Option(names = "--trace", paramLabel = "FILE", description = "Write a redacted trace of the sign-in to FILE, "
            + "whether it works or not: each step's request, status, cookie names and B2C error, never a password, "
            + "token, code or email. Send it with a report when signing in to Fluvius fails.")
    Path trace;

    /** A trace for the sign-in; written to {@link #trace} by {@link #writeTrace} when one was asked for. */
    SignInTrace newTrace(FluviusOptions options) {
        if (trace != null) {
            Path dir = trace.toAbsolutePath().getParent();
            if (dir == null || !Files.isDirectory(dir) || Files.isDirectory(trace)) {
                throw new BadInput("--trace " + trace + ": name a file in an existing folder");
            }
        }
        return new SignInTrace(Clock.systemUTC(), options.portalBase());
    }

    void writeTrace(SignInTrace signInTrace, PrintWriter err) {
        if (trace == null) {
            return;
        }
        try {
            Files.writeString(trace, signInTrace.render(), StandardCharsets.UTF_8);
            err.println("Wrote the redacted sign-in trace to " + trace);
        } catch (IOException e) {
            err.println("Could not write the sign-in trace to " + trace + ": " + e.getMessage());
        }
        err.flush();
    }

    FluviusOptions options() {
        if (timeoutSeconds < 1) {
            throw new BadInput("--timeout must be at least 1 second");
        }
        try {
            return FluviusOptions.forPortal(portalUrl).withTimeout(Duration.ofSeconds(timeoutSeconds));
        } catch (IllegalArgumentException e) {
            throw new BadInput("--portal-url '" + portalUrl + "' is not a URL like " + FluviusOptions.DEFAULT_PORTAL);
        }
    }

    void requireCredentials() {
        if (email == null || email.isBlank()) {
            throw new BadInput("no Fluvius login: pass --email or set FLUVIUS_LOGIN");
        }
        if (password == null || password.isEmpty()) {
            throw new BadInput("no Fluvius password: pass --password or set FLUVIUS_PASSWORD");
        }
    }
}
