package be.meterkast.mqtt;

import be.meterkast.app.alerts.EventPublisher;
import io.vertx.core.Future;

/**
 * Alerts' MQTT event topic on the instance's connection: {@code <prefix>/<topic>}, QoS 1, not retained (an
 * alert is an event, not a state). A broker that is down fails the publish, so the delivery is retried later.
 */
public final class MqttEvents implements EventPublisher {
    private final MqttConnection connection;

    private MqttEvents(MqttConnection connection) {
        this.connection = connection;
    }

    /** {@link EventPublisher#NONE} when MQTT is off, so the alerts page does not offer the channel. */
    public static EventPublisher over(MqttConnection connection) {
        return connection.enabled() ? new MqttEvents(connection) : EventPublisher.NONE;
    }

    @Override
    public boolean enabled() {
        return true;
    }

    @Override
    public Future<Void> publish(String topic, String json) {
        return connection.publish(connection.prefix().orElseThrow() + "/" + topic, json, false);
    }
}
