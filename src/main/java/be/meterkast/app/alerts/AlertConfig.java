package be.meterkast.app.alerts;

import be.meterkast.config.ConfigException;
import be.meterkast.config.Environment;
import be.meterkast.config.Setting;

import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

/**
 * How often the rules are checked, and the SMTP server alerts are mailed through (none: e-mail is off and
 * the page says so). A wrong value stops start-up with one line naming the variable.
 */
public record AlertConfig(Duration interval, Optional<Smtp> smtp) {
    public static final int DEFAULT_INTERVAL_MINUTES = 15;
    public static final int DEFAULT_SMTP_PORT = 587;

    /** How the connection to the SMTP server is protected. */
    public enum TlsMode {
        /** Plain connection upgraded with STARTTLS, which must succeed (port 587). */
        STARTTLS,
        /** TLS from the first byte (port 465). */
        TLS,
        /** No encryption: only for a relay on the same machine or network. */
        NONE
    }

    public record Smtp(String host, int port, TlsMode tls, Optional<String> username, Optional<String> password,
                       String from) {
        @Override
        public String toString() {
            return "Smtp[" + host + ":" + port + ", " + tls + ", user " + username.orElse("-") + ", from " + from + "]";
        }
    }

    public static AlertConfig fromEnvironment(Environment env) {
        Duration interval = Duration.ofMinutes(env.number(Setting.ALERTS_INTERVAL_MINUTES, 1, 1440,
                DEFAULT_INTERVAL_MINUTES, "a number of minutes"));
        Optional<String> host = env.text(Setting.SMTP_HOST);
        if (host.isEmpty()) {
            return new AlertConfig(interval, Optional.empty());
        }
        int port = env.number(Setting.SMTP_PORT, 1, 65535, DEFAULT_SMTP_PORT, "a port number");
        TlsMode tls = env.text(Setting.SMTP_TLS).map(value -> {
            try {
                return TlsMode.valueOf(value.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new ConfigException(Setting.SMTP_TLS.key() + " must be starttls, tls or none, not '" + value + "'");
            }
        }).orElse(TlsMode.STARTTLS);
        String from = env.text(Setting.SMTP_FROM).orElseThrow(() -> new ConfigException(Setting.SMTP_FROM.key()
                + " must be set when " + Setting.SMTP_HOST.key() + " is: the sender address, like meterkast@example.be"));
        if (!AlertInput.looksLikeEmail(from)) {
            throw new ConfigException(Setting.SMTP_FROM.key() + " must be an e-mail address, not '" + from + "'");
        }
        Optional<String> username = env.text(Setting.SMTP_USERNAME);
        Optional<String> password = env.text(Setting.SMTP_PASSWORD);
        if (username.isPresent() != password.isPresent()) {
            throw new ConfigException(Setting.SMTP_USERNAME.key() + " and " + Setting.SMTP_PASSWORD.key()
                    + " go together: set both, or neither for a server without sign-in");
        }
        return new AlertConfig(interval, Optional.of(new Smtp(host.get(), port, tls, username, password, from)));
    }
}
