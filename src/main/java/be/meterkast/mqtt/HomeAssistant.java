package be.meterkast.mqtt;

import be.meterkast.app.costs.CostService;
import be.meterkast.app.readings.ReadingService;
import be.meterkast.store.Meter;
import be.meterkast.store.Repositories;
import be.meterkast.sync.SyncEvents;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;
import io.vertx.mqtt.messages.MqttPublishMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * Keeps Home Assistant's view of the meters true, through MQTT discovery: every config and state retained, so a
 * Home Assistant that starts later, or a broker that restarted, gets them without asking.
 *
 * <p>When: everything on each (re)connect; a meter after each recorded sync run ({@link SyncEvents#METER_SYNCED});
 * every minute a look at the list of meters, so a new meter appears and a removed one (with its household, by
 * any instance) loses its entities (empty retained configs); and everything again every hour, for what changes
 * without a sync (a new month, tariffs, imported files). Retained messages found on the broker for meters that
 * no longer exist are emptied too, so a meter removed while Meterkast was down goes as well.
 *
 * <p>Several instances on one database publish the same retained states, computed from the same rows: whoever
 * publishes last writes what the others would. Each instance's last will says {@code offline}; an instance that
 * is connected answers any {@code offline} on the availability topic with {@code online}, so one instance
 * stopping does not mark every entity unavailable while another runs.
 *
 * <p>Publishing is one job after another on the connection's context, one meter at a time, so a refresh of
 * every meter never takes more than one database connection from the pages; nothing the pages or the sync do
 * waits for it.
 */
public final class HomeAssistant {
    private static final Logger LOG = LoggerFactory.getLogger(HomeAssistant.class);
    static final Duration MEMBERSHIP_CHECK = Duration.ofMinutes(1);
    /** Every so many membership checks, everything is published again. */
    static final int CHECKS_PER_REFRESH = 60;

    private final Vertx vertx;
    private final MqttConnection connection;
    private final Repositories store;
    private final MeterStates states;
    private final Topics topics;
    private final Discovery discovery;
    private final Duration checkEvery;

    // touched on the publishing chain only (one job at a time)
    private final Set<Long> published = new HashSet<>();
    private final Set<Long> queued = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private Future<Void> chain = Future.succeededFuture();
    private int checks;
    private long timer = -1;
    private MessageConsumer<Long> synced;
    /** The meters when the connection came up: retained entries of others are checked once more, then emptied. */
    private volatile Future<Set<Long>> existing = Future.succeededFuture(Set.of());
    private volatile boolean stopping;

    HomeAssistant(Vertx vertx, MqttConnection connection, Repositories store, MeterStates states, Duration checkEvery) {
        this.vertx = vertx;
        this.connection = connection;
        this.store = store;
        this.states = states;
        this.topics = Topics.of(connection.settings().orElseThrow());
        this.discovery = new Discovery(topics);
        this.checkEvery = checkEvery;
    }

    /** Publishing for the portal's meters over {@code connection}, which must be on (not {@link MqttConnection#off}). */
    public static HomeAssistant over(Vertx vertx, MqttConnection connection, Repositories store, Clock clock) {
        return new HomeAssistant(vertx, connection, store,
                new MeterStates(store, new ReadingService(clock, store), new CostService(store)), MEMBERSHIP_CHECK);
    }

    /** Starts connecting and publishing in the background; completes at once. */
    public Future<Void> start() {
        stopping = false;
        connection.onConnected(this::connected);
        connection.onMessage(this::received);
        synced = vertx.eventBus().<Long>localConsumer(SyncEvents.METER_SYNCED, message -> meterChanged(message.body()));
        timer = vertx.setPeriodic(checkEvery.toMillis(), id -> checkMeters());
        return connection.start();
    }

    /** Stops publishing, says {@code offline} and disconnects. */
    public Future<Void> stop() {
        stopping = true;
        if (timer >= 0) {
            vertx.cancelTimer(timer);
            timer = -1;
        }
        Future<Void> unregistered = synced == null ? Future.succeededFuture() : synced.unregister();
        return unregistered.transform(v -> chain.transform(done -> connection.stop()));
    }

    /** The jobs queued so far are done (tests wait on it instead of sleeping). */
    public Future<Void> idle() {
        return enqueue(Future::succeededFuture);
    }

    // ---- when ----

    private void connected() {
        existing = store.meters().all().map(meters -> {
            Set<Long> ids = new HashSet<>();
            meters.forEach(m -> ids.add(m.id()));
            return ids;
        });
        List<String> filters = List.of(topics.status(), topics.configs(), topics.meterStates());
        connection.subscribe(filters).onFailure(err -> LOG.debug("MQTT: subscribing failed: {}", err.toString()));
        enqueue(() -> {
            published.clear();
            return publishAll();
        });
    }

    /** The sync stored something for the meter, or failed: publish its state again (once, however often asked). */
    void meterChanged(long meterId) {
        if (!connection.connected() || !queued.add(meterId)) {
            return;
        }
        enqueue(() -> {
            queued.remove(meterId);
            return store.meters().findById(meterId)
                    .compose(meter -> meter.map(this::publishMeter).orElseGet(() -> removeMeter(meterId)))
                    .compose(v -> publishInstance());
        });
    }

    /** New meters appear, removed ones go; every {@value #CHECKS_PER_REFRESH} checks everything is sent again. */
    void checkMeters() {
        if (!connection.connected()) {
            return;
        }
        boolean refresh = ++checks % CHECKS_PER_REFRESH == 0;
        enqueue(() -> refresh ? publishAll() : store.meters().all().compose(meters -> {
            Set<Long> now = new HashSet<>();
            meters.forEach(m -> now.add(m.id()));
            Future<Void> done = Future.succeededFuture();
            boolean changed = false;
            for (Long gone : new ArrayList<>(published)) {
                if (!now.contains(gone)) {
                    changed = true;
                    done = done.compose(v -> removeMeter(gone));
                }
            }
            for (Meter meter : meters) {
                if (!published.contains(meter.id())) {
                    changed = true;
                    done = done.compose(v -> publishMeter(meter));
                }
            }
            return changed ? done.compose(v -> publishInstance()) : done;
        }));
    }

    /**
     * The availability topic and, on subscribing, every retained config and state of ours: an {@code offline}
     * another instance left is answered; a retained entry of a meter that no longer exists is emptied.
     */
    private void received(MqttPublishMessage message) {
        String topic = message.topicName();
        if (stopping) {
            return;
        }
        if (topic.equals(topics.status())) {
            if (MqttConnection.OFFLINE.equals(message.payload().toString()) && connection.connected()) {
                connection.publish(topics.status(), MqttConnection.ONLINE, true);
            }
            return;
        }
        OptionalLong meterId = topics.meterOf(topic);
        if (message.isRetain() && message.payload().length() > 0 && meterId.isPresent()) {
            long id = meterId.getAsLong();
            existing.compose(ids -> ids.contains(id) ? Future.<Void>succeededFuture()
                            : store.meters().findById(id).compose(meter -> meter.isPresent() ? Future.<Void>succeededFuture()
                            : clear(topic)))
                    .onFailure(err -> LOG.debug("MQTT: checking {} failed: {}", topic, err.toString()));
        }
    }

    // ---- what ----

    private Future<Void> publishAll() {
        return publishInstanceConfig().compose(v -> store.meters().all()).compose(meters -> {
            Set<Long> now = new HashSet<>();
            meters.forEach(m -> now.add(m.id()));
            Future<Void> done = Future.succeededFuture();
            for (Long gone : new ArrayList<>(published)) {
                if (!now.contains(gone)) {
                    done = done.compose(v -> removeMeter(gone));
                }
            }
            for (Meter meter : meters) {
                done = done.compose(v -> publishMeter(meter));
            }
            return done;
        }).compose(v -> publishInstance());
    }

    private Future<Void> publishInstanceConfig() {
        return all(discovery.instance());
    }

    private Future<Void> publishInstance() {
        return store.meterSync().lastSuccesses().compose(successes -> {
            Optional<Instant> last = successes.values().stream().flatMap(Optional::stream).max(Instant::compareTo);
            JsonObject state = new JsonObject().put("meters", successes.size())
                    .put("last_sync", last.map(Instant::toString).orElse(null));
            return connection.publish(topics.instanceState(), state.encode(), true);
        });
    }

    private Future<Void> publishMeter(Meter meter) {
        return states.of(meter).compose(state -> all(discovery.meter(meter, state.withCost()))
                .compose(v -> connection.publish(topics.meterState(meter.id()), state.json().encode(), true)))
                .onSuccess(v -> published.add(meter.id()))
                .onFailure(err -> LOG.warn("MQTT: publishing meter {} failed: {}", meter.id(), err.toString()))
                .otherwiseEmpty();
    }

    /** Empty retained configs remove the meter's entities (and its device) from Home Assistant. */
    private Future<Void> removeMeter(long meterId) {
        Future<Void> done = Future.succeededFuture();
        for (String topic : discovery.meterTopics(meterId)) {
            done = done.compose(v -> clear(topic));
        }
        return done.compose(v -> clear(topics.meterState(meterId)))
                .onSuccess(v -> published.remove(meterId))
                .onFailure(err -> LOG.warn("MQTT: removing meter {} failed: {}", meterId, err.toString()))
                .otherwiseEmpty();
    }

    private Future<Void> clear(String topic) {
        return connection.publish(topic, "", true);
    }

    private Future<Void> all(Map<String, String> messages) {
        List<Future<Void>> sent = new ArrayList<>();
        messages.forEach((topic, payload) -> sent.add(connection.publish(topic, payload, true)));
        return Future.all(sent).mapEmpty();
    }

    /** Runs {@code job} after the jobs before it; a failed job does not stop the ones after. */
    private synchronized Future<Void> enqueue(java.util.function.Supplier<Future<Void>> job) {
        Future<Void> next = chain.transform(previous -> {
            if (stopping) {
                return Future.succeededFuture(); // a stop waits for the job under way only
            }
            try {
                return job.get().otherwiseEmpty();
            } catch (RuntimeException e) {
                LOG.warn("MQTT: publishing failed: {}", e.toString());
                return Future.succeededFuture();
            }
        });
        chain = next;
        return next;
    }
}
