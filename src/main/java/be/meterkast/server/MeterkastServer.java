package be.meterkast.server;

import be.meterkast.ops.Monitoring;
import be.meterkast.app.Housekeeping;
import be.meterkast.mqtt.HomeAssistant;
import be.meterkast.mqtt.MqttConnection;
import be.meterkast.mqtt.MqttEvents;
import be.meterkast.app.alerts.AlertService;
import be.meterkast.web.alerts.AlertPaths;
import be.meterkast.ops.OpsConfig;
import be.meterkast.ops.PortalMeters;
import be.meterkast.store.Database;
import be.meterkast.store.Repositories;
import be.meterkast.store.SecretBox;
import be.meterkast.sync.SyncControl;
import be.meterkast.web.PortalServices;
import be.meterkast.web.PortalVerticle;
import be.meterkast.web.WebSettings;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.IntFunction;

/**
 * The portal put together: PostgreSQL (embedded or external, migrated on a worker), the instance key,
 * the web verticle and then the background sync. {@link #close()} undoes it in reverse order.
 */
public final class MeterkastServer {
    private static final Logger LOG = LoggerFactory.getLogger(MeterkastServer.class);

    private final Vertx vertx;
    private final Database database;
    private final SyncControl.Managed sync;
    private final Repositories store;
    private final List<PortalVerticle> verticles;
    private final List<String> deploymentIds;
    private final Optional<PortalMeters> meters;
    private final Housekeeping housekeeping;
    private final MqttConnection mqtt;
    private final Optional<HomeAssistant> homeAssistant;
    private final AlertService alerts;
    private Future<Void> closing;

    private MeterkastServer(Vertx vertx, Database database, SyncControl.Managed sync, Repositories store,
                            List<PortalVerticle> verticles, List<String> deploymentIds, Optional<PortalMeters> meters,
                            Housekeeping housekeeping, MqttConnection mqtt, Optional<HomeAssistant> homeAssistant,
                            AlertService alerts) {
        this.vertx = vertx;
        this.mqtt = mqtt;
        this.homeAssistant = homeAssistant;
        this.alerts = alerts;
        this.housekeeping = housekeeping;
        this.meters = meters;
        this.database = database;
        this.sync = sync;
        this.store = store;
        this.verticles = List.copyOf(verticles);
        this.deploymentIds = deploymentIds;
    }

    /** Without metrics: {@code /metrics} answers 404. */
    public static Future<MeterkastServer> start(Vertx vertx, ServerConfig config, Clock clock, SyncFactory syncFactory) {
        return start(vertx, config, clock, syncFactory, Monitoring.none());
    }

    /**
     * @param monitoring the registry {@code vertx} was created with ({@link Monitoring#createVertx()}), which
     *                   also gets the portal's own meters and is served at {@code /metrics}
     */
    public static Future<MeterkastServer> start(Vertx vertx, ServerConfig config, Clock clock, SyncFactory syncFactory,
                                                Monitoring monitoring) {
        OpsConfig ops = config.ops();
        return Database.start(vertx, config.database()).compose(database ->
                vertx.executeBlocking(() -> SecretBox.load(config.environment(), config.database().dataDirectory()))
                        .compose(secrets -> startOn(vertx, config, ops, monitoring, clock, syncFactory, database, secrets))
                        .recover(err -> database.close().transform(ignored -> Future.failedFuture(err))));
    }

