package be.meterkast.fluvius.sim;

/** Where the MSAL config puts clientId, authority and redirectUri: the portal has shipped both over time. */
public enum ConfigShape {
    /** Under {@code "auth"}, with scopes in {@code protectedResourceMap}. */
    NESTED,
    /** At the top level, with a {@code "scopes"} array. */
    FLAT
}
