package be.meterkast.server;

import be.meterkast.fluvius.FluviusClient;
import be.meterkast.fluvius.FluviusOptions;
import be.meterkast.sync.SyncControl;
import be.meterkast.sync.SyncInstance;
import be.meterkast.sync.SyncService;
import be.meterkast.sync.SyncSettings;

/**
 * The real sync: a {@link SyncService} talking to the Fluvius portal the configuration names, with an instance
 * id of its own (several instances may share the database). Created, not started: the server starts it.
 */
public final class FluviusSync {
    private FluviusSync() {
    }

    public static SyncFactory factory(SyncSettings settings) {
        return (vertx, database, secrets, clock, config) -> {
            FluviusClient client = new FluviusClient(vertx, FluviusOptions.forPortal(config.fluviusPortal()), clock);
            // the host name lookup may block
            return vertx.executeBlocking(SyncInstance::generate).map(instance -> (SyncControl.Managed)
                    SyncService.create(vertx, client, database.pool(), secrets, settings, clock, instance));
        };
    }
}
