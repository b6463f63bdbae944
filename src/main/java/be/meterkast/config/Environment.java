package be.meterkast.config;

import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Typed reads of {@link Setting}s from environment variables, one parser per kind of value, each failing with
 * a {@link ConfigException} whose message names the variable and says what it must be.
 */
public final class Environment {
    private final Map<String, String> variables;

    public Environment(Map<String, String> variables) {
        this.variables = Map.copyOf(variables);
    }

    public Map<String, String> variables() {
        return variables;
    }

    /** The trimmed value, empty when unset or blank. */
    public Optional<String> text(Setting setting) {
        return Optional.ofNullable(variables.get(setting.key())).map(String::trim).filter(s -> !s.isEmpty());
    }

    public boolean flag(Setting setting, boolean otherwise) {
        return text(setting).map(value -> switch (value.toLowerCase(Locale.ROOT)) {
            case "true", "yes", "1", "on" -> true;
            case "false", "no", "0", "off" -> false;
            default -> throw new ConfigException(setting.key() + " must be true or false, not '" + value + "'");
        }).orElse(otherwise);
    }

    /** A whole number in [min, max]; {@code what} completes "must be …" (e.g. "a port number"). */
    public int number(Setting setting, int min, int max, int otherwise, String what) {
        return text(setting).map(value -> {
            try {
                int n = Integer.parseInt(value);
                if (n >= min && n <= max) {
                    return n;
                }
            } catch (NumberFormatException ignored) {
                // reported below, with the range
            }
            throw new ConfigException(setting.key() + " must be " + what + " between " + min + " and " + max
                    + ", not '" + value + "'");
        }).orElse(otherwise);
    }

    /** A decimal number (with a point) in [min, max]; {@code what} completes "must be …". */
    public double decimal(Setting setting, double min, double max, double otherwise, String what) {
        return text(setting).map(value -> {
            try {
                double n = Double.parseDouble(value);
                if (n >= min && n <= max) {
                    return n;
                }
            } catch (NumberFormatException ignored) {
                // reported below, with the range
            }
            throw new ConfigException(setting.key() + " must be " + what + " between " + plain(min) + " and "
                    + plain(max) + ", not '" + value + "'");
        }).orElse(otherwise);
    }

    private static String plain(double n) {
        return java.math.BigDecimal.valueOf(n).stripTrailingZeros().toPlainString();
    }

    public Duration seconds(Setting setting, int min, int max, Duration otherwise) {
        return text(setting).isEmpty() ? otherwise
                : Duration.ofSeconds(number(setting, min, max, 0, "a number of seconds"));
    }

    /** An http or https URL with a host; {@code example} shows what is expected. */
    public Optional<URI> webUrl(Setting setting, String example) {
        return text(setting).map(value -> {
            try {
                URI uri = URI.create(value);
                if (("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null) {
                    return uri;
                }
            } catch (IllegalArgumentException ignored) {
                // reported below
            }
            throw new ConfigException(setting.key() + " must be " + example + ", not '" + value + "'");
        });
    }
}
