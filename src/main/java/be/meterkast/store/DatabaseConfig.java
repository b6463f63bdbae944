package be.meterkast.store;

import be.meterkast.config.ConfigException;
import be.meterkast.config.Environment;
import be.meterkast.config.Setting;
import io.vertx.pgclient.PgConnectOptions;

import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Where the data lives: an external PostgreSQL given by {@value #DATABASE_URL}
 * ({@code postgresql://user:password@host:5432/database}), or an embedded PostgreSQL whose files are under
 * {@code <dataDirectory>/postgres}. The data directory is used in both cases (it also holds the secret keyset).
 *
 * @param url           the external database, empty for embedded
 * @param dataDirectory the portal's data directory
 * @param embeddedPort  port of the embedded server on 127.0.0.1; 0 picks a free one
 * @param poolSize      connections in the reactive pool
 */
public record DatabaseConfig(Optional<String> url, Path dataDirectory, int embeddedPort, int poolSize) {
    public static final String DATABASE_URL = Setting.DATABASE_URL.key();
    public static final String DATA_DIR = Setting.DATA_DIR.key();
    public static final String EMBEDDED_PORT = Setting.EMBEDDED_DB_PORT.key();
    public static final String POOL_SIZE = Setting.DB_POOL_SIZE.key();

    public static final Path DEFAULT_DATA_DIR = Path.of("data");
    public static final int DEFAULT_EMBEDDED_PORT = 0;
    /** Small: a Raspberry Pi serves a family, and PostgreSQL spends memory per connection. */
    public static final int DEFAULT_POOL_SIZE = 5;

    public DatabaseConfig {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(dataDirectory, "dataDirectory");
        url.ifPresent(DatabaseConfig::connectOptions);
        if (embeddedPort < 0 || embeddedPort > 65535) {
            throw new IllegalArgumentException(EMBEDDED_PORT + " must be a port number (0 picks a free one), got " + embeddedPort);
        }
        if (poolSize < 1) {
            throw new IllegalArgumentException(POOL_SIZE + " must be at least 1, got " + poolSize);
        }
    }

    public static DatabaseConfig external(String url, Path dataDirectory) {
        return new DatabaseConfig(Optional.of(url), dataDirectory, DEFAULT_EMBEDDED_PORT, DEFAULT_POOL_SIZE);
    }

    public static DatabaseConfig embedded(Path dataDirectory, int port) {
        return new DatabaseConfig(Optional.empty(), dataDirectory, port, DEFAULT_POOL_SIZE);
    }

    /** Reads the keys above; a blank {@value #DATABASE_URL} means embedded. */
    public static DatabaseConfig fromEnvironment(Map<String, String> variables) {
        return fromEnvironment(new Environment(variables));
    }

    /** @throws ConfigException naming the variable that is wrong */
    public static DatabaseConfig fromEnvironment(Environment env) {
        Optional<String> url = env.text(Setting.DATABASE_URL);
        Path dataDir = env.text(Setting.DATA_DIR).map(Path::of).orElse(DEFAULT_DATA_DIR);
        int port = env.number(Setting.EMBEDDED_DB_PORT, 0, 65535, DEFAULT_EMBEDDED_PORT,
                "a port number (0 picks a free one)");
        int pool = env.number(Setting.DB_POOL_SIZE, 1, 1000, DEFAULT_POOL_SIZE, "a number of connections");
        try {
            return new DatabaseConfig(url, dataDir, port, pool);
        } catch (ConfigException e) {
            throw e;
        } catch (IllegalArgumentException e) {
            throw new ConfigException(e.getMessage());
        }
    }

    public boolean isEmbedded() {
        return url.isEmpty();
    }

    /** Where the embedded server keeps its files. */
    public Path postgresDirectory() {
        return dataDirectory.resolve("postgres");
    }

    /**
     * Parses a {@value #DATABASE_URL}; a malformed one fails with a single line naming the key and never
     * echoing the password.
     */
    public static PgConnectOptions connectOptions(String url) {
        String problem = "must look like postgresql://user:password@host:5432/database";
        if (!(url.startsWith("postgresql://") || url.startsWith("postgres://"))) {
            throw new IllegalArgumentException(DATABASE_URL + " " + problem + " (it does not start with postgresql://)");
        }
        java.net.URI uri;
        PgConnectOptions options;
        try {
            uri = java.net.URI.create(url);
            options = PgConnectOptions.fromUri(url);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(DATABASE_URL + " " + problem + " (" + redacted(url) + " could not be parsed)", e);
        }
        // PgConnectOptions fills in defaults ("localhost", database "db"): check what was actually written
        if (uri.getHost() == null || uri.getHost().isBlank()) {
            throw new IllegalArgumentException(DATABASE_URL + " " + problem + " (no host in " + redacted(url) + ")");
        }
        String path = uri.getPath() == null ? "" : uri.getPath();
        if (path.length() < 2 || path.indexOf('/', 1) >= 0) {
            throw new IllegalArgumentException(DATABASE_URL + " " + problem + " (no database name in " + redacted(url) + ")");
        }
        return options;
    }

    /** The URL with any password replaced by {@code ***}. */
    static String redacted(String url) {
        return url.replaceFirst("(://[^:/@]*):[^@]*@", "$1:***@");
    }

    @Override
    public String toString() {
        return "DatabaseConfig[" + url.map(u -> "url=" + redacted(u)).orElse("embedded, port=" + embeddedPort)
                + ", dataDirectory=" + dataDirectory + ", poolSize=" + poolSize + "]";
    }
}
