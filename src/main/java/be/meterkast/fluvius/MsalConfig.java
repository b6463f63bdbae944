package be.meterkast.fluvius;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.net.URI;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The sign-in settings the Fluvius website loads from {@code /api/global/msal/config}. Fluvius has moved
 * these keys around (top level or under {@code auth}) and spells scopes several ways, so parsing is lenient
 * and falls back to the values public scripts have always seen.
 */
public record MsalConfig(String clientId, String authority, String redirectUri, List<String> scopes) {
    public static final String DEFAULT_AUTHORITY =
            "https://login.fluvius.be/klanten.onmicrosoft.com/B2C_1A_customer_signup_signin";
    public static final String DEFAULT_REDIRECT_URI = "https://mijn.fluvius.be/";
    public static final String API_SCOPE = "https://klanten.onmicrosoft.com/MijnFluvius/user_impersonation";
    static final List<String> REQUIRED_SCOPES = List.of("openid", "offline_access", API_SCOPE);

    public MsalConfig {
        scopes = List.copyOf(scopes);
    }

    /** @throws FluviusException.PortalChanged when no client id can be found */
    public static MsalConfig parse(JsonObject json) {
        JsonObject auth = json.getValue("auth") instanceof JsonObject nested ? nested : new JsonObject();
        String clientId = firstText(auth, json, "clientId", "client_id");
        if (clientId == null) {
            throw new FluviusException.PortalChanged("MSAL config", "no clientId in the configuration");
        }
        String authority = firstText(auth, json, "authority");
        String redirectUri = firstText(auth, json, "redirectUri", "redirect_uri");

        Set<String> scopes = new LinkedHashSet<>();
        collectScopes(json, scopes);
        scopes.addAll(REQUIRED_SCOPES);
        return new MsalConfig(clientId,
                trimSlash(authority == null ? DEFAULT_AUTHORITY : authority),
                redirectUri == null ? DEFAULT_REDIRECT_URI : redirectUri,
                List.copyOf(scopes));
    }

    public String scopeParameter() {
        return String.join(" ", scopes);
    }

    /** Scheme, host and port of the authority: where the B2C pages live. */
    public String authorityOrigin() {
        URI uri = URI.create(authority);
        return uri.getScheme() + "://" + uri.getRawAuthority();
    }

    public String authorizeEndpoint() {
        return authority + "/oauth2/v2.0/authorize";
    }

    public String tokenEndpoint() {
        return authority + "/oauth2/v2.0/token";
    }

    private static String firstText(JsonObject preferred, JsonObject fallback, String... keys) {
        for (JsonObject source : List.of(preferred, fallback)) {
            for (String key : keys) {
                if (source.getValue(key) instanceof String s && !s.isBlank()) {
                    return s.strip();
                }
            }
        }
        return null;
    }

    /**
     * Takes scopes from any key that names them ({@code scopes}, {@code loginRequest.scopes},
     * {@code protectedResourceMap} as array of pairs or as object), at any depth.
     */
    private static void collectScopes(Object node, Set<String> into) {
        if (node instanceof JsonObject object) {
            for (Map.Entry<String, Object> e : object) {
                String key = e.getKey().toLowerCase();
                if (key.contains("scope") || key.equals("protectedresourcemap")) {
                    addScopeValues(e.getValue(), into);
                } else {
                    collectScopes(e.getValue(), into);
                }
            }
        } else if (node instanceof JsonArray array) {
            array.forEach(item -> collectScopes(item, into));
        }
    }

    private static void addScopeValues(Object value, Set<String> into) {
        if (value instanceof String s) {
            for (String part : s.trim().split("\\s+")) {
                if (looksLikeScope(part)) {
                    into.add(part);
                }
            }
        } else if (value instanceof JsonArray array) {
            array.forEach(item -> addScopeValues(item, into));
        } else if (value instanceof JsonObject object) {
            object.forEach(e -> addScopeValues(e.getValue(), into));
        }
    }

    /** A protectedResourceMap pair also holds the resource URL; only OAuth scopes are kept. */
    private static boolean looksLikeScope(String s) {
        if (s.isEmpty()) {
            return false;
        }
        if (s.startsWith("http")) {
            return s.matches("https?://[^/]+\\.onmicrosoft\\.com/.+/[^/]+");
        }
        return s.matches("[A-Za-z0-9_.:-]+");
    }

    private static String trimSlash(String s) {
        return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
    }
}
