package be.meterkast.app.alerts;

import io.vertx.core.Future;

/**
 * The MQTT event topic, as alerts see it: the MQTT connection implements it when METERKAST_MQTT_URL is set.
 * {@code topic} is relative to the instance's topic prefix ({@code alerts/<user id>}); the message is not
 * retained (an alert is an event, not a state).
 */
public interface EventPublisher {
    /** MQTT is off: nothing is published, and the page does not offer the channel. */
    EventPublisher NONE = new EventPublisher() {
        @Override
        public boolean enabled() {
            return false;
        }

        @Override
        public Future<Void> publish(String topic, String json) {
            return Future.failedFuture(new IllegalStateException("MQTT is off (METERKAST_MQTT_URL is not set)"));
        }
    };

    boolean enabled();

    /** Completes when the broker has the message (QoS 1), fails when it is unreachable. */
    Future<Void> publish(String topic, String json);
}
