package be.meterkast.server;

import be.meterkast.fluvius.FluviusOptions;
import be.meterkast.ops.ConfigException;
import be.meterkast.store.DatabaseConfig;

import java.net.URI;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Every setting of the portal, read from environment variables. A wrong value stops start-up with one line
 * that names the variable.
 */
public record ServerConfig(String host, int port, Optional<URI> publicUrl, DatabaseConfig database,
                           String fluviusPortal, boolean openRegistration, Map<String, String> environment) {
    public static final String HOST = "METERKAST_HOST";
    public static final String PORT = "METERKAST_PORT";
    public static final String PUBLIC_URL = "METERKAST_PUBLIC_URL";
    public static final String OPEN_REGISTRATION = "METERKAST_OPEN_REGISTRATION";
    public static final String FLUVIUS_PORTAL_URL = "FLUVIUS_PORTAL_URL";

    public static final String DEFAULT_HOST = "0.0.0.0";
    public static final int DEFAULT_PORT = 8080;

    public ServerConfig {
        environment = Map.copyOf(environment);
    }

    /** @throws ConfigException naming the variable that is wrong */
    public static ServerConfig fromEnvironment(Map<String, String> env) {
        String host = text(env, HOST).orElse(DEFAULT_HOST);
        int port = text(env, PORT).map(value -> {
            try {
                int p = Integer.parseInt(value);
                if (p >= 1 && p <= 65535) {
                    return p;
                }
            } catch (NumberFormatException ignored) {
                // reported below
            }
            throw new ConfigException(PORT + " must be a port number between 1 and 65535, not '" + value + "'");
        }).orElse(DEFAULT_PORT);
        Optional<URI> publicUrl = text(env, PUBLIC_URL).map(value -> {
            try {
                URI uri = URI.create(value);
                if (("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null) {
                    return uri;
                }
            } catch (IllegalArgumentException ignored) {
                // reported below
            }
            throw new ConfigException(PUBLIC_URL + " must be the address people open, like https://meterkast.example.be, not '"
                    + value + "'");
        });
        boolean open = text(env, OPEN_REGISTRATION).map(value -> switch (value.toLowerCase(Locale.ROOT)) {
            case "true", "yes", "1", "on" -> true;
            case "false", "no", "0", "off" -> false;
            default -> throw new ConfigException(OPEN_REGISTRATION + " must be true or false, not '" + value + "'");
        }).orElse(false);
        String portal = text(env, FLUVIUS_PORTAL_URL).orElse(FluviusOptions.DEFAULT_PORTAL);
        try {
            FluviusOptions.forPortal(portal);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(FLUVIUS_PORTAL_URL + " must be a URL like " + FluviusOptions.DEFAULT_PORTAL
                    + ", not '" + portal + "'");
        }
        DatabaseConfig database;
        try {
            database = DatabaseConfig.fromEnvironment(env);
            database.url().ifPresent(DatabaseConfig::connectOptions);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(e.getMessage());
        }
        return new ServerConfig(host, port, publicUrl, database, portal, open, env);
    }

    /** Cookies get the Secure flag when people reach the portal over https. */
    public boolean secureCookies() {
        return publicUrl.map(u -> "https".equals(u.getScheme())).orElse(false);
    }

    public ServerConfig withPort(int newPort) {
        return new ServerConfig(host, newPort, publicUrl, database, fluviusPortal, openRegistration, environment);
    }

    public ServerConfig withFluviusPortal(String url) {
        return new ServerConfig(host, port, publicUrl, database, url, openRegistration, environment);
    }

    private static Optional<String> text(Map<String, String> env, String key) {
        return Optional.ofNullable(env.get(key)).map(String::trim).filter(s -> !s.isEmpty());
    }
}
