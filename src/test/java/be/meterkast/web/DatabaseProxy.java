package be.meterkast.web;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetSocket;
import io.vertx.pgclient.PgConnectOptions;

import java.net.URI;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A TCP relay on loopback between the portal and PostgreSQL, so a test can take "the database" away and bring
 * it back without touching the shared server: {@link #down} cuts the open connections and hangs up on new ones
 * at once, as a PostgreSQL going down does; {@link #hang} keeps connections open and passes nothing on, as an
 * unreachable host does; {@link #up} relays again. The relay keeps its port throughout: giving it up and
 * binding it again could lose it to another build's ephemeral port on a shared machine.
 */
final class DatabaseProxy {
    private final Vertx vertx;
    private final String targetHost;
    private final int targetPort;
    private final NetClient client;
    private final Set<NetSocket> open = ConcurrentHashMap.newKeySet();
    private volatile boolean hanging;
    private volatile boolean refusing;
    private NetServer server;
    private int port;

    private DatabaseProxy(Vertx vertx, String targetHost, int targetPort) {
        this.vertx = vertx;
        this.targetHost = targetHost;
        this.targetPort = targetPort;
        this.client = vertx.createNetClient();
    }

    /** A relay to the database of {@code url}, listening; {@link #url} is the same URL through it. */
    static DatabaseProxy start(Vertx vertx, String url) {
        PgConnectOptions target = PgConnectOptions.fromUri(url);
        DatabaseProxy proxy = new DatabaseProxy(vertx, target.getHost(), target.getPort());
        proxy.listen(0).await();
        return proxy;
    }

    /** {@code url} with its host and port replaced by this relay's. */
    String url(String url) {
        URI uri = URI.create(url);
        return url.replaceFirst("@" + java.util.regex.Pattern.quote(uri.getHost() + ":" + uri.getPort()),
                "@127.0.0.1:" + port);
    }

    void down() {
        refusing = true;
        open.forEach(NetSocket::close);
        open.clear();
    }

    void hang() {
        hanging = true;
    }

    void up() {
        hanging = false;
        refusing = false;
    }

    private Future<NetServer> listen(int onPort) {
        server = vertx.createNetServer().connectHandler(this::relay);
        return server.listen(onPort, "127.0.0.1").onSuccess(s -> port = s.actualPort());
    }

    private void relay(NetSocket incoming) {
        if (refusing) {
            incoming.close();
            return;
        }
        open.add(incoming);
        incoming.pause();
        client.connect(targetPort, targetHost).onSuccess(outgoing -> {
            open.add(outgoing);
            incoming.handler(data -> {
                if (!hanging) {
                    outgoing.write(data);
                }
            });
            outgoing.handler(data -> {
                if (!hanging) {
                    incoming.write(data);
                }
            });
            incoming.closeHandler(v -> outgoing.close());
            outgoing.closeHandler(v -> incoming.close());
            incoming.resume();
        }).onFailure(err -> incoming.close());
    }
}
