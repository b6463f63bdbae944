package be.meterkast.web;

import be.meterkast.ops.OpsRoutes;
import be.meterkast.store.DatabaseUnavailable;
import be.meterkast.web.admin.AdminRoutes;
import be.meterkast.web.api.ApiJson;
import be.meterkast.web.api.ApiRoutes;
import be.meterkast.web.auth.AccountRoutes;
import be.meterkast.web.alerts.AlertRoutes;
import be.meterkast.web.auth.CsrfGuard;
import be.meterkast.web.auth.CurrentUser;
import be.meterkast.web.auth.RegistrationRoutes;
import be.meterkast.web.auth.SessionRoutes;
import be.meterkast.web.auth.SessionTokens;
import be.meterkast.web.auth.SetupRoutes;
import be.meterkast.web.compare.CompareRoutes;
import be.meterkast.web.costs.CostRoutes;
import be.meterkast.web.exports.ExportRoutes;
import be.meterkast.web.households.HouseholdRoutes;
import be.meterkast.web.meters.MeterRoutes;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.ext.web.handler.StaticHandler;
import io.vertx.ext.web.handler.TimeoutHandler;
import io.vertx.sqlclient.Pool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** The portal's HTTP server: security headers, sessions and CSRF for every page, the feature routers. */
public final class PortalVerticle extends VerticleBase {
    private static final Logger LOG = LoggerFactory.getLogger(PortalVerticle.class);
    /** The largest form or JSON body read; a larger one answers 413 without being read to the end. */
    public static final long MAX_BODY = 64 * 1024;

    private final PortalServices services;
    private final Pool healthPool;
    private final String host;
    private final int port;
    private final Optional<PrometheusMeterRegistry> metrics;
    private final Duration shutdownGrace;
    private final ShutdownDrain drain = new ShutdownDrain();
    private final Duration requestTimeout;
    private HttpServer server;
    private Router router;

    /**
     * @param healthPool    the pool {@code /health} checks; routes never see it
     * @param metrics       what {@code /metrics} serves; empty answers 404
     * @param shutdownGrace how long undeploying waits for requests under way before closing connections
     * @param requestTimeout when a request still unanswered gets 503: a net under every route
     */
    public PortalVerticle(PortalServices services, Pool healthPool, String host, int port,
                          Optional<PrometheusMeterRegistry> metrics, Duration shutdownGrace, Duration requestTimeout) {
        this.services = services;
        this.healthPool = healthPool;
        this.host = host;
        this.port = port;
        this.metrics = metrics;
        this.shutdownGrace = shutdownGrace;
        this.requestTimeout = requestTimeout;
    }

    @Override
    public Future<?> start() {
        Templates templates = new Templates(vertx);
        WebSettings settings = services.settings();
        SessionTokens tokens = new SessionTokens(vertx, settings.sessionKey(), settings.secureCookies());
        CsrfGuard csrf = new CsrfGuard(settings.sessionKey(), settings.secureCookies());
        CurrentUser pageUser = CurrentUser.fromCookie(tokens, services.users());
        // In this order: the start page ("/") is the sessions' before sign-in, the households' after.
        List<Feature> pages = List.of(
                new SessionRoutes(services.users(), tokens, templates, settings.openRegistration()),
                new SetupRoutes(services.users(), tokens, templates),
                new RegistrationRoutes(services.users(), services.households(), tokens, templates,
                        settings.openRegistration()),
                new AccountRoutes(services.users(), tokens, templates),
                // before the households' and meters' routers, which would answer its paths 404
                new CostRoutes(services.households(), services.meters(), services.readings(), services.costs(),
                        templates, settings.importMaxBytes()),
                new HouseholdRoutes(vertx, services.households(), services.meters(), services.readings(),
                        services.imports(), services.costs(), settings, templates),
                new MeterRoutes(vertx, services.households(), services.meters(), services.readings(),
                        services.imports(), settings, templates),
                new CompareRoutes(services.households(), services.meters(), services.readings(), services.costs(),
                        templates),
                new ExportRoutes(vertx, services.meters(), services.readings()),
                new AdminRoutes(vertx, services.users(), services.households(), settings, templates),
                new AlertRoutes(services.alerts(), templates));

        router = Router.router(vertx);
        router.route().handler(drain::handle);
        // A net: a request whose handler never answers (an exception inside a future's callback) gets 503.
        router.route().handler(TimeoutHandler.create(requestTimeout.toMillis(), 503));
        router.route().handler(PortalVerticle::securityHeaders);
        router.route().handler(ctx -> ctx.put(Page.SECURE_COOKIES, settings.secureCookies()).next());
        // Before sessions and CSRF: monitors send no cookies and change nothing
        new OpsRoutes(healthPool, metrics).register(router);
        router.route(Paths.STATIC + "/*").handler(StaticHandler.create("webroot").setCachingEnabled(true));
        router.route("/webjars/*").handler(StaticHandler.create("META-INF/resources/webjars").setCachingEnabled(true));
        // The API signs in by Bearer token: it comes before the pages' session cookie and CSRF check, reads
        // bodies for its own routes only and answers every other path under /api/v1 itself (JSON 404).
        new ApiRoutes(vertx, services, tokens).mount(router);
        // Mijn Fluvius files: their own size limit, written to disk; the pages' body handler then lets them be
        Uploads uploads = new Uploads(settings.importMaxBytes(), settings.uploadsDirectory());
        List.of(Paths.METER_IMPORTS, Paths.HOUSEHOLD_METER_FROM_FILE, Paths.HOUSEHOLD_TARIFF_PRICES)
                .forEach(path -> router.post(path).handler(uploads.handler(false)));
        router.route().handler(BodyHandler.create(false).setBodyLimit(MAX_BODY));
        router.route().handler(TextInput::guard);
        router.route().handler(pageUser::handle);
        router.route().handler(csrf::handle);
        // Before the features' own access checks: a 304 or cached page was rendered for this user under the same
        // memberships (part of its key), so it passed them then.
        List.of(Paths.HOME, Paths.COMPARE, Paths.HOUSEHOLDS + "/:householdId", Paths.HOUSEHOLDS + "/:householdId/tariffs",
                        Paths.METERS + "/:meterId", Paths.METERS + "/:meterId/day/:date", Paths.METERS + "/:meterId/costs",
                        Paths.EXPORT + "/meters/:meterId/:file")
                .forEach(path -> router.get(path).handler(services.pageCache()::handle));
        pages.forEach(feature -> feature.mount(router));

        // Failure handling lives on the root router: Vert.x 5.0.7 ignores error handlers on sub-routers.
        router.route().last().handler(ctx -> ctx.fail(404));
        router.route().failureHandler(ctx -> failure(ctx, templates));

        return vertx.createHttpServer().connectionHandler(drain::track).requestHandler(router).listen(port, host).map(s -> {
            server = s;
            LOG.info("Meterkast portal listening on http://{}:{}", host, s.actualPort());
            return s;
        });
    }

