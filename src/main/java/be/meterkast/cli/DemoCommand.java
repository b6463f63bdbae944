package be.meterkast.cli;

import be.meterkast.config.Setting;
import be.meterkast.domain.MeterKind;
import be.meterkast.domain.Unit;
import be.meterkast.fluvius.sim.FluviusSimulator;
import be.meterkast.fluvius.sim.SimAccounts;
import be.meterkast.fluvius.sim.SimClock;
import be.meterkast.fluvius.sim.SimMeter;
import be.meterkast.fluvius.sim.SimulatorOptions;
import be.meterkast.ops.Monitoring;
import be.meterkast.server.FluviusSync;
import be.meterkast.server.MeterkastServer;
import be.meterkast.server.ServerConfig;
import be.meterkast.store.MeterSync;
import be.meterkast.store.Role;
import be.meterkast.sync.SyncSettings;
import be.meterkast.store.PasswordHasher;
import be.meterkast.store.Repositories;
import be.meterkast.sync.SyncControl;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;

@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Run the portal against a built-in Fluvius simulator, with a demo household (two members; "
                + "solar, electric-car and gas meters) synced and ready. Data lives in --data-dir.")
final class DemoCommand implements Callable<Integer> {
    static final String ADMIN = "demo";
    static final String ADMIN_PASSWORD = "demo-password";
    static final String MEMBER = "oma";
    static final String MEMBER_PASSWORD = "oma-password";

    @Option(names = "--port", defaultValue = "8080", description = "Port of the portal (default ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--data-dir", defaultValue = "data-demo",
            description = "Where the demo keeps its database, apart from a real one (default ${DEFAULT-VALUE}).")
    String dataDir;

    @Option(names = "--wait", defaultValue = "180", description = "Seconds to wait for the first sync (default ${DEFAULT-VALUE}).")
    int waitSeconds;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        Map<String, String> env = new HashMap<>(System.getenv());
        env.put(ServerConfig.PORT, Integer.toString(port));
        env.put(Setting.DATA_DIR.key(), dataDir);
        env.remove(Setting.DATABASE_URL.key());
        env.remove(ServerConfig.FLUVIUS_PORTAL_URL);
        ServerConfig loaded = Settings.load(env);
        Monitoring monitoring = Monitoring.of(loaded.ops());
        Vertx vertx = monitoring.createVertx();
        FluviusSimulator simulator = FluviusSimulator.start(vertx, 0, new SimulatorOptions(), SimAccounts.withDefaults(),
                SimClock.system()).await();
        ServerConfig config = loaded.withFluviusPortal(simulator.baseUrl());
        // The simulator is on loopback: no need for the politeness real Fluvius deserves.
        SyncSettings settings = Settings.sync(loaded).withRequestsPerSecond(50).withTick(Duration.ofSeconds(5));
        MeterkastServer server = Settings.started(vertx, MeterkastServer.start(vertx, config, Clock.systemUTC(),
                FluviusSync.factory(settings), monitoring));
        out.println("Fluvius simulator at " + simulator.baseUrl());
        out.flush();

        List<Long> meters = seed(vertx, server.services(), server.sync(), out).await();
        waitForSync(server.services(), meters, out);
        out.println();
        out.println("Meterkast demo runs at http://localhost:" + server.port());
        out.println("  " + ADMIN + " / " + ADMIN_PASSWORD + "   (administrator, owner of 'Thuis')");
        out.println("  " + MEMBER + " / " + MEMBER_PASSWORD + "    (member of 'Thuis')");
        out.println("Stop with Ctrl-C. Data is kept in " + dataDir + "/; delete it to start over.");
        out.flush();
        Settings.runUntilStopped(vertx, server);
        simulator.close();
        return ExitCode.OK;
    }

    /** Creates the demo household on the first run; later runs find it and return its meters. */
    private static Future<List<Long>> seed(Vertx vertx, Repositories services, SyncControl sync, PrintWriter out) {
        return services.users().findByUsername(ADMIN).compose(existing -> {
            if (existing.isPresent()) {
                out.println("Demo household found; syncing it.");
                out.flush();
                return services.meters().listForUser(existing.get().id())
                        .map(list -> list.stream().map(m -> m.id()).toList());
            }
            out.println("Creating the demo household and linking the simulator's demo account...");
            out.flush();
            return vertx.executeBlocking(() -> List.of(new PasswordHasher().hash(ADMIN_PASSWORD), new PasswordHasher().hash(MEMBER_PASSWORD)))
                    .compose(hashes -> services.users().create(ADMIN, "Demo", hashes.get(0), true)
                            .compose(admin -> services.users().create(MEMBER, "Oma", hashes.get(1), false)
                                    .compose(member -> services.households().create("Thuis", admin.id())
                                            .compose(home -> services.households().addMember(home.id(), member.id(), Role.MEMBER)
                                                    .map(home.id())))))
                    .compose(householdId -> sync.linkAccount(householdId, SimAccounts.DEMO_EMAIL, SimAccounts.DEMO_PASSWORD)
                            .compose(link -> addMeters(services, sync, householdId, link.accountId())));
        });
    }

    private static Future<List<Long>> addMeters(Repositories services, SyncControl sync, long householdId, long accountId) {
        List<Long> ids = new ArrayList<>();
        Future<Void> chain = Future.succeededFuture();
        for (Object[] m : new Object[][]{{SimAccounts.DEMO_SOLAR, "Zonnepanelen", MeterKind.ELECTRICITY},
                {SimAccounts.DEMO_EV, "Laadpaal", MeterKind.ELECTRICITY}, {SimAccounts.DEMO_GAS, "Gas", MeterKind.GAS}}) {
            SimMeter meter = (SimMeter) m[0];
            MeterKind kind = (MeterKind) m[2];
            chain = chain.compose(v -> services.meters().create(householdId, Optional.of(accountId), meter.ref(), kind,
                            (String) m[1], kind == MeterKind.GAS ? Optional.of(Unit.M3) : Optional.empty())
                    .compose(created -> {
                        ids.add(created.id());
                        return sync.meterAdded(created.id());
                    }));
        }
        return chain.map(v -> ids);
    }

    /** Polls the stored sync state (the page shows the same) until every meter has its history. */
    private void waitForSync(Repositories services, List<Long> meters, PrintWriter out) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(waitSeconds).toNanos();
        String last = "";
        while (System.nanoTime() < deadline) {
            List<MeterSync> states = Future.all(meters.stream().map(id -> services.meterSync().get(id)).toList())
                    .map(all -> all.<MeterSync>list()).await();
            int done = states.stream().mapToInt(MeterSync::progressDone).sum();
            int total = states.stream().mapToInt(MeterSync::progressTotal).sum();
            boolean finished = states.stream().allMatch(MeterSync::backfillDone);
            String line = "Syncing history: " + done + "/" + Math.max(total, done) + " steps"
                    + (finished ? ", done." : "...");
            if (!line.equals(last)) {
                out.println(line);
                out.flush();
                last = line;
            }
            if (finished) {
                return;
            }
            Thread.sleep(1000);
        }
        out.println("The sync is still running; the pages show its progress.");
    }
}
