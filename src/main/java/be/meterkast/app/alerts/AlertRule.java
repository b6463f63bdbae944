package be.meterkast.app.alerts;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** The rules a user can turn on; {@link #code()} is what the database and the webhook's JSON hold. */
public enum AlertRule {
    PEAK_LEVEL, PEAK_AVERAGE, BASE_LOAD, NO_DATA, ACCOUNT, UNUSUAL_DAY;

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<AlertRule> ofCode(String code) {
        return Arrays.stream(values()).filter(r -> r.code().equals(code)).findFirst();
    }
}
