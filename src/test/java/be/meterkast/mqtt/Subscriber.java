package be.meterkast.mqtt;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.mqtt.MqttClient;
import io.vertx.mqtt.MqttClientOptions;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * A plain MQTT client subscribed to everything, as Home Assistant would be: it keeps every message it got, and
 * the newest payload per topic. {@link #fence()} proves that everything retained so far has arrived.
 */
final class Subscriber implements AutoCloseable {
    private static final Duration PATIENCE = Duration.ofSeconds(20);

    record Received(String topic, String payload, boolean retained) {
        JsonObject json() {
            return new JsonObject(payload);
        }
    }

    private final MqttClient client;
    final List<Received> all = new CopyOnWriteArrayList<>();
    private final Map<String, Received> latest = new ConcurrentHashMap<>();

    private Subscriber(MqttClient client) {
        this.client = client;
    }

    /** Connects and subscribes to {@code #}; the broker then hands over what is retained. */
    static Subscriber connect(Vertx vertx, int port) {
        MqttClient client = MqttClient.create(vertx, new MqttClientOptions().setClientId("test-" + UUID.randomUUID())
                .setCleanSession(true));
        Subscriber subscriber = new Subscriber(client);
        client.publishHandler(m -> {
            Received received = new Received(m.topicName(), m.payload().toString(), m.isRetain());
            subscriber.all.add(received);
            subscriber.latest.put(received.topic(), received);
        });
        client.connect(port, "127.0.0.1").await();
        client.subscribe("#", 1).await();
        return subscriber;
    }

    /**
     * Publishes a marker and waits for it: the broker sends the retained messages of a subscription before
     * anything published after it, so once the marker is back, every retained message is here.
     */
    Subscriber fence() {
        String marker = "test/fence/" + UUID.randomUUID();
        client.publish(marker, io.vertx.core.buffer.Buffer.buffer("x"), io.netty.handler.codec.mqtt.MqttQoS.AT_LEAST_ONCE,
                false, false).await();
        await(marker, r -> true);
        return this;
    }

    /** The newest message on {@code topic} once it matches {@code wanted}; fails after 20 s without. */
    Received await(String topic, Predicate<Received> wanted) {
        Instant deadline = Instant.now().plus(PATIENCE);
        while (Instant.now().isBefore(deadline)) {
            Received r = latest.get(topic);
            if (r != null && wanted.test(r)) {
                return r;
            }
            pause();
        }
        throw new AssertionError("no matching message on " + topic + " within " + PATIENCE + "; last: " + latest.get(topic));
    }

    /** The first message ever received on {@code topic} that matches, even if a newer one followed. */
    Received awaitEver(String topic, Predicate<Received> wanted) {
        Instant deadline = Instant.now().plus(PATIENCE);
        while (Instant.now().isBefore(deadline)) {
            Optional<Received> r = all.stream().filter(m -> m.topic().equals(topic) && wanted.test(m)).findFirst();
            if (r.isPresent()) {
                return r.get();
            }
            pause();
        }
        throw new AssertionError("no matching message on " + topic + " within " + PATIENCE);
    }

    Received await(String topic) {
        return await(topic, r -> !r.payload().isEmpty());
    }

    Optional<Received> latest(String topic) {
        return Optional.ofNullable(latest.get(topic));
    }

    /** The topics with a non-empty newest message, the fence markers left out. */
    List<String> topics() {
        return latest.values().stream().filter(r -> !r.payload().isEmpty() && !r.topic().startsWith("test/"))
                .map(Received::topic).sorted().collect(Collectors.toList());
    }

    @Override
    public void close() {
        if (client.isConnected()) {
            client.disconnect().await();
        }
    }

    static void pause() {
        try {
            Thread.sleep(20);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
