package be.meterkast.app.alerts;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** Where alerts go; {@link #code()} is what the database and the forms hold. */
public enum Channel {
    EMAIL, WEBHOOK, MQTT;

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Channel> ofCode(String code) {
        return Arrays.stream(values()).filter(c -> c.code().equals(code)).findFirst();
    }
}
