package be.meterkast.cli;

import be.meterkast.ops.Monitoring;
import be.meterkast.server.FluviusSync;
import be.meterkast.server.MeterkastServer;
import be.meterkast.server.ServerConfig;
import be.meterkast.sync.SyncSettings;
import io.vertx.core.Vertx;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;

@Command(name = "serve", mixinStandardHelpOptions = true,
        description = "Run the family portal. Settings come from environment variables (see README); without "
                + "DATABASE_URL it keeps its data in an embedded PostgreSQL under METERKAST_DATA_DIR (./data).")
final class ServeCommand implements Callable<Integer> {
    @Option(names = "--port", description = "Port to listen on (overrides METERKAST_PORT, default 8080).")
    Integer port;

    @Option(names = "--data-dir", description = "Where the embedded database and key files live (overrides METERKAST_DATA_DIR).")
    String dataDir;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException {
        Map<String, String> env = new HashMap<>(System.getenv());
        if (port != null) {
            env.put(ServerConfig.PORT, port.toString());
        }
        if (dataDir != null) {
            env.put("METERKAST_DATA_DIR", dataDir);
        }
        ServerConfig config = Settings.load(env);
        SyncSettings sync = Settings.sync(config);
        Monitoring monitoring = Monitoring.of(config.ops());
        Vertx vertx = monitoring.createVertx();
        MeterkastServer server = Settings.started(vertx, MeterkastServer.start(vertx, config, Clock.systemUTC(),
                FluviusSync.factory(sync), monitoring));
        spec.commandLine().getOut().println("Meterkast runs at " + config.publicUrl().map(Object::toString)
                .orElse("http://localhost:" + server.port()) + " (Fluvius: " + config.fluviusPortal() + ")");
        spec.commandLine().getOut().flush();
        Settings.runUntilStopped(vertx, server);
        return ExitCode.OK;
    }
}
