package be.meterkast.web;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The first phase of a graceful stop. Vert.x 5.0.7's {@code HttpServer.shutdown} closes an idle keep-alive
 * connection at once, so a request the browser sent on it just after SIGTERM is met by a reset. Instead, for
 * {@link #WINDOW} (or until every connection has closed) the server keeps its connections: each request that
 * arrives is answered as usual, with {@code Connection: close}, and its connection closes after that response.
 * Only then does {@code shutdown} close the listener and what is still idle.
 */
final class ShutdownDrain {
    /** How long after the signal a request on a kept-alive connection is still answered. */
    static final Duration WINDOW = Duration.ofSeconds(1);

    private final Set<HttpConnection> open = ConcurrentHashMap.newKeySet();
    private final Promise<Void> allClosed = Promise.promise();
    private volatile boolean draining;
    private volatile long graceMillis;

    /** For {@code HttpServer.connectionHandler}: the connections a drain waits for. */
    void track(HttpConnection connection) {
        open.add(connection);
        connection.closeHandler(closed -> {
            open.remove(connection);
            if (draining && open.isEmpty()) {
                allClosed.tryComplete();
            }
        });
    }

    /** First on the router: while draining, the response says it is the connection's last, and it is. */
    void handle(RoutingContext ctx) {
        if (draining) {
            ctx.response().putHeader(HttpHeaders.CONNECTION, HttpHeaders.CLOSE);
            // Vert.x closes a connection being shut down once the response under way is written
            ctx.request().connection().shutdown(graceMillis, TimeUnit.MILLISECONDS);
        }
        ctx.next();
    }

    /**
     * From now on every response says it is its connection's last. Called for every copy of the portal at once,
     * before any is undeployed: Vert.x stops the copies one after another, and a copy not yet told would answer a
     * request in between as if nothing were happening, leaving a kept-alive connection that is then closed idle.
     */
    void announce(Duration grace) {
        graceMillis = grace.toMillis();
        draining = true;
    }

    /** Completes after {@link #WINDOW}, or sooner once no connection is open; never longer than {@code grace}. */
    Future<Void> drain(Vertx vertx, Duration grace) {
        announce(grace);
        if (open.isEmpty()) {
            allClosed.tryComplete();
        }
        long window = Math.min(WINDOW.toMillis(), grace.toMillis());
        if (window <= 0) {
            return Future.succeededFuture();
        }
        long timer = vertx.setTimer(window, id -> allClosed.tryComplete());
        return allClosed.future().andThen(done -> vertx.cancelTimer(timer));
    }
}
