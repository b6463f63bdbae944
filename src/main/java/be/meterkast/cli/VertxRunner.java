package be.meterkast.cli;

import io.vertx.core.Future;
import io.vertx.core.Vertx;

import java.util.function.Function;

/**
 * Runs one asynchronous job to completion for a command. Waiting is fine here: this is the CLI's main
 * thread, never an event loop.
 */
final class VertxRunner {
    private VertxRunner() {
    }

    static <T> T run(Function<Vertx, Future<T>> job) {
        Vertx vertx = Vertx.vertx();
        try {
            return job.apply(vertx).await();
        } finally {
            vertx.close().await();
        }
    }
}
