package be.meterkast.mqtt;

import io.netty.handler.codec.mqtt.MqttQoS;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.mqtt.MqttClient;
import io.vertx.mqtt.MqttClientOptions;
import io.vertx.mqtt.messages.MqttPublishMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;

/**
 * Meterkast's one connection to the MQTT broker, kept up in the background: it connects when started, and
 * after a refused or lost connection tries again after {@link #backoff} (1 s doubling to a minute, by Vert.x
 * timers). Its availability topic ({@code <prefix>/status}) says {@code online} while it is connected and
 * {@code offline} after it stopped, or — as the broker's last will — after it vanished.
 *
 * <p>{@link #publish} is the entry point for everything that publishes (Home Assistant states, alerts): it never
 * waits for a broker that is down, it fails at once, so pages and the sync never wait either. Everything runs on
 * one Vert.x context, so callers may be on any thread.
 */
public final class MqttConnection {
    private static final Logger LOG = LoggerFactory.getLogger(MqttConnection.class);
    public static final String ONLINE = "online";
    public static final String OFFLINE = "offline";
    /** Publishes awaiting the broker's acknowledgement at once; more wait here, in order. */
    static final int IN_FLIGHT = 64;
    /** Publishes waiting beyond those: more fail at once rather than grow the heap while the broker is slow. */
    static final int WAITING = 10_000;
    private static final int ACK_TIMEOUT_SECONDS = 30;

    /** Why a publish did not happen: MQTT is off, or the broker is not connected now. */
    public static final class NotPublished extends RuntimeException {
        NotPublished(String message) {
            super(message, null, false, false);
        }
    }

    private final Vertx vertx;
    private final Optional<MqttSettings> settings;
    private final Context context;
    private final String clientId = "meterkast-" + UUID.randomUUID().toString().substring(0, 8);
    private final List<Runnable> connectedListeners = new ArrayList<>();
    private final List<Consumer<MqttPublishMessage>> messageListeners = new ArrayList<>();

    // the state below is touched on `context` only
    private MqttClient client;
    private volatile boolean connected;
    private boolean stopped = true;
    private int failedAttempts;
    private long retryTimer = -1;
    private final Map<Integer, Promise<Void>> awaitingAck = new HashMap<>();
    private final Set<Integer> ackedEarly = new HashSet<>();
    private final ArrayDeque<Outgoing> waiting = new ArrayDeque<>();
    private int inFlight;

    private record Outgoing(String topic, Buffer payload, boolean retained, Promise<Void> done) {
    }

    private MqttConnection(Vertx vertx, Optional<MqttSettings> settings) {
        this.vertx = vertx;
        this.settings = settings;
        this.context = vertx.getOrCreateContext();
    }

    /** A connection to the broker in {@code settings}; nothing happens before {@link #start()}. */
    public static MqttConnection to(Vertx vertx, MqttSettings settings) {
        return new MqttConnection(vertx, Optional.of(settings));
    }

    /** MQTT is off ({@code METERKAST_MQTT_URL} unset): every publish fails with {@link NotPublished}. */
    public static MqttConnection off(Vertx vertx) {
        return new MqttConnection(vertx, Optional.empty());
    }

    public boolean enabled() {
        return settings.isPresent();
    }

    public Optional<MqttSettings> settings() {
        return settings;
    }

    /** Meterkast's own topics start with this ({@code METERKAST_MQTT_PREFIX}); empty when MQTT is off. */
    public Optional<String> prefix() {
        return settings.map(MqttSettings::prefix);
    }

    /** The availability topic: {@code online} or {@code offline}, retained. */
    public Optional<String> statusTopic() {
        return prefix().map(p -> p + "/status");
    }

    /** Connected to the broker right now. */
    public boolean connected() {
        return connected;
    }

    /** Runs (on this connection's context) after each successful connection, the first and every reconnect. */
    public void onConnected(Runnable listener) {
        connectedListeners.add(listener);
    }

    /** Gets every message of the subscriptions made with {@link #subscribe}, on this connection's context. */
    public void onMessage(Consumer<MqttPublishMessage> listener) {
        messageListeners.add(listener);
    }

