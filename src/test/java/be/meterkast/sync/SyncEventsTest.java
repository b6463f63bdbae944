package be.meterkast.sync;

import be.meterkast.fluvius.sim.SimAccounts;
import be.meterkast.store.Meter;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class SyncEventsTest extends SyncTestBase {

    @Test
    @DisplayName("after a meter's run the sync announces the meter on the event bus, its readings already stored")
    void runAnnounced() throws Exception {
        SyncService sync = sync();
        long household = household();
        long accountId = sync.linkAccount(household, SimAccounts.DEMO_EMAIL, SimAccounts.DEMO_PASSWORD).await().accountId();
        Meter meter = meter(household, accountId, SimAccounts.DEMO_SOLAR);
        CompletableFuture<Long> announced = new CompletableFuture<>();
        CompletableFuture<Long> storedThen = new CompletableFuture<>();
        vertx.eventBus().<Long>localConsumer(SyncEvents.METER_SYNCED, message -> {
            announced.complete(message.body());
            readings.count(message.body()).onSuccess(storedThen::complete);
        });

        sync.refreshNow(meter.id()).await();

        assertThat(announced.get(10, TimeUnit.SECONDS)).isEqualTo(meter.id());
        assertThat(storedThen.get(10, TimeUnit.SECONDS)).isPositive();
    }
}
