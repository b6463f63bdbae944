package be.meterkast.mqtt;

import be.meterkast.config.ConfigException;
import be.meterkast.config.Environment;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@DisplayName("MQTT settings, backoff and topics")
class MqttSettingsTest {

    private static Optional<MqttSettings> read(Map<String, String> variables) {
        return MqttSettings.fromEnvironment(new Environment(variables));
    }

    @Test
    @DisplayName("off without METERKAST_MQTT_URL")
    void offWithoutUrl() {
        assertThat(read(Map.of())).isEmpty();
        assertThat(read(Map.of("METERKAST_MQTT_URL", "  "))).isEmpty();
    }

    @Test
    @DisplayName("mqtt:// on 1883 and mqtts:// (TLS) on 8883 unless a port is given; defaults for the prefixes")
    void brokerAddress() {
        MqttSettings plain = read(Map.of("METERKAST_MQTT_URL", "mqtt://192.168.1.10")).orElseThrow();
        assertThat(plain.host()).isEqualTo("192.168.1.10");
        assertThat(plain.port()).isEqualTo(1883);
        assertThat(plain.tls()).isFalse();
        assertThat(plain.prefix()).isEqualTo("meterkast");
        assertThat(plain.discoveryPrefix()).isEqualTo("homeassistant");
        assertThat(plain.username()).isEmpty();

        MqttSettings tls = read(Map.of("METERKAST_MQTT_URL", "mqtts://broker.example.be",
                "METERKAST_MQTT_USERNAME", "meterkast", "METERKAST_MQTT_PASSWORD", "s3cret",
                "METERKAST_MQTT_PREFIX", "home/meterkast", "METERKAST_MQTT_DISCOVERY_PREFIX", "ha")).orElseThrow();
        assertThat(tls.port()).isEqualTo(8883);
        assertThat(tls.tls()).isTrue();
        assertThat(tls.username()).contains("meterkast");
        assertThat(tls.password()).contains("s3cret");
        assertThat(Topics.of(tls).node()).isEqualTo("home_meterkast");
        assertThat(read(Map.of("METERKAST_MQTT_URL", "mqtt://broker:1884")).orElseThrow().port()).isEqualTo(1884);
    }

    @Test
    @DisplayName("a wrong address or prefix stops start-up with a line naming the variable")
    void wrongValues() {
        for (String url : new String[]{"http://broker:1883", "broker:1883", "mqtt://", "mqtt://user:pw@broker",
                "mqtt://broker/topic"}) {
            assertThatThrownBy(() -> read(Map.of("METERKAST_MQTT_URL", url))).as(url)
                    .isInstanceOf(ConfigException.class).hasMessageStartingWith("METERKAST_MQTT_URL must be");
        }
        for (String prefix : new String[]{"meter/#", "+", "/meterkast", "meterkast/", "a//b"}) {
            assertThatThrownBy(() -> read(Map.of("METERKAST_MQTT_URL", "mqtt://b", "METERKAST_MQTT_PREFIX", prefix)))
                    .as(prefix).isInstanceOf(ConfigException.class).hasMessageStartingWith("METERKAST_MQTT_PREFIX must be");
        }
    }

    @Test
    @DisplayName("reconnecting waits 1 s, doubling to at most a minute, ±20 %")
    void backoff() {
        Duration first = Duration.ofSeconds(1);
        Duration max = Duration.ofMinutes(1);
        assertThat(MqttConnection.backoff(0, first, max, 0.5)).isEqualTo(Duration.ofSeconds(1));
        assertThat(MqttConnection.backoff(1, first, max, 0.5)).isEqualTo(Duration.ofSeconds(2));
        assertThat(MqttConnection.backoff(5, first, max, 0.5)).isEqualTo(Duration.ofSeconds(32));
        assertThat(MqttConnection.backoff(6, first, max, 0.5)).isEqualTo(Duration.ofMinutes(1));
        assertThat(MqttConnection.backoff(1000, first, max, 0.5)).isEqualTo(Duration.ofMinutes(1));
        assertThat(MqttConnection.backoff(0, first, max, 0)).isEqualTo(Duration.ofMillis(800));
        assertThat(MqttConnection.backoff(0, first, max, 0.999_999)).isEqualTo(Duration.ofMillis(1200));
    }

    @Test
    @DisplayName("the meter a retained topic of ours is for; nothing for other topics")
    void meterOfTopic() {
        Topics topics = new Topics("meterkast", "homeassistant");
        assertThat(topics.meterOf("homeassistant/sensor/meterkast/meter_12_offtake_day/config")).hasValue(12);
        assertThat(topics.meterOf("meterkast/meter/7/state")).hasValue(7);
        assertThat(topics.meterOf("homeassistant/sensor/meterkast/instance_meters/config")).isEmpty();
        assertThat(topics.meterOf("homeassistant/sensor/other/meter_12_offtake_day/config")).isEmpty();
        assertThat(topics.meterOf("meterkast/meter/x/state")).isEmpty();
        assertThat(topics.meterOf("meterkast/status")).isEmpty();
    }
}
