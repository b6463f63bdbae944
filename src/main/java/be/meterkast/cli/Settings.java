package be.meterkast.cli;

import be.meterkast.config.ConfigException;
import be.meterkast.config.Environment;
import be.meterkast.config.Setting;
import be.meterkast.server.MeterkastServer;
import be.meterkast.server.ServerConfig;
import be.meterkast.sync.SyncSettings;
import io.vertx.core.Future;
import io.vertx.core.Vertx;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/** Start-up and shutdown shared by {@code serve} and {@code demo}. */
final class Settings {
    private Settings() {
    }

    /**
     * The configuration from this process's environment with a command's own options laid over it (a null
     * option leaves the variable as it is), or one line naming the setting that is wrong.
     */
    static ServerConfig loadWith(Setting setting, String optionValue) {
        Map<String, String> env = new HashMap<>(System.getenv());
        if (optionValue != null) {
            env.put(setting.key(), optionValue);
        }
        return load(env);
    }

    /** The configuration, or one line naming the setting that is wrong. */
    static ServerConfig load(Map<String, String> env) {
        try {
            return ServerConfig.fromEnvironment(env);
        } catch (ConfigException e) {
            throw new BadInput(e.getMessage());
        }
    }

    /** The sync's settings from the same environment, or one line naming the setting that is wrong. */
    static SyncSettings sync(ServerConfig config) {
        try {
            return SyncSettings.fromEnvironment(new Environment(config.environment()));
        } catch (ConfigException e) {
            throw new BadInput(e.getMessage());
        }
    }

    /** Waits for start-up on the main thread; a failure closes Vert.x and says why in one line. */
    static MeterkastServer started(Vertx vertx, Future<MeterkastServer> starting) {
        try {
            return starting.await();
        } catch (RuntimeException e) {
            vertx.close().await();
            Throwable cause = e.getCause() != null && e.getMessage() == null ? e.getCause() : e;
            throw new BadInput("cannot start: " + cause.getMessage());
        }
    }

    /** Blocks the main thread until SIGTERM or Ctrl-C, then shuts down in order. */
    static void runUntilStopped(Vertx vertx, MeterkastServer server) throws InterruptedException {
        CountDownLatch stopped = new CountDownLatch(1);
        // The hook thread is not a Vert.x thread: it may wait. Waiting step by step (rather than chaining
        // vertx.close() onto a future of the portal's context) keeps completions off event loops Vert.x has
        // already shut down.
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                server.close().await();
            } catch (RuntimeException e) {
                System.err.println("meterkast: shutdown: " + e.getMessage());
            }
            vertx.close().await();
            stopped.countDown();
        }, "meterkast-shutdown"));
        stopped.await();
    }
}
