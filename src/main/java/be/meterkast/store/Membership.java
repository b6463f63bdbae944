package be.meterkast.store;

/** A user's place in a household, with the names pages show on both sides. */
public record Membership(long householdId, String householdName, long userId, String username,
                         String displayName, Role role) {
}
