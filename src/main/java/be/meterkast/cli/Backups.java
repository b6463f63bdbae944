package be.meterkast.cli;

import be.meterkast.server.ServerConfig;
import be.meterkast.store.Database;
import io.vertx.core.Vertx;

import java.util.Map;
import java.util.stream.Collectors;

/** What {@code export} and {@code import} print. */
final class Backups {
    private Backups() {
    }

    /** The database 'serve' would use; a failure says what to check in one line. */
    static Database open(Vertx vertx, ServerConfig config) {
        try {
            return Database.start(vertx, config.database()).await();
        } catch (RuntimeException e) {
            Throwable cause = e.getCause() != null && e.getMessage() == null ? e.getCause() : e;
            throw new BadInput("cannot open the database: " + cause.getMessage() + (config.database().isEmbedded()
                    ? " (is the portal still running on " + config.database().dataDirectory() + "? stop it first)" : ""));
        }
    }

    static String summary(Map<String, Long> counts) {
        return counts.entrySet().stream().filter(e -> e.getValue() > 0)
                .map(e -> e.getValue() + " " + e.getKey().replace('_', ' '))
                .collect(Collectors.joining(", "));
    }
}