    /** Starts connecting in the background; completes at once, whether or not the broker is there. */
    public Future<Void> start() {
        if (settings.isEmpty()) {
            return Future.succeededFuture();
        }
        context.runOnContext(v -> {
            if (stopped) {
                stopped = false;
                connect();
            }
        });
        return Future.succeededFuture();
    }

    /**
     * Publishes {@code payload} (UTF-8) to {@code topic} at QoS 1, {@code retained} or not; completes when the
     * broker has acknowledged it. Fails at once with {@link NotPublished} when MQTT is off or the broker is not
     * connected, and when the connection is lost before the acknowledgement. Never waits for a reconnect.
     */
    public Future<Void> publish(String topic, String payload, boolean retained) {
        return publish(topic, Buffer.buffer(payload, StandardCharsets.UTF_8.name()), retained);
    }

    /** {@link #publish(String, String, boolean)} with bytes: an empty retained payload deletes the retained message. */
    public Future<Void> publish(String topic, Buffer payload, boolean retained) {
        if (settings.isEmpty()) {
            return Future.failedFuture(new NotPublished("MQTT is off (METERKAST_MQTT_URL is not set)"));
        }
        Promise<Void> done = Promise.promise();
        context.runOnContext(v -> {
            if (!connected) {
                done.fail(new NotPublished("the MQTT broker is not connected"));
            } else if (waiting.size() >= WAITING) {
                done.fail(new NotPublished("too many MQTT messages wait for the broker"));
            } else {
                waiting.add(new Outgoing(topic, payload, retained, done));
                sendWaiting();
            }
        });
        return done.future();
    }

    /** Subscribes (QoS 0) on the current connection; subscriptions end with it, so resubscribe in {@link #onConnected}. */
    public Future<Void> subscribe(List<String> topicFilters) {
        Promise<Void> done = Promise.promise();
        context.runOnContext(v -> {
            if (!connected) {
                done.fail(new NotPublished("the MQTT broker is not connected"));
                return;
            }
            Map<String, Integer> filters = new HashMap<>();
            topicFilters.forEach(filter -> filters.put(filter, MqttQoS.AT_MOST_ONCE.value()));
            client.subscribe(filters).<Void>mapEmpty().onComplete(done);
        });
        return done.future();
    }

    /**
     * Says {@code offline} (retained), disconnects and stops reconnecting. Completes when done, or at once when
     * the broker is not connected (its last will says {@code offline} then).
     */
    public Future<Void> stop() {
        if (settings.isEmpty()) {
            return Future.succeededFuture();
        }
        Promise<Void> done = Promise.promise();
        context.runOnContext(v -> {
            stopped = true;
            if (retryTimer >= 0) {
                vertx.cancelTimer(retryTimer);
                retryTimer = -1;
            }
            if (!connected) {
                done.complete();
                return;
            }
            MqttClient current = client;
            publish(statusTopic().orElseThrow(), OFFLINE, true)
                    .timeout(5, java.util.concurrent.TimeUnit.SECONDS)
                    .transform(said -> current.disconnect())
                    .<Void>mapEmpty()
                    .recover(err -> Future.succeededFuture())
                    .onComplete(done);
        });
        return done.future();
    }

    /**
     * The wait before attempt {@code failures + 1}: {@code first} doubling per failure up to {@code max}, then
     * ±20 % ({@code random} in [0, 1) picks where), so instances that lost one broker do not all come back at once.
     */
    static Duration backoff(int failures, Duration first, Duration max, double random) {
        long base = first.toMillis();
        long cap = max.toMillis();
        long delay = failures >= 31 ? cap : Math.min(cap, base << Math.min(failures, 30));
        double jitter = 0.8 + 0.4 * random;
        return Duration.ofMillis(Math.max(1, Math.round(delay * jitter)));
    }

    // ---- on the context ----

