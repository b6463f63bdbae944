package be.meterkast.store;

/** The household already has a Fluvius account with this e-mail address. */
public final class DuplicateAccount extends RuntimeException {
    public DuplicateAccount(long householdId, String email, Throwable cause) {
        super("household " + householdId + " already has the Fluvius account " + email, cause);
    }
}
