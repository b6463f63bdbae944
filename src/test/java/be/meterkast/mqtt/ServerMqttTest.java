package be.meterkast.mqtt;

import be.meterkast.domain.MeterKind;
import be.meterkast.domain.MeterRef;
import be.meterkast.app.alerts.AlertInput;
import be.meterkast.app.alerts.AlertService;
import be.meterkast.server.MeterkastServer;
import be.meterkast.server.ServerConfig;
import be.meterkast.store.AccountStatus;
import be.meterkast.store.FluviusAccount;
import be.meterkast.store.Meter;
import be.meterkast.store.Repositories;
import be.meterkast.store.TestDatabases;
import be.meterkast.sync.LinkResult;
import be.meterkast.sync.SyncControl;
import be.meterkast.sync.SyncEvents;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** The portal as {@code serve} runs it, with and without {@code METERKAST_MQTT_URL}, beside a real Mosquitto. */
@DisplayName("The portal and MQTT")
class ServerMqttTest {
    @TempDir
    Path directory;

    private Vertx vertx;
    private TestDatabases.Fresh fresh;
    private Mosquitto broker;
    private MeterkastServer server;
    private Subscriber subscriber;

    @BeforeEach
    void start() throws Exception {
        Assumptions.assumeTrue(Mosquitto.installed(), "Debian's mosquitto is not installed");
        vertx = Vertx.vertx();
        fresh = TestDatabases.create();
        broker = Mosquitto.start(directory);
    }

    @AfterEach
    void stop() throws Exception {
        if (subscriber != null) {
            subscriber.close();
        }
        if (server != null) {
            server.close().await();
        }
        if (broker != null) {
            broker.close();
        }
        if (fresh != null) {
            TestDatabases.drop(fresh);
        }
        if (vertx != null) {
            vertx.close().await();
        }
    }

    @Test
    @DisplayName("with METERKAST_MQTT_URL the portal publishes its meters for Home Assistant, and says offline when it stops")
    void on() {
        server = serve(Map.of("METERKAST_MQTT_URL", broker.url(), "METERKAST_MQTT_PREFIX", "thuis",
                "METERKAST_MQTT_DISCOVERY_PREFIX", "ha"));
        subscriber = Subscriber.connect(vertx, broker.port);
        subscriber.await("thuis/status", r -> r.payload().equals("online"));
        Meter meter = meter(server.services());

        vertx.eventBus().publish(SyncEvents.METER_SYNCED, meter.id());

        assertThat(subscriber.await("ha/sensor/thuis/meter_" + meter.id() + "_offtake_total/config").json()
                .getJsonObject("device").getString("name")).isEqualTo("Thuis");
        assertThat(subscriber.await("thuis/meter/" + meter.id() + "/state").json().getString("sync_status"))
                .isEqualTo("files_only");
        assertThat(server.mqtt().enabled()).isTrue();
        assertThat(server.mqtt().statusTopic()).contains("thuis/status");

        server.close().await();
        server = null;

        assertThat(subscriber.await("thuis/status", r -> r.payload().equals("offline")).payload()).isEqualTo("offline");
    }

    @Test
    @DisplayName("an alert reaches the MQTT event topic, not retained, on the portal's own connection")
    void alertOnTheEventTopic() {
        server = serve(Map.of("METERKAST_MQTT_URL", broker.url(), "METERKAST_MQTT_PREFIX", "thuis"));
        subscriber = Subscriber.connect(vertx, broker.port);
        subscriber.await("thuis/status", r -> r.payload().equals("online"));
        Repositories store = server.services();
        Meter meter = meter(store);
        long owner = store.users().findByUsername("owner").await().orElseThrow().id();
        FluviusAccount account = store.accounts().create(meter.householdId(), "owner@example.be", "secret").await();
        store.accounts().updateStatus(account.id(), AccountStatus.LOCKED, Optional.empty(), Optional.empty()).await();
        AlertInput.Result input = AlertInput.parse(Map.of(AlertInput.ACCOUNT_ATTENTION, "true", AlertInput.MQTT, "true"));
        store.alerts().saveSettings(owner, input.settings().orElseThrow(), Instant.now()).await();

        AlertService.Round round = server.alerts().runOnce().await();

        assertThat(round.raised()).isEqualTo(1);
        Subscriber.Received alert = subscriber.await("thuis/alerts/" + owner);
        assertThat(alert.json().getString("rule")).isEqualTo("account");
        assertThat(alert.retained()).isFalse();
    }

    @Test
    @DisplayName("without METERKAST_MQTT_URL nothing is published, and the connection's publish fails at once")
    void off() {
        server = serve(Map.of());
        Meter meter = meter(server.services());

        vertx.eventBus().publish(SyncEvents.METER_SYNCED, meter.id());

        assertThat(server.mqtt().enabled()).isFalse();
        assertThat(server.homeAssistant()).isEmpty();
        assertThat(server.mqtt().publish("meterkast/events", "{}", false).failed()).isTrue();
        subscriber = Subscriber.connect(vertx, broker.port).fence();
        assertThat(subscriber.topics()).isEmpty();
    }

    private MeterkastServer serve(Map<String, String> settings) {
        Map<String, String> environment = new HashMap<>(settings);
        environment.put("DATABASE_URL", fresh.url());
        environment.put("METERKAST_DATA_DIR", directory.toString());
        ServerConfig config = ServerConfig.fromEnvironment(environment).withPort(0);
        return MeterkastServer.start(vertx, config, Clock.systemUTC(),
                (v, db, secrets, clock, cfg) -> Future.succeededFuture(new NoSync())).await();
    }

    private static Meter meter(Repositories store) {
        long owner = store.users().create("owner", "Owner", "$argon2id$v=19$m=19456,t=2,p=1$c2FsdA$aGFzaA", false)
                .await().id();
        long household = store.households().create("Thuis", owner).await().id();
        return store.meters().create(household, Optional.empty(), new MeterRef("541448820000000015", "1SAG1100000001"),
                MeterKind.ELECTRICITY, "Thuis", Optional.empty()).await();
    }

    /** These tests need no Fluvius. */
    private static final class NoSync implements SyncControl.Managed {
        @Override
        public Future<LinkResult> linkAccount(long householdId, String email, String password) {
            return Future.failedFuture("no sync in this test");
        }

        @Override
        public Future<LinkResult> updatePassword(long accountId, String password) {
            return Future.failedFuture("no sync in this test");
        }

        @Override
        public Future<Void> meterAdded(long meterId) {
            return Future.succeededFuture();
        }

        @Override
        public Future<Void> refreshNow(long meterId) {
            return Future.succeededFuture();
        }

        @Override
        public void accountRemoved(long accountId) {
        }

        @Override
        public Future<Void> stop() {
            return Future.succeededFuture();
        }
    }
}
