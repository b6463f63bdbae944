package be.meterkast.server;

import be.meterkast.store.Database;
import be.meterkast.store.SecretBox;
import be.meterkast.sync.SyncControl;
import io.vertx.core.Future;
import io.vertx.core.Vertx;

import java.time.Clock;

/** Starts the background sync for a server; tests substitute their own. */
@FunctionalInterface
public interface SyncFactory {
    Future<SyncControl.Managed> start(Vertx vertx, Database database, SecretBox secrets, Clock clock, ServerConfig config);
}