    private static Future<MeterkastServer> startOn(Vertx vertx, ServerConfig config, OpsConfig ops, Monitoring monitoring,
                                                   Clock clock, SyncFactory syncFactory, Database database,
                                                   SecretBox secrets) {
        Pool pool = database.pool();
        Repositories store = new Repositories(pool, secrets);
        if (config.publicUrl().isEmpty()) {
            LOG.warn("METERKAST_PUBLIC_URL is not set: invitation links use the address the inviting browser used,"
                    + " which may not work for the invitee (behind a proxy, or by another name). Set it to the address"
                    + " people open, like https://meterkast.example.be.");
        }
        return store.sessions().sessionKey().compose(sessionKey ->
                syncFactory.create(vertx, database, secrets, clock, config).compose(sync -> {
                    // Connected in the background (HomeAssistant.start): a broker that is down or slow never holds
                    // up start-up; alerts publish their events on the same connection
                    MqttConnection mqtt = config.mqtt().map(s -> MqttConnection.to(vertx, s))
                            .orElseGet(() -> MqttConnection.off(vertx));
                    Optional<HomeAssistant> homeAssistant = mqtt.enabled()
                            ? Optional.of(HomeAssistant.over(vertx, mqtt, store, clock))
                            : Optional.empty();
                    AlertService alerts = new AlertService(vertx, clock, store, config.alerts(), AlertPaths.INSTANCE,
                            config.publicUrl(), MqttEvents.over(mqtt));
                    PortalServices services = PortalServices.create(vertx, clock, store, sync, new WebSettings(sessionKey,
                            config.secureCookies(), config.openRegistration(), config.publicUrl(), config.importMaxBytes(),
                            config.database().dataDirectory().resolve("uploads").toString(), config.pageCacheBytes()), alerts);
                    IntFunction<PortalVerticle> portal = port -> new PortalVerticle(services, pool, config.host(), port,
                            monitoring.registry(), ops.shutdownGrace(), ops.requestTimeout());
                    List<PortalVerticle> created = new CopyOnWriteArrayList<>();
                    Future<Optional<PortalMeters>> meters = monitoring.registry()
                            .map(registry -> PortalMeters.start(vertx, registry, sync, store.meterSync(), clock)
                                    .map(Optional::of))
                            .orElseGet(() -> Future.succeededFuture(Optional.empty()));
                    // The port first, the sync after: /health answers while the first sync runs (a load
                    // balancer sees the instance up), and a port already taken fails before any Fluvius call
                    return meters.compose(started -> deployPortal(vertx, config.port(), portal, ops.webInstances(), created)
                                    .compose(ids -> sync.start().map(ids)
                                            .recover(err -> undeploy(vertx, ids).transform(u -> Future.failedFuture(err))))
                                    .map(ids -> {
                                        Housekeeping housekeeping = new Housekeeping(store.sessions(), store.invites(), clock);
                                        housekeeping.schedule(vertx);
                                        homeAssistant.ifPresent(HomeAssistant::start);
                                        alerts.schedule(vertx);
                                        return new MeterkastServer(vertx, database, sync, store, created, ids, started,
                                                housekeeping, mqtt, homeAssistant, alerts);
                                    })
                                    .recover(err -> {
                                        started.ifPresent(PortalMeters::stop);
                                        return Future.failedFuture(err);
                                    }))
                            .recover(err -> sync.stop().transform(ignored -> Future.failedFuture(err)));
                }));
    }

    /**
     * The portal verticle on as many event loops as asked, in one deployment. Vert.x shares one listening socket
     * among servers on the same host and port and hands each connection to one of them in turn; a random port
     * (0, in tests) is asked for as -1, which Vert.x resolves once for all of them.
     */
    private static Future<List<String>> deployPortal(Vertx vertx, int port, IntFunction<PortalVerticle> portal,
                                                     int instances, List<PortalVerticle> created) {
        int shared = port == 0 && instances > 1 ? -1 : port;
        return vertx.deployVerticle(() -> {
            PortalVerticle verticle = portal.apply(shared);
            created.add(verticle);
            return verticle;
        }, new DeploymentOptions().setInstances(instances)).map(List::of);
    }

    private static Future<Void> undeploy(Vertx vertx, List<String> ids) {
        return Future.join(ids.stream().map(vertx::undeploy).toList()).mapEmpty();
    }

    public int port() {
        return verticles.get(0).actualPort();
    }

    /** The first portal verticle's router, as mounted (every copy mounts the same routes). */
    public io.vertx.ext.web.Router router() {
        return verticles.get(0).router();
    }

    /** The repositories the portal runs on: the demo seeds through them, tests seed and poll. */
    public Repositories services() {
        return store;
    }

    /** The alerts' rules and deliveries, for tests that run a round. */
    public AlertService alerts() {
        return alerts;
    }

    /** The running sync, for the demo's seeding. */
    public SyncControl sync() {
        return sync;
    }

    /** The portal's own meters, when metrics are on. */
    public Optional<PortalMeters> meters() {
        return meters;
    }

    public Database database() {
        return database;
    }

    /**
     * The MQTT connection ({@link MqttConnection#publish}), shared by everything that publishes; when
     * {@code METERKAST_MQTT_URL} is unset, one whose publishes fail at once.
     */
    public MqttConnection mqtt() {
        return mqtt;
    }

    /** What publishes for Home Assistant, when MQTT is on. */
    public Optional<HomeAssistant> homeAssistant() {
        return homeAssistant;
    }

    /**
     * Stop taking requests and finish those under way (the verticle's graceful stop), let the sync finish its
     * current step, close the database.
     */
    public synchronized Future<Void> close() {
        // Once: a SIGTERM hook and a test (or two hooks) may both ask
        if (closing == null) {
            meters.ifPresent(PortalMeters::stop);
            verticles.forEach(PortalVerticle::stopping);
            closing = undeploy(vertx, deploymentIds)
                    .eventually(sync::stop)
                    .eventually(() -> homeAssistant.map(HomeAssistant::stop).orElseGet(Future::succeededFuture))
                    .eventually(housekeeping::stop)
                    .eventually(alerts::stop)
                    .eventually(database::close)
                    .onComplete(ignored -> LOG.info("Meterkast stopped"));
        }
        return closing;
    }
}
