package be.meterkast.cli;

import be.meterkast.fluvius.FluviusException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.PrintWriter;

/** Entry point of {@code meterkast.jar}: the command-line tool, the simulator and (later) the portal. */
@Command(name = "meterkast", mixinStandardHelpOptions = true, version = "Meterkast 0.1",
        description = "Your Fluvius meter data, at home.",
        subcommands = {ServeCommand.class, DemoCommand.class, FetchCommand.class, TokenCommand.class,
                SimulatorCommand.class, ExportCommand.class, ImportCommand.class, ImportCsvCommand.class,
                SeedCommand.class})
public final class Main implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(run(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args));
    }

    /** Runs one command with the given output streams and returns its exit code; used by tests too. */
    public static int run(PrintWriter out, PrintWriter err, String... args) {
        CommandLine cli = new CommandLine(new Main());
        cli.setOut(out);
        cli.setErr(err);
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            Throwable cause = unwrap(e);
            if (cause instanceof BadInput) {
                err.println("meterkast: " + cause.getMessage());
                return ExitCode.USAGE;
            }
            if (cause instanceof FluviusException fluvius) {
                err.println("meterkast: " + fluvius.getMessage());
                return ExitCode.of(fluvius);
            }
            err.println("meterkast: " + cause);
            return ExitCode.FAILURE;
        });
        cli.setParameterExceptionHandler((e, args1) -> {
            err.println("meterkast: " + e.getMessage());
            err.println("Try '" + e.getCommandLine().getCommandSpec().qualifiedName() + " --help'.");
            return ExitCode.USAGE;
        });
        return cli.execute(args);
    }

    static Throwable unwrap(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && !(t instanceof FluviusException) && !(t instanceof BadInput)) {
            t = t.getCause();
        }
        return t;
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "name a command: serve, demo, export, import, fetch, token or simulator");
    }
}