    /**
     * Graceful, in two phases. First {@link ShutdownDrain}: for a moment every request that arrives, also on a
     * kept-alive connection, is answered with {@code Connection: close}. Then the listening socket closes,
     * requests under way get their responses (each connection closes after its current response), and only
     * connections still busy after the grace period are cut. Vert.x would otherwise close the server with
     * {@code close()}, which is a shutdown without grace.
     */
    @Override
    public Future<?> stop() {
        if (server == null) {
            return Future.succeededFuture();
        }
        LOG.info("Stopping the portal: finishing requests under way (at most {} s)", shutdownGrace.toSeconds());
        long started = System.nanoTime();
        return drain.drain(vertx, shutdownGrace).compose(drained -> {
            long left = Math.max(0, shutdownGrace.toMillis() - Duration.ofNanos(System.nanoTime() - started).toMillis());
            return server.shutdown(left, TimeUnit.MILLISECONDS);
        });
    }

    /** The stop is coming: see {@link ShutdownDrain#announce}. Safe from any thread, and before {@link #stop}. */
    public void stopping() {
        drain.announce(shutdownGrace);
    }

    public int actualPort() {
        return server.actualPort();
    }

    /** The routes as mounted, for tests that walk every one of them (a new route is included by itself). */
    public Router router() {
        return router;
    }

    private static void securityHeaders(RoutingContext ctx) {
        ctx.response().headers()
                .set("Content-Security-Policy", "default-src 'self'; img-src 'self' data:; style-src 'self'; "
                        + "script-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; "
                        + "frame-ancestors 'none'")
                .set("X-Frame-Options", "DENY")
                .set("X-Content-Type-Options", "nosniff")
                .set("Referrer-Policy", "same-origin");
        ctx.next();
    }

    private static void failure(RoutingContext ctx, Templates templates) {
        Throwable cause = ctx.failure();
        boolean databaseDown = DatabaseUnavailable.is(cause);
        int status = databaseDown ? 503 : ctx.statusCode() < 400 ? 500 : ctx.statusCode();
        if (databaseDown) {
            // Expected while PostgreSQL restarts: one line, no stack; the pool reconnects by itself.
            LOG.warn("{} {} answered 503: the database is unavailable ({})", ctx.request().method(),
                    ctx.request().path(), cause.toString());
        } else if (status == 503) {
            LOG.warn("{} {} answered 503: no answer within the request timeout", ctx.request().method(),
                    ctx.request().path());
        } else if (status >= 500) {
            LOG.error("{} {} failed", ctx.request().method(), ctx.request().path(), cause);
        }
        if (ctx.response().ended() || ctx.response().headWritten()) {
            return;
        }
        // A 503 without the database to blame is the request timeout: say that, not "database".
        String textKey = status == 503 && !databaseDown ? "error.timeout.text" : "error." + errorPage(status) + ".text";
        if (status == 503) {
            ctx.response().putHeader("Retry-After", "10");
        }
        if (ctx.request().path().startsWith(Paths.API)) {
            ApiJson.error(ctx, status, errorCode(status), cause instanceof BadParameters bad
                    ? bad.message(java.util.Locale.ENGLISH) : Templates.text(java.util.Locale.ENGLISH,
                    status == 503 && !databaseDown ? textKey : "error." + status + ".text"));
            return;
        }
        Map<String, Object> model = Page.model(ctx, "error." + errorPage(status) + ".title");
        model.put("status", status);
        model.put("messageKey", cause instanceof CsrfGuard.CsrfRejected ? "error.csrf.text"
                : cause instanceof BadParameters bad ? bad.messageKey() : textKey);
        if (cause instanceof BadParameters bad) {
            model.put("message", bad.message(Page.locale(ctx)));
        }
        templates.render(ctx, status, "error", model);
    }

    private static String errorPage(int status) {
        return switch (status) {
            case 400, 403, 404, 405, 413, 429, 503 -> Integer.toString(status);
            default -> "500";
        };
    }

    private static String errorCode(int status) {
        return switch (status) {
            case 400 -> "bad_request";
            case 401 -> "unauthorized";
            case 403 -> "forbidden";
            case 404 -> "not_found";
            case 409 -> "conflict";
            case 413 -> "too_large";
            case 405 -> "method_not_allowed";
            case 429 -> "too_many_requests";
            case 503 -> "unavailable";
            default -> "server_error";
        };
    }
}
