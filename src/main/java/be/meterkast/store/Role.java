package be.meterkast.store;

import java.util.Arrays;

/** A user's role in a household. Owners manage members, Fluvius accounts and meters. */
public enum Role {
    OWNER("owner"),
    MEMBER("member");

    private final String dbValue;

    Role(String dbValue) {
        this.dbValue = dbValue;
    }

    public String dbValue() {
        return dbValue;
    }

    public static Role fromDb(String value) {
        return Arrays.stream(values()).filter(r -> r.dbValue.equals(value)).findFirst()
                .orElseThrow(() -> new IllegalStateException("unknown role in the database: " + value));
    }
}
