package be.meterkast.mqtt;

import be.meterkast.analysis.CapacityTariff;
import be.meterkast.app.costs.CostService;
import be.meterkast.app.readings.ReadingService;
import be.meterkast.config.Environment;
import be.meterkast.domain.Direction;
import be.meterkast.domain.MeterKind;
import be.meterkast.domain.MeterRef;
import be.meterkast.domain.MonthlyPeak;
import be.meterkast.domain.Reading;
import be.meterkast.domain.Tariff;
import be.meterkast.domain.TariffPeriod;
import be.meterkast.domain.Unit;
import be.meterkast.domain.time.LocalDays;
import be.meterkast.store.Database;
import be.meterkast.store.DatabaseConfig;
import be.meterkast.store.Meter;
import be.meterkast.store.Repositories;
import be.meterkast.store.SecretBox;
import be.meterkast.store.TestDatabases;
import be.meterkast.sync.SyncEvents;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import be.meterkast.mqtt.Subscriber.Received;

import static org.assertj.core.api.Assertions.assertThat;
import be.meterkast.mqtt.Subscriber.Received;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Meters as Home Assistant sees them over a real Mosquitto: discovery configs, retained states equal to the stored
 * readings, updates after a sync run, removal, a broker restart and the last will.
 */
@DisplayName("Home Assistant over MQTT")
class HomeAssistantTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-01T10:00:00Z"), ZoneOffset.UTC);
    private static final LocalDate NOV_29 = LocalDate.of(2026, 11, 29);
    private static final LocalDate NOV_30 = LocalDate.of(2026, 11, 30);
    private static final LocalDate OCT_31 = LocalDate.of(2026, 10, 31);
    private static final String EAN = "541448820000000015";
    private static final String GAS_EAN = "541448820000000039";

    @TempDir
    Path directory;

    private Vertx vertx;
    private TestDatabases.Fresh fresh;
    private Database database;
    private Repositories store;
    private Mosquitto broker;
    private final List<HomeAssistant> publishers = new ArrayList<>();
    private final List<Subscriber> subscribers = new ArrayList<>();
    private Meter solar;
    private Meter gas;
    private long householdId;

    @BeforeEach
    void start() throws Exception {
        Assumptions.assumeTrue(Mosquitto.installed(), "Debian's mosquitto is not installed");
        vertx = Vertx.vertx();
        fresh = TestDatabases.create();
        database = Database.start(vertx, DatabaseConfig.external(fresh.url(), directory)).await();
        store = new Repositories(database.pool(), SecretBox.withNewKey());
        broker = Mosquitto.start(directory);
        long owner = store.users().create("owner", "Owner", "$argon2id$v=19$m=19456,t=2,p=1$c2FsdA$aGFzaA", false)
                .await().id();
        householdId = store.households().create("Thuis", owner).await().id();
        long account = store.accounts().create(householdId, "demo@meterkast.test", "demo-password").await().id();
        solar = store.meters().create(householdId, Optional.of(account), new MeterRef(EAN, "1SAG1100000001"),
                MeterKind.ELECTRICITY, "Zon", Optional.empty()).await();
        gas = store.meters().create(householdId, Optional.empty(), new MeterRef(GAS_EAN, "2ZCF0000000003"),
                MeterKind.GAS, "Gas", Optional.of(Unit.M3)).await();
        store.readings().upsert(solar.id(), List.of(
                electricity(OCT_31, Tariff.NIGHT, Direction.OFFTAKE, "7.000"),
                electricity(NOV_29, Tariff.DAY, Direction.OFFTAKE, "4.250"),
                electricity(NOV_29, Tariff.NIGHT, Direction.OFFTAKE, "3.125"),
                electricity(NOV_29, Tariff.DAY, Direction.INJECTION, "1.500"),
                electricity(NOV_30, Tariff.DAY, Direction.OFFTAKE, "5.500"),
                electricity(NOV_30, Tariff.NIGHT, Direction.OFFTAKE, "2.750"),
                electricity(NOV_30, Tariff.DAY, Direction.INJECTION, "3.250"),
                electricity(NOV_30, Tariff.NIGHT, Direction.INJECTION, "0.125"))).await();
        store.peaks().upsert(solar.id(), List.of(
                peak(YearMonth.of(2026, 10), "2.000", "2026-10-12T17:00:00Z"),
                peak(YearMonth.of(2026, 11), "3.200", "2026-11-20T18:15:00Z"))).await();
        store.meterSync().saveProgress(solar.id(), true, Optional.empty(), Optional.empty(), 10, 10).await();
        store.meterSync().recordSuccess(solar.id(), Instant.parse("2026-12-01T05:00:00Z"),
                Instant.parse("2026-12-01T11:00:00Z")).await();
        store.readings().upsert(gas.id(), List.of(gasDay(NOV_29, "2.345"), gasDay(LocalDate.of(2026, 11, 28), "3.210")))
                .await();
        store.tariffs().replace(householdId, List.of(new TariffPeriod(LocalDate.of(2026, 1, 1),
                Optional.of(new BigDecimal("0.30")), Optional.of(new BigDecimal("0.20")), Optional.empty(),
                Optional.of(new BigDecimal("0.05")), Optional.of(new BigDecimal("0.10")), Optional.of(new BigDecimal("48")),
                Optional.of(new BigDecimal("365")), TariffPeriod.DEFAULT_VAT_PERCENT, false))).await();
    }

    @AfterEach
    void stop() throws Exception {
        subscribers.forEach(Subscriber::close);
        for (HomeAssistant publisher : publishers) {
            publisher.stop().await();
        }
        if (broker != null) {
            broker.close();
        }
        if (database != null) {
            database.close().await();
            TestDatabases.drop(fresh);
        }
        if (vertx != null) {
            vertx.close().await();
        }
    }

    @Test
    @DisplayName("each meter is a Fluvius device under the Meterkast instance, with sensors Home Assistant can read")
    void discoveryConfigs() {
        publishing();
        Subscriber ha = lateSubscriber();

        JsonObject offtake = config(ha, solar, "offtake_day");
        assertThat(offtake.getString("name")).isEqualTo("Offtake day register");
        assertThat(offtake.getString("unique_id")).isEqualTo("meterkast_meter_" + solar.id() + "_offtake_day");
        assertThat(offtake.getString("state_topic")).isEqualTo("meterkast/meter/" + solar.id() + "/state");
        assertThat(offtake.getString("value_template")).isEqualTo("{{ value_json.offtake_day }}");
        assertThat(offtake.getString("availability_topic")).isEqualTo("meterkast/status");
        assertThat(offtake.getString("payload_available")).isEqualTo("online");
        assertThat(offtake.getString("payload_not_available")).isEqualTo("offline");
        assertThat(offtake.getString("last_reset_value_template")).isEqualTo("{{ value_json.day_start }}");
        assertThat(classes(offtake)).containsExactly("energy", "total", "kWh");
        JsonObject device = offtake.getJsonObject("device");
        assertThat(device.getJsonArray("identifiers")).isEqualTo(new JsonArray().add(EAN));
        assertThat(device.getString("name")).isEqualTo("Zon");
        assertThat(device.getString("manufacturer")).isEqualTo("Fluvius");
        assertThat(device.getString("model")).isEqualTo("electricity");
        assertThat(device.getString("via_device")).isEqualTo("meterkast");

        assertThat(classes(config(ha, solar, "net"))).containsExactly("energy", "total", "kWh");
        assertThat(classes(config(ha, solar, "month_offtake"))).containsExactly("energy", "total", "kWh");
        assertThat(config(ha, solar, "month_offtake").getString("last_reset_value_template"))
                .isEqualTo("{{ value_json.month_start }}");
        assertThat(classes(config(ha, solar, "peak"))).containsExactly("power", "measurement", "kW");
        assertThat(config(ha, solar, "peak").getString("json_attributes_template"))
                .isEqualTo("{{ value_json.peak_attributes | tojson }}");
        assertThat(classes(config(ha, solar, "peak_average"))).containsExactly("power", "measurement", "kW");
        assertThat(classes(config(ha, solar, "cost_month"))).containsExactly("monetary", "total", "EUR");
        assertThat(config(ha, solar, "day").getString("device_class")).isEqualTo("date");
        JsonObject status = config(ha, solar, "sync_status");
        assertThat(status.getString("device_class")).isEqualTo("enum");
        assertThat(status.getJsonArray("options")).containsExactlyInAnyOrder("ok", "loading_history", "error", "waiting",
                "files_only", "no_account");
        assertThat(classes(config(ha, solar, "offtake_total"))).containsExactly("energy", "total_increasing", "kWh");
        assertThat(classes(config(ha, solar, "injection_total"))).containsExactly("energy", "total_increasing", "kWh");

        assertThat(config(ha, gas, "gas").getJsonObject("device").getString("model")).isEqualTo("gas");
        assertThat(classes(config(ha, gas, "gas"))).containsExactly("gas", "total", "m³");
        assertThat(classes(config(ha, gas, "gas_total"))).containsExactly("gas", "total_increasing", "m³");
        assertThat(ha.latest(configTopic(gas, "offtake_day"))).as("electricity sensors only for electricity").isEmpty();

        JsonObject instance = ha.await("homeassistant/sensor/meterkast/instance_last_sync/config").json();
        assertThat(instance.getJsonObject("device").getJsonArray("identifiers")).isEqualTo(new JsonArray().add("meterkast"));
        assertThat(instance.getString("device_class")).isEqualTo("timestamp");

        List<String> uniqueIds = ha.topics().stream().filter(t -> t.endsWith("/config"))
                .map(t -> ha.await(t).json().getString("unique_id")).toList();
        assertThat(uniqueIds).doesNotHaveDuplicates().hasSize(15 + 6 + 2);
    }

    @Test
    @DisplayName("states are the stored readings of the newest day, the month so far, the peaks, cost and lifetime totals")
    void statesEqualStoredReadings() {
        publishing();
        Subscriber ha = lateSubscriber();

        JsonObject state = ha.await("meterkast/meter/" + solar.id() + "/state").json();
        assertThat(state.getString("day")).isEqualTo("2026-11-30");
        assertThat(state.getString("day_start")).isEqualTo("2026-11-30T00:00:00+01:00");
        assertThat(state.getString("month_start")).isEqualTo("2026-11-01T00:00:00+01:00");
        assertThat(number(state, "offtake_day")).isEqualByComparingTo("5.500");
        assertThat(number(state, "offtake_night")).isEqualByComparingTo("2.750");
        assertThat(number(state, "injection_day")).isEqualByComparingTo("3.250");
        assertThat(number(state, "injection_night")).isEqualByComparingTo("0.125");
        assertThat(number(state, "net")).isEqualByComparingTo("4.875");
        assertThat(number(state, "month_offtake")).as("29 and 30 November").isEqualByComparingTo("15.625");
        assertThat(number(state, "month_injection")).isEqualByComparingTo("4.875");
        assertThat(number(state, "month_net")).isEqualByComparingTo("10.750");
        assertThat(number(state, "peak")).isEqualByComparingTo("3.200");
        assertThat(state.getJsonObject("peak_attributes").getString("start")).isEqualTo("2026-11-20T18:15:00Z");
        assertThat(state.getJsonObject("peak_attributes").getString("end")).isEqualTo("2026-11-20T18:30:00Z");
        assertThat(number(state, "peak_average")).as("(2.5 minimum for October + 3.2) / 2")
                .isEqualByComparingTo(CapacityTariff.rows(store.peaks().list(solar.id()).await()).get(0).runningAverage())
                .isEqualByComparingTo("2.850");
        BigDecimal cost = new CostService(store).costs(solar, LocalDate.of(2026, 11, 1), NOV_30).await()
                .total().rounded().total();
        assertThat(number(state, "cost_month")).as("as the costs page prices November").isEqualByComparingTo(cost);
        assertThat(number(state, "offtake_total")).as("every stored day").isEqualByComparingTo("22.625");
        assertThat(number(state, "injection_total")).isEqualByComparingTo("4.875");
        assertThat(state.getString("sync_status")).isEqualTo("ok");
        assertThat(state.getJsonObject("sync_attributes").getString("last_success")).isEqualTo("2026-12-01T05:00:00Z");

        JsonObject gasState = ha.await("meterkast/meter/" + gas.id() + "/state").json();
        assertThat(gasState.getString("day")).isEqualTo("2026-11-29");
        assertThat(gasState.getString("day_start")).as("gas days start at 06:00").isEqualTo("2026-11-29T06:00:00+01:00");
        assertThat(number(gasState, "gas")).isEqualByComparingTo("2.345");
        assertThat(number(gasState, "month_gas")).isEqualByComparingTo("5.555");
        assertThat(number(gasState, "gas_total")).isEqualByComparingTo("5.555");
        assertThat(gasState.getString("sync_status")).isEqualTo("files_only");
        assertThat(gasState.getValue("cost_month")).as("gas stored in m³ only: its kWh cannot be priced").isNull();
        assertThat(gasState.getJsonObject("cost_attributes").getJsonArray("missing")).contains("gas_kwh");

        assertThat(ha.await("meterkast/status").payload()).isEqualTo("online");
        assertThat(ha.await("meterkast/state").json().getInteger("meters")).isEqualTo(2);
    }

    @Test
    @DisplayName("configs, states and availability are retained: a subscriber that comes later gets them all")
    void retained() {
        publishing();
        Subscriber late = lateSubscriber();

        assertThat(late.all).filteredOn(r -> !r.topic().startsWith("test/")).isNotEmpty()
                .allSatisfy(r -> assertThat(r.retained()).as(r.topic()).isTrue());
        assertThat(late.topics()).contains("meterkast/status", "meterkast/state",
                "meterkast/meter/" + solar.id() + "/state", "meterkast/meter/" + gas.id() + "/state",
                configTopic(solar, "offtake_total"), configTopic(gas, "gas_total"));
    }

    @Test
    @DisplayName("after a sync run the meter's state shows what the run stored")
    void afterSyncRun() {
        HomeAssistant publisher = publishing();
        Subscriber ha = lateSubscriber();
        LocalDate dec1 = LocalDate.of(2026, 12, 1);
        store.readings().upsert(solar.id(), List.of(electricity(dec1, Tariff.DAY, Direction.OFFTAKE, "9.000"))).await();

        vertx.eventBus().publish(SyncEvents.METER_SYNCED, solar.id());

        JsonObject state = ha.await("meterkast/meter/" + solar.id() + "/state",
                r -> r.json().getString("day").equals("2026-12-01")).json();
        assertThat(number(state, "offtake_day")).isEqualByComparingTo("9.000");
        assertThat(number(state, "month_offtake")).as("a new month").isEqualByComparingTo("9.000");
        assertThat(state.getValue("peak")).as("no December peak stored yet").isNull();
        assertThat(number(state, "offtake_total")).isEqualByComparingTo("31.625");
        publisher.idle().await();
    }

    @Test
    @DisplayName("a failed run shows as the sync status error; without tariffs the cost sensor goes")
    void failedRunAndNoTariffs() {
        HomeAssistant publisher = publishing();
        Subscriber ha = lateSubscriber();
        store.meterSync().recordError(solar.id(), "Fluvius is unavailable", Instant.parse("2026-12-01T12:00:00Z")).await();
        store.tariffs().replace(householdId, List.of()).await();

        vertx.eventBus().publish(SyncEvents.METER_SYNCED, solar.id());

        JsonObject state = ha.await("meterkast/meter/" + solar.id() + "/state",
                r -> r.json().getString("sync_status").equals("error")).json();
        assertThat(state.getJsonObject("sync_attributes").getString("last_error")).isEqualTo("Fluvius is unavailable");
        assertThat(ha.await(configTopic(solar, "cost_month"), r -> r.payload().isEmpty()).payload()).isEmpty();
        publisher.idle().await();
    }

    @Test
    @DisplayName("a removed meter's entities go: its configs and state become empty retained messages")
    void removedMeter() {
        HomeAssistant publisher = publishing();
        Subscriber live = lateSubscriber();
        assertThat(store.meters().delete(gas.id()).await()).isTrue();

        publisher.checkMeters();
        publisher.idle().await();

        for (String topic : List.of(configTopic(gas, "gas"), configTopic(gas, "gas_total"), configTopic(gas, "day"),
                "meterkast/meter/" + gas.id() + "/state")) {
            assertThat(live.await(topic, r -> r.payload().isEmpty()).payload()).as(topic).isEmpty();
        }
        Subscriber late = lateSubscriber();
        assertThat(late.topics()).noneMatch(t -> t.contains("meter_" + gas.id() + "_") || t.contains("/" + gas.id() + "/"))
                .contains(configTopic(solar, "offtake_day"));
    }

    @Test
    @DisplayName("a meter removed while Meterkast was away loses its entities when Meterkast connects again")
    void removedWhileAway() {
        HomeAssistant first = publishing();
        List<String> meterTopics = lateSubscriber().topics().stream().filter(HomeAssistantTest::ofAMeter).toList();
        assertThat(meterTopics).as("21 configs and 2 states").hasSize(23);
        first.stop().await();
        publishers.remove(first);
        assertThat(store.households().delete(householdId).await()).isTrue();

        publishing();

        Subscriber live = lateSubscriber();
        // after its fence, the live subscriber has each retained entry unless it was emptied already
        meterTopics.forEach(topic -> waitUntil(() -> live.latest(topic).map(r -> r.payload().isEmpty()).orElse(true)));
        Subscriber late = lateSubscriber();
        assertThat(late.topics()).noneMatch(HomeAssistantTest::ofAMeter);
        assertThat(late.await("meterkast/state").json().getInteger("meters")).isZero();
    }

    @Test
    @DisplayName("after the broker restarts (its retained messages lost), Meterkast reconnects and publishes everything again")
    void reconnectAfterBrokerRestart() throws Exception {
        HomeAssistant publisher = publishing();
        lateSubscriber().close();
        broker.stop();
        waitUntil(() -> !connectionOf(publisher).connected());

        broker.start();

        Subscriber ha = Subscriber.connect(vertx, broker.port);
        subscribers.add(ha);
        ha.await("meterkast/meter/" + solar.id() + "/state");
        assertThat(ha.await("meterkast/status").payload()).isEqualTo("online");
        assertThat(ha.await(configTopic(solar, "offtake_total")).json().getString("state_class"))
                .isEqualTo("total_increasing");
    }

    @Test
    @DisplayName("the availability topic says offline after a stop, and the broker says it (last will) when Meterkast vanishes")
    void lastWill() throws Exception {
        Vertx other = Vertx.vertx();
        HomeAssistant vanishing = publisher(other);
        vanishing.start();
        Subscriber ha = Subscriber.connect(vertx, broker.port);
        subscribers.add(ha);
        ha.await("meterkast/status", r -> r.payload().equals("online"));

        other.close().await(); // the socket closes without an MQTT DISCONNECT, as when the process is killed

        assertThat(ha.await("meterkast/status", r -> r.payload().equals("offline")).payload()).isEqualTo("offline");
        HomeAssistant stopping = publishing();
        ha.await("meterkast/status", r -> r.payload().equals("online"));
        stopping.stop().await();
        publishers.remove(stopping);
        assertThat(lateSubscriber().await("meterkast/status").payload()).isEqualTo("offline");
    }

    @Test
    @DisplayName("with two instances, one vanishing does not mark the entities unavailable while the other runs")
    void twoInstances() throws Exception {
        publishing();
        Vertx other = Vertx.vertx();
        HomeAssistant second = publisher(other);
        second.start();
        Subscriber ha = Subscriber.connect(vertx, broker.port);
        subscribers.add(ha);
        waitUntil(() -> connectionOf(second).connected());

        other.close().await();

        ha.awaitEver("meterkast/status", r -> r.payload().equals("offline"));
        waitUntil(() -> {
            List<Received> status = ha.all.stream().filter(r -> r.topic().equals("meterkast/status")).toList();
            int offline = status.stream().map(Received::payload).toList().indexOf("offline");
            return status.subList(offline + 1, status.size()).stream().anyMatch(r -> r.payload().equals("online"));
        });
        assertThat(lateSubscriber().await("meterkast/status").payload()).isEqualTo("online");
    }

    @Test
    @DisplayName("when MQTT is off nothing connects and every publish fails at once")
    void off() {
        MqttConnection off = MqttConnection.off(vertx);

        assertThat(off.enabled()).isFalse();
        assertThat(off.start().succeeded()).isTrue();
        assertThatThrownBy(() -> off.publish("meterkast/events", "{}", false).await())
                .isInstanceOf(MqttConnection.NotPublished.class).hasMessageContaining("METERKAST_MQTT_URL");
        assertThat(MqttSettings.fromEnvironment(new Environment(Map.of()))).isEmpty();
    }

    @Test
    @DisplayName("a publish while the broker is down fails at once instead of waiting for it")
    void brokerDown() throws Exception {
        HomeAssistant publisher = publishing();
        lateSubscriber();
        broker.stop();
        waitUntil(() -> !connectionOf(publisher).connected());

        assertThatThrownBy(() -> connectionOf(publisher).publish("meterkast/events", "{}", false).await())
                .isInstanceOf(MqttConnection.NotPublished.class);
    }

    // ---- helpers ----

    private final Map<HomeAssistant, MqttConnection> connections = new java.util.concurrent.ConcurrentHashMap<>();

    private HomeAssistant publishing() {
        HomeAssistant publisher = publisher(vertx);
        publisher.start();
        publishers.add(publisher);
        return publisher;
    }

    private HomeAssistant publisher(Vertx on) {
        MqttSettings settings = MqttSettings.fromEnvironment(new Environment(Map.of("METERKAST_MQTT_URL", broker.url())))
                .orElseThrow().withReconnect(Duration.ofMillis(50), Duration.ofMillis(500));
        MqttConnection connection = MqttConnection.to(on, settings);
        Repositories repositories = on == vertx ? store : new Repositories(database.pool(), SecretBox.withNewKey());
        HomeAssistant publisher = new HomeAssistant(on, connection, repositories, new MeterStates(repositories,
                new ReadingService(CLOCK, repositories), new CostService(repositories)), Duration.ofHours(1));
        connections.put(publisher, connection);
        return publisher;
    }

    private MqttConnection connectionOf(HomeAssistant publisher) {
        return connections.get(publisher);
    }

    /**
     * Connects once a first subscriber has seen the instance state (published last), so that everything it gets
     * is retained, and waits until it has every retained message.
     */
    private Subscriber lateSubscriber() {
        try (Subscriber watcher = Subscriber.connect(vertx, broker.port)) {
            watcher.await("meterkast/state");
        }
        Subscriber s = Subscriber.connect(vertx, broker.port);
        subscribers.add(s);
        return s.fence();
    }

    private static boolean ofAMeter(String topic) {
        return topic.contains("/meter_") || topic.contains("/meter/");
    }

    private static void waitUntil(java.util.function.BooleanSupplier condition) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("condition not met within 20 s");
            }
            Subscriber.pause();
        }
    }

    private static String configTopic(Meter meter, String sensor) {
        return "homeassistant/sensor/meterkast/meter_" + meter.id() + "_" + sensor + "/config";
    }

    private static JsonObject config(Subscriber ha, Meter meter, String sensor) {
        return ha.await(configTopic(meter, sensor)).json();
    }

    private static List<String> classes(JsonObject config) {
        return List.of(config.getString("device_class"), config.getString("state_class"),
                config.getString("unit_of_measurement"));
    }

    private static BigDecimal number(JsonObject state, String key) {
        Object value = state.getValue(key);
        assertThat(value).as(key).isInstanceOf(Number.class);
        return new BigDecimal(value.toString());
    }

    private static Reading electricity(LocalDate day, Tariff tariff, Direction direction, String kwh) {
        return new Reading(day.atStartOfDay(LocalDays.BRUSSELS).toInstant(),
                day.plusDays(1).atStartOfDay(LocalDays.BRUSSELS).toInstant(), tariff, direction, Unit.KWH,
                new BigDecimal(kwh), false);
    }

    private static Reading gasDay(LocalDate day, String m3) {
        return new Reading(LocalDays.start(day, LocalDays.BRUSSELS, LocalDays.GAS_DAY_START),
                LocalDays.start(day.plusDays(1), LocalDays.BRUSSELS, LocalDays.GAS_DAY_START), Tariff.SINGLE,
                Direction.OFFTAKE, Unit.M3, new BigDecimal(m3), false);
    }

    private static MonthlyPeak peak(YearMonth month, String kw, String start) {
        Instant from = Instant.parse(start);
        return new MonthlyPeak(month, new BigDecimal(kw), from, from.plus(Duration.ofMinutes(15)));
    }
}
