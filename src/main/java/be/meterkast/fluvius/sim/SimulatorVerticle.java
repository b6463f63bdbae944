package be.meterkast.fluvius.sim;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The simulator's HTTP server: mijn.fluvius.be and its B2C tenant on one origin. */
final class SimulatorVerticle extends VerticleBase {
    private static final Logger LOG = LoggerFactory.getLogger(SimulatorVerticle.class);
    private static final long MAX_BODY_BYTES = 64 * 1024;

    private final SimulatorConfig config;
    private final SimStats stats;
    private HttpServer server;

    SimulatorVerticle(SimulatorConfig config, SimStats stats) {
        this.config = config;
        this.stats = stats;
    }

    @Override
    public Future<?> start() {
        TokenIssuer tokens = new TokenIssuer(vertx, config.clock());
        SignInState signIns = new SignInState(config.clock());
        B2cLogin login = new B2cLogin(config, stats, signIns);
        TokenEndpoint tokenEndpoint = new TokenEndpoint(config, stats, signIns, tokens);
        MsalConfigEndpoint msal = new MsalConfigEndpoint(config, stats);
        MeterApi api = new MeterApi(config, stats, tokens);

        Router router = Router.router(vertx);
        // The body is read before the delay: a paused request must not lose its form.
        router.route().handler(BodyHandler.create().setBodyLimit(MAX_BODY_BYTES));
        router.route().handler(this::delay);
        router.get(SimPaths.MSAL_CONFIG).handler(msal::serve);
        router.get(SimPaths.CONTROL_STATS).handler(this::showStats);
        router.get("/").handler(this::portalHome);

        router.get(SimPaths.AUTHORIZE).handler(login::countAuthorize);
        router.route(SimPaths.DATA_API + "/*").handler(api::countRequest);
        router.route(SimPaths.TENANT + "/*").handler(login::refuseQuotedCookies);
        router.route(SimPaths.TENANT + "/*").handler(ctx -> injectFault(ctx, true));
        router.route(SimPaths.DATA_API + "/*").handler(ctx -> injectFault(ctx, false));

        router.get(SimPaths.AUTHORIZE).handler(login::authorize);
        router.post(SimPaths.SELF_ASSERTED).handler(login::selfAsserted);
        router.get(SimPaths.CONFIRMED).handler(login::confirmed);
        router.get(SimPaths.RESUME).handler(login::resume);
        router.post(SimPaths.TOKEN).handler(tokenEndpoint::token);
        router.get(SimPaths.HISTORY).handler(api::authenticate).handler(api::resolveMeter)
                .handler(api::readHistoryRequest).handler(api::history);
        router.get(SimPaths.SPIKES).handler(api::authenticate).handler(api::resolveMeter)
                .handler(api::readRange).handler(api::spikes);

        router.route().failureHandler(this::renderFailure);

        return vertx.createHttpServer()
                .requestHandler(router)
                .listen(config.port(), config.host())
                .onSuccess(listening -> server = listening);
    }

    int actualPort() {
        return server.actualPort();
    }

    private void delay(RoutingContext ctx) {
        long millis = config.options().latency().toMillis();
        if (millis <= 0) {
            ctx.next();
        } else {
            vertx.setTimer(millis, id -> ctx.next());
        }
    }

    private void injectFault(RoutingContext ctx, boolean signIn) {
        int status = config.options().nextFault(signIn);
        if (status == 0) {
            ctx.next();
            return;
        }
        if (status == 429 || status == 503 && config.options().retryAfterOn503()) {
            ctx.response().putHeader(HttpHeaders.RETRY_AFTER,
                    Long.toString(config.options().retryAfter().toSeconds()));
        }
        String message = switch (status) {
            case 429 -> "Too many requests; try again later";
            case 503 -> "The service is temporarily unavailable";
            case 502 -> "Bad gateway";
            case 500 -> "Internal server error";
            default -> "Injected failure";
        };
        ctx.response().setStatusCode(status);
        ctx.json(WireRecords.message(message));
    }

    private void showStats(RoutingContext ctx) {
        ctx.json(stats.snapshot().put("now", config.clock().instant().toString()));
    }

    /** Where the sign-in redirects to; clients take the code from the redirect and never load it. */
    private void portalHome(RoutingContext ctx) {
        ctx.response().putHeader(HttpHeaders.CONTENT_TYPE, "text/html; charset=utf-8")
                .end("<!DOCTYPE html><html lang=\"nl\"><head><meta charset=\"utf-8\"><title>Mijn Fluvius"
                        + " (simulator)</title></head><body><h1>Mijn Fluvius (simulator)</h1></body></html>");
    }

    private void renderFailure(RoutingContext ctx) {
        Throwable failure = ctx.failure();
        int status = ctx.statusCode() > 0 ? ctx.statusCode() : 500;
        if (!(failure instanceof ApiError)) {
            LOG.error("Simulator request {} {} failed", ctx.request().method(), ctx.request().path(), failure);
        }
        if (status == 401) {
            ctx.response().putHeader("WWW-Authenticate", "Bearer error=\"invalid_token\"");
        }
        String message = failure instanceof ApiError ? failure.getMessage()
                : status == 500 ? "Internal server error" : "Request failed (" + status + ")";
        ctx.response().setStatusCode(status);
        ctx.json(new JsonObject().put("message", message));
    }
}
