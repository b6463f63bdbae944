package be.meterkast.cli;

import picocli.CommandLine.Command;

import java.util.concurrent.Callable;

@Command(name = "simulator", mixinStandardHelpOptions = true,
        description = "Run the Fluvius simulator (sign-in and meter data) for development and the demo.")
final class SimulatorCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        throw new BadInput("the simulator arrives with the sim branch");
    }
}
