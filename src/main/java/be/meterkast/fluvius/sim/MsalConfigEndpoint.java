package be.meterkast.fluvius.sim;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/**
 * The MSAL config the portal's single-page app starts from, and the URLs it announces: every sign-in step
 * derives the base URL and the registered redirect URI from the request the same way.
 */
final class MsalConfigEndpoint {
    private final SimulatorConfig config;
    private final SimStats stats;

    MsalConfigEndpoint(SimulatorConfig config, SimStats stats) {
        this.config = config;
        this.stats = stats;
    }

    void serve(RoutingContext ctx) {
        stats.configRequest();
        String base = baseUrl(ctx);
        JsonArray scopes = new JsonArray().add(SimPaths.API_SCOPE);
        JsonArray knownAuthorities = new JsonArray().add(authority(ctx));
        JsonObject body = switch (config.options().configShape()) {
            case NESTED -> new JsonObject()
                    .put("auth", new JsonObject()
                            .put("clientId", SimPaths.CLIENT_ID)
                            .put("authority", base + SimPaths.TENANT)
                            .put("redirectUri", redirectUri(ctx))
                            .put("postLogoutRedirectUri", redirectUri(ctx))
                            .put("knownAuthorities", knownAuthorities)
                            .put("navigateToLoginRequestUrl", false))
                    .put("cache", new JsonObject().put("cacheLocation", "localStorage"))
                    .put("protectedResourceMap", new JsonArray()
                            .add(new JsonArray().add(base + SimPaths.DATA_API).add(scopes)));
            case FLAT -> new JsonObject()
                    .put("clientId", SimPaths.CLIENT_ID)
                    .put("authority", base + SimPaths.TENANT)
                    .put("redirectUri", redirectUri(ctx))
                    .put("knownAuthorities", knownAuthorities)
                    .put("scopes", scopes);
        };
        ctx.json(body);
    }

    static String baseUrl(RoutingContext ctx) {
        return ctx.request().scheme() + "://" + authority(ctx);
    }

    private static String authority(RoutingContext ctx) {
        var authority = ctx.request().authority();
        if (authority == null) {
            // HTTP/1.0 without a Host header: the address the request came in on is the next best thing.
            return ctx.request().localAddress().hostAddress() + ":" + ctx.request().localAddress().port();
        }
        String host = authority.host().contains(":") && !authority.host().startsWith("[")
                ? "[" + authority.host() + "]" : authority.host();
        return authority.port() >= 0 ? host + ":" + authority.port() : host;
    }

    static String redirectUri(RoutingContext ctx) {
        return baseUrl(ctx) + "/";
    }
}
