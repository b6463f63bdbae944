package be.meterkast.web;

import be.meterkast.app.alerts.AlertService;
import be.meterkast.app.PageVersions;
import be.meterkast.app.costs.CostService;
import be.meterkast.app.households.HouseholdService;
import be.meterkast.app.imports.CsvImportService;
import be.meterkast.app.meters.MeterService;
import be.meterkast.app.readings.ReadingService;
import be.meterkast.app.users.UserService;
import be.meterkast.store.PasswordHasher;
import be.meterkast.store.Repositories;
import be.meterkast.sync.SyncControl;
import io.vertx.core.Vertx;

import java.time.Clock;

/**
 * What the routes work with: one application service per feature, the web settings, and the page cache every
 * copy of the portal verticle shares. No repository or pool: storage and transactions are the services' business.
 */
public record PortalServices(Clock clock, UserService users, HouseholdService households, MeterService meters,
                             ReadingService readings, CsvImportService imports, CostService costs,
                             WebSettings settings, AlertService alerts, PageCache pageCache) {

    public static PortalServices create(Vertx vertx, Clock clock, Repositories store, SyncControl sync,
                                        WebSettings settings, AlertService alerts) {
        UserService users = new UserService(vertx, clock, store, new PasswordHasher());
        return new PortalServices(clock, users, new HouseholdService(clock, store, users, sync), new MeterService(store, sync),
                new ReadingService(clock, store), new CsvImportService(store, clock), new CostService(store), settings, alerts,
                new PageCache(new PageVersions(store), clock, settings.pageCacheBytes()));
    }
}
