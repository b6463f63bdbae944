package be.meterkast.config;

/**
 * A setting with a value that cannot be used; the message names it. Shared by {@code OpsConfig} and the
 * server's configuration, and kept here, below {@code server}, so ops does not depend on what wires it.
 */
public final class ConfigException extends IllegalArgumentException {
    public ConfigException(String message) {
        super(message);
    }
}
