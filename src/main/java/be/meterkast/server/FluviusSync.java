package be.meterkast.server;

import be.meterkast.fluvius.FluviusClient;
import be.meterkast.fluvius.FluviusOptions;
import be.meterkast.sync.SyncControl;
import be.meterkast.sync.SyncService;
import be.meterkast.sync.SyncSettings;

/** The real sync: a {@link SyncService} talking to the Fluvius portal the configuration names. */
public final class FluviusSync {
    private FluviusSync() {
    }

    public static SyncFactory factory(SyncSettings settings) {
        return (vertx, database, secrets, clock, config) -> {
            FluviusClient client = new FluviusClient(vertx, FluviusOptions.forPortal(config.fluviusPortal()), clock);
            SyncService sync = SyncService.create(vertx, client, database.pool(), secrets, settings, clock);
            return sync.start().map(v -> (SyncControl.Managed) sync);
        };
    }
}
