package be.meterkast.mqtt;

import be.meterkast.config.ConfigException;
import be.meterkast.config.Environment;
import be.meterkast.config.Setting;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Where Meterkast publishes for Home Assistant: the broker ({@code mqtt://host:1883}, or {@code mqtts://} for
 * TLS, port 8883 unless given), its login, the topic prefix of Meterkast's own topics and Home Assistant's
 * discovery prefix. {@code reconnectFirst} and {@code reconnectMax} bound the backoff between connection
 * attempts (tests shorten them).
 */
public record MqttSettings(String host, int port, boolean tls, Optional<String> username, Optional<String> password,
                           String prefix, String discoveryPrefix, Duration reconnectFirst, Duration reconnectMax) {
    public static final int PLAIN_PORT = 1883;
    public static final int TLS_PORT = 8883;
    public static final Duration RECONNECT_FIRST = Duration.ofSeconds(1);
    public static final Duration RECONNECT_MAX = Duration.ofMinutes(1);
    /** Topic levels of letters, digits, '_' and '-', separated by '/': no wildcards, no empty level. */
    private static final Pattern TOPIC_PREFIX = Pattern.compile("[A-Za-z0-9_-]+(/[A-Za-z0-9_-]+)*");

    /** Empty when {@code METERKAST_MQTT_URL} is unset: then nothing is published. */
    public static Optional<MqttSettings> fromEnvironment(Environment env) {
        Optional<String> url = env.text(Setting.MQTT_URL);
        if (url.isEmpty()) {
            return Optional.empty();
        }
        URI uri = broker(url.get());
        boolean tls = "mqtts".equals(uri.getScheme());
        String prefix = topicPrefix(env, Setting.MQTT_PREFIX);
        String discovery = topicPrefix(env, Setting.MQTT_DISCOVERY_PREFIX);
        return Optional.of(new MqttSettings(uri.getHost(), uri.getPort() > 0 ? uri.getPort() : tls ? TLS_PORT : PLAIN_PORT,
                tls, env.text(Setting.MQTT_USERNAME), env.text(Setting.MQTT_PASSWORD), prefix, discovery,
                RECONNECT_FIRST, RECONNECT_MAX));
    }

    /** The same broker, with other bounds for the reconnect backoff. */
    public MqttSettings withReconnect(Duration first, Duration max) {
        return new MqttSettings(host, port, tls, username, password, prefix, discoveryPrefix, first, max);
    }

    /** The same broker and login under other prefixes. */
    public MqttSettings withPrefixes(String newPrefix, String newDiscoveryPrefix) {
        return new MqttSettings(host, port, tls, username, password, newPrefix, newDiscoveryPrefix, reconnectFirst,
                reconnectMax);
    }

    private static URI broker(String value) {
        String wrong = Setting.MQTT_URL.key() + " must be the broker's address like mqtt://192.168.1.10:1883 or"
                + " mqtts://broker.example.be, not '" + value + "'";
        try {
            URI uri = URI.create(value);
            boolean known = "mqtt".equals(uri.getScheme()) || "mqtts".equals(uri.getScheme());
            boolean bare = uri.getRawPath() == null || uri.getRawPath().isEmpty() || "/".equals(uri.getRawPath());
            if (known && uri.getHost() != null && bare && uri.getRawQuery() == null && uri.getUserInfo() == null) {
                return uri;
            }
        } catch (IllegalArgumentException ignored) {
            // reported below
        }
        throw new ConfigException(wrong);
    }

    private static String topicPrefix(Environment env, Setting setting) {
        String value = env.text(setting).orElse(setting.documentedDefault());
        if (!TOPIC_PREFIX.matcher(value).matches()) {
            throw new ConfigException(setting.key() + " must be topic levels of letters, digits, '_' and '-' separated"
                    + " by '/' (like " + setting.documentedDefault() + "), not '" + value + "'");
        }
        return value;
    }
}
