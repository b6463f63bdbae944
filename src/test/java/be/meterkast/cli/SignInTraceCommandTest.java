package be.meterkast.cli;

import static org.assertj.core.api.Assertions.assertThat;

import be.meterkast.fluvius.sim.FluviusSimulator;
import be.meterkast.fluvius.sim.SimAccounts;
import be.meterkast.fluvius.sim.SimClock;
import be.meterkast.fluvius.sim.SimulatorOptions;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --trace FILE}: the redacted sign-in report a user sends when signing in to the real Fluvius fails. */
@DisplayName("meterkast token/fetch --trace")
class SignInTraceCommandTest {
    private static Vertx vertx;
    private static FluviusSimulator simulator;

    @TempDir
    Path dir;

    @BeforeAll
    static void startSimulator() {
        vertx = Vertx.vertx();
        simulator = FluviusSimulator.start(vertx, 0, new SimulatorOptions(), SimAccounts.withDefaults(),
                SimClock.system()).await();
    }

    @AfterAll
    static void stopSimulator() {
        simulator.close().await();
        vertx.close().await();
    }

    private record Result(int exitCode, String out, String err) {
    }

    private static Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new Result(code, out.toString(), err.toString());
    }

    @Test
    @DisplayName("a successful sign-in's trace names every step and cookie, and holds none of the secrets used")
    void successfulSignIn() throws IOException {
        Path file = dir.resolve("trace.json");

        Result r = run("token", "--portal-url", simulator.baseUrl(), "--email", SimAccounts.DEMO_EMAIL,
                "--password", SimAccounts.DEMO_PASSWORD, "--quiet", "--trace", file.toString());

        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.err()).contains("Wrote the redacted sign-in trace to " + file);
        String text = Files.readString(file);
        JsonObject trace = new JsonObject(text);
        assertThat(trace.getString("outcome")).isEqualTo("signed in");
        assertThat(trace.getJsonArray("steps").stream().map(s -> ((JsonObject) s).getString("step")))
                .startsWith("sign-in configuration", "sign-in page", "credential check", "sign-in confirmation")
                .endsWith("token exchange");
        assertThat(text).contains("\"x-ms-cpim-csrf\"", "\"x-ms-cpim-trans\"", "\"SETTINGS\"", "\"msalConfig\"");
        String accessToken = r.out().strip();
        assertThat(accessToken).isNotEmpty();
        assertThat(text).doesNotContain(SimAccounts.DEMO_PASSWORD).doesNotContain(SimAccounts.DEMO_EMAIL)
                .doesNotContain(accessToken).doesNotContain(accessToken.split("\\.")[1]);
        assertThat(simulator.stats().issuedSecrets()).hasSizeGreaterThanOrEqualTo(8);
        for (String secret : simulator.stats().issuedSecrets()) {
            assertThat(text).as("a value the simulator issued (cookie, CSRF, transaction, code or token)")
                    .doesNotContain(secret);
        }
    }

    @Test
    @DisplayName("a refused sign-in still writes its trace, with B2C's error code, and fetch exits 3")
    void refusedSignIn() throws IOException {
        Path file = dir.resolve("refused.json");

        Result r = run("fetch", "--portal-url", simulator.baseUrl(), "--email", SimAccounts.DEMO_EMAIL,
                "--password", "Not+the/password=", "--ean", SimAccounts.DEMO_SOLAR.ean(),
                "--meter-serial", SimAccounts.DEMO_SOLAR.serial(), "--quiet", "--trace", file.toString(),
                "--output", dir.resolve("out.json").toString());

        assertThat(r.exitCode()).isEqualTo(ExitCode.SIGN_IN);
        JsonObject trace = new JsonObject(Files.readString(file));
        assertThat(trace.getString("outcome")).isEqualTo("failed");
        assertThat(trace.getString("failure")).contains("rejected the email or password");
        JsonObject check = trace.getJsonArray("steps").getJsonObject(2);
        assertThat(check.getString("step")).isEqualTo("credential check");
        assertThat(check.getJsonObject("response").getJsonObject("b2cError").getString("code")).isEqualTo("AADB2C90054");
        assertThat(Files.readString(file)).doesNotContain("Not+the/password=").doesNotContain(SimAccounts.DEMO_EMAIL);
    }

    @Test
    @DisplayName("--trace with --bearer-token is refused: there is no sign-in to trace")
    void traceWithoutSignIn() {
        Result r = run("fetch", "--portal-url", simulator.baseUrl(), "--bearer-token", "eyJx", "--ean",
                SimAccounts.DEMO_SOLAR.ean(), "--meter-serial", SimAccounts.DEMO_SOLAR.serial(),
                "--trace", dir.resolve("t.json").toString());

        assertThat(r.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(r.err()).contains("--trace records the sign-in");
    }
}