    private void connect() {
        MqttSettings s = settings.orElseThrow();
        MqttClientOptions options = new MqttClientOptions()
                .setClientId(clientId)
                .setCleanSession(true)
                .setMaxInflightQueue(IN_FLIGHT)
                .setAckTimeout(ACK_TIMEOUT_SECONDS)
                .setWillFlag(true)
                .setWillTopic(statusTopic().orElseThrow())
                .setWillMessageBytes(Buffer.buffer(OFFLINE))
                .setWillQoS(MqttQoS.AT_LEAST_ONCE.value())
                .setWillRetain(true);
        options.setConnectTimeout(10_000);
        s.username().ifPresent(options::setUsername);
        s.password().ifPresent(options::setPassword);
        if (s.tls()) {
            options.setSsl(true).setHostnameVerificationAlgorithm("HTTPS");
        }
        MqttClient attempt = MqttClient.create(vertx, options);
        client = attempt;
        attempt.publishCompletionHandler(this::acknowledged);
        attempt.publishCompletionExpirationHandler(id -> failAwaiting(id, "the MQTT broker did not acknowledge in time"));
        attempt.publishHandler(message -> messageListeners.forEach(listener -> listener.accept(message)));
        attempt.closeHandler(v -> {
            if (client == attempt) {
                lost();
            }
        });
        // the host as TLS server name too (SNI): hosted brokers pick their certificate by it
        attempt.connect(s.port(), s.host(), s.host()).onComplete(result -> {
            if (result.succeeded() && !stopped) {
                connected = true;
                failedAttempts = 0;
                LOG.info("MQTT: connected to {}:{} as {}", s.host(), s.port(), clientId);
                publish(statusTopic().orElseThrow(), ONLINE, true);
                connectedListeners.forEach(Runnable::run);
            } else if (result.succeeded()) {
                attempt.disconnect();
            } else {
                if (failedAttempts == 0) {
                    LOG.warn("MQTT: cannot connect to {}:{} ({}); trying again in the background", s.host(), s.port(),
                            result.cause().getMessage());
                }
                retryLater();
            }
        });
    }

    private void lost() {
        boolean was = connected;
        connected = false;
        client = null;
        List<Promise<Void>> unacknowledged = new ArrayList<>(awaitingAck.values());
        awaitingAck.clear();
        ackedEarly.clear();
        inFlight = 0;
        unacknowledged.forEach(p -> p.tryFail(new NotPublished("the MQTT connection was lost")));
        while (!waiting.isEmpty()) {
            waiting.poll().done().tryFail(new NotPublished("the MQTT connection was lost"));
        }
        if (!stopped) {
            if (was) {
                LOG.warn("MQTT: lost the connection to {}:{}; reconnecting", settings.get().host(), settings.get().port());
            }
            retryLater();
        }
    }

    private void retryLater() {
        if (stopped) {
            return;
        }
        MqttSettings s = settings.orElseThrow();
        Duration wait = backoff(failedAttempts, s.reconnectFirst(), s.reconnectMax(), ThreadLocalRandom.current().nextDouble());
        failedAttempts++;
        retryTimer = vertx.setTimer(wait.toMillis(), id -> {
            retryTimer = -1;
            if (!stopped && !connected) {
                connect();
            }
        });
    }

    private void sendWaiting() {
        while (connected && inFlight < IN_FLIGHT && !waiting.isEmpty()) {
            Outgoing next = waiting.poll();
            inFlight++;
            client.publish(next.topic(), next.payload(), MqttQoS.AT_LEAST_ONCE, false, next.retained())
                    .onComplete(sent -> {
                        if (sent.failed()) {
                            inFlight--;
                            next.done().tryFail(sent.cause());
                            sendWaiting();
                        } else if (ackedEarly.remove(sent.result())) {
                            settled(next.done(), null);
                        } else {
                            awaitingAck.put(sent.result(), next.done());
                        }
                    });
        }
    }

    /** The broker's PUBACK, which may come before the write's own completion has told us the packet id. */
    private void acknowledged(int packetId) {
        Promise<Void> done = awaitingAck.remove(packetId);
        if (done == null) {
            ackedEarly.add(packetId);
        } else {
            settled(done, null);
        }
    }

    private void failAwaiting(int packetId, String why) {
        Promise<Void> done = awaitingAck.remove(packetId);
        if (done != null) {
            settled(done, new NotPublished(why));
        }
    }

    private void settled(Promise<Void> done, Throwable failure) {
        inFlight--;
        if (failure == null) {
            done.tryComplete();
        } else {
            done.tryFail(failure);
        }
        sendWaiting();
    }
}
