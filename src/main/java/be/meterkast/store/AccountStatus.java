package be.meterkast.store;

import java.util.Arrays;

/** Where a linked Fluvius account stands, as the sync last found it. */
public enum AccountStatus {
    /** Added, not signed in yet. */
    PENDING("pending"),
    /** Signed in; tokens stored. */
    LINKED("linked"),
    /** Fluvius refused the password: the user must enter it again. */
    NEEDS_PASSWORD("needs_password"),
    /** Fluvius locked the account after failed attempts: the user must unlock it on the Fluvius site. */
    LOCKED("locked"),
    /** Fluvius asks for a second factor, which an unattended sync cannot give. */
    MFA_REQUIRED("mfa_required"),
    /** Fluvius could not be reached or answered unexpectedly; retried later. */
    UNAVAILABLE("unavailable");

    private final String dbValue;

    AccountStatus(String dbValue) {
        this.dbValue = dbValue;
    }

    public String dbValue() {
        return dbValue;
    }

    public static AccountStatus fromDb(String value) {
        return Arrays.stream(values()).filter(s -> s.dbValue.equals(value)).findFirst()
                .orElseThrow(() -> new IllegalStateException("unknown account status in the database: " + value));
    }
}
