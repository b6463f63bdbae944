package be.meterkast.server;

import be.meterkast.app.alerts.AlertConfig;
import be.meterkast.config.ConfigException;
import be.meterkast.config.Environment;
import be.meterkast.config.Setting;
import be.meterkast.fluvius.FluviusOptions;
import be.meterkast.mqtt.MqttSettings;
import be.meterkast.ops.OpsConfig;
import be.meterkast.store.DatabaseConfig;

import java.net.URI;
import java.util.Map;
import java.util.Optional;

/**
 * Every setting of the portal, read once from environment variables ({@link Setting} lists them). A wrong
 * value stops start-up with one line that names the variable.
 */
public record ServerConfig(String host, int port, Optional<URI> publicUrl, DatabaseConfig database,
                           String fluviusPortal, boolean openRegistration, OpsConfig ops, long importMaxBytes,
                           long pageCacheBytes, Map<String, String> environment) {
    public static final String PORT = Setting.PORT.key();
    public static final String FLUVIUS_PORTAL_URL = Setting.FLUVIUS_PORTAL_URL.key();

    public static final String DEFAULT_HOST = "0.0.0.0";
    public static final int DEFAULT_PORT = 8080;
    /** A year of quarter-hours as Mijn Fluvius writes it is about 9 MB: the default takes five. */
    public static final int DEFAULT_IMPORT_MAX_MB = 50;
    /** About a hundred year pages (140 KB each) or a thousand month pages: a few percent of a Pi-sized heap. */
    public static final int DEFAULT_PAGE_CACHE_MB = 32;

    public ServerConfig {
        environment = Map.copyOf(environment);
    }

    /** @throws ConfigException naming the variable that is wrong */
    public static ServerConfig fromEnvironment(Map<String, String> variables) {
        Environment env = new Environment(variables);
        String host = env.text(Setting.HOST).orElse(DEFAULT_HOST);
        int port = env.number(Setting.PORT, 1, 65535, DEFAULT_PORT, "a port number");
        Optional<URI> publicUrl = env.webUrl(Setting.PUBLIC_URL,
                "the address people open, like https://meterkast.example.be");
        boolean open = env.flag(Setting.OPEN_REGISTRATION, false);
        String portal = env.text(Setting.FLUVIUS_PORTAL_URL).orElse(FluviusOptions.DEFAULT_PORTAL);
        try {
            FluviusOptions.forPortal(portal);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(FLUVIUS_PORTAL_URL + " must be a URL like " + FluviusOptions.DEFAULT_PORTAL
                    + ", not '" + portal + "'");
        }
        DatabaseConfig database = DatabaseConfig.fromEnvironment(env);
        MqttSettings.fromEnvironment(env); // a wrong MQTT setting stops start-up here, like any other
        AlertConfig.fromEnvironment(env); // read here too, so a wrong value stops start-up before anything runs
        long importMaxBytes = env.number(Setting.IMPORT_MAX_MB, 1, 2048, DEFAULT_IMPORT_MAX_MB, "a number of megabytes")
                * 1024L * 1024L;
        int pageCacheMegabytes = env.number(Setting.PAGE_CACHE_MB, 1, 4096, DEFAULT_PAGE_CACHE_MB, "a number of megabytes");
        long pageCacheBytes = env.flag(Setting.PAGE_CACHE, true) ? pageCacheMegabytes * 1024L * 1024L : 0;
        return new ServerConfig(host, port, publicUrl, database, portal, open, OpsConfig.fromEnvironment(env),
                importMaxBytes, pageCacheBytes, env.variables());
    }

    /** Publishing to an MQTT broker for Home Assistant; empty when {@code METERKAST_MQTT_URL} is unset. */
    public Optional<MqttSettings> mqtt() {
        return MqttSettings.fromEnvironment(new Environment(environment));
    }

    /** How often alerts are checked and the SMTP server they are mailed through. */
    public AlertConfig alerts() {
        return AlertConfig.fromEnvironment(new Environment(environment));
    }

    /** Cookies get the Secure flag when people reach the portal over https. */
    public boolean secureCookies() {
        return publicUrl.map(u -> "https".equals(u.getScheme())).orElse(false);
    }

    public ServerConfig withPort(int newPort) {
        return new ServerConfig(host, newPort, publicUrl, database, fluviusPortal, openRegistration, ops, importMaxBytes,
                pageCacheBytes, environment);
    }

    /** The demo learns its simulator's address only after the configuration (and its metrics switch) is read. */
    public ServerConfig withFluviusPortal(String url) {
        return new ServerConfig(host, port, publicUrl, database, url, openRegistration, ops, importMaxBytes,
                pageCacheBytes, environment);
    }
}
