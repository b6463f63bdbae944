package be.meterkast.cli;

import be.meterkast.fluvius.Credentials;
import be.meterkast.fluvius.FluviusClient;
import be.meterkast.fluvius.SignInTrace;
import be.meterkast.fluvius.Tokens;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.util.concurrent.Callable;

@Command(name = "token", mixinStandardHelpOptions = true,
        description = "Sign in to Fluvius and print the bearer token and when it expires.")
final class TokenCommand implements Callable<Integer> {
    @Mixin
    FluviusConnection connection;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        Quiet.apply(connection.quiet);
        connection.requireCredentials();
        var options = connection.options();
        SignInTrace trace = connection.newTrace(options);
        Tokens tokens;
        try {
            tokens = VertxRunner.run(vertx -> {
                FluviusClient client = new FluviusClient(vertx, options);
                return client.signIn(new Credentials(connection.email, connection.password), connection.rememberMe,
                        trace).eventually(client::close);
            });
        } finally {
            connection.writeTrace(trace, spec.commandLine().getErr());
        }
        var out = spec.commandLine().getOut();
        if (connection.quiet) {
            out.println(tokens.accessToken());
        } else {
            out.println("Bearer token: " + tokens.accessToken());
            out.println("Expires at:   " + tokens.expiresAt());
        }
        out.flush();
        return ExitCode.OK;
    }
}
