package be.meterkast.sync;

/**
 * What the sync tells the rest of this process on the Vert.x event bus (local, fire and forget: nobody it tells
 * can slow it down). Listeners read what changed from PostgreSQL.
 */
public final class SyncEvents {
    /**
     * Published after each run of a meter whose outcome was recorded (stored readings, or a failure the meter's
     * sync status now shows); the body is the meter's id as a {@code Long}.
     */
    public static final String METER_SYNCED = "meterkast.sync.meter-synced";

    private SyncEvents() {
    }
}
