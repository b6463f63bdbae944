package be.meterkast.server;

import be.meterkast.store.Database;
import be.meterkast.store.SecretBox;
import be.meterkast.sync.SyncControl;
import io.vertx.core.Future;
import io.vertx.core.Vertx;

import java.time.Clock;

/**
 * Creates the background sync for a server; the server starts it ({@link SyncControl.Managed#start}) once its
 * port is bound. Tests substitute their own.
 */
@FunctionalInterface
public interface SyncFactory {
    Future<SyncControl.Managed> create(Vertx vertx, Database database, SecretBox secrets, Clock clock, ServerConfig config);
}
