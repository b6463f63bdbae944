package be.meterkast.web;

import be.meterkast.store.FluviusAccountRepository;
import be.meterkast.store.HouseholdRepository;
import be.meterkast.store.InviteRepository;
import be.meterkast.store.MeterRepository;
import be.meterkast.store.MeterSyncRepository;
import be.meterkast.store.MonthlyPeakRepository;
import be.meterkast.store.PasswordHasher;
import be.meterkast.store.ReadingRepository;
import be.meterkast.store.SessionRepository;
import be.meterkast.store.UserRepository;
import be.meterkast.sync.SyncControl;
import be.meterkast.web.auth.LoginThrottle;
import io.vertx.sqlclient.Pool;

import java.net.URI;
import java.time.Clock;
import java.util.Optional;

/** What the web layer works with: repositories over PostgreSQL, the sync's entry points, settings. */
public record PortalServices(Clock clock, Pool pool, UserRepository users, HouseholdRepository households,
                             InviteRepository invites, FluviusAccountRepository accounts, MeterRepository meters,
                             ReadingRepository readings, MonthlyPeakRepository peaks, MeterSyncRepository meterSync,
                             SessionRepository sessions, PasswordHasher hasher, SyncControl sync,
                             LoginThrottle throttle, String sessionKey, boolean secureCookies,
                             boolean openRegistration, Optional<URI> publicUrl) {
    /** An absolute link for people to open: the configured public URL, else what this browser used. */
    public String absoluteUrl(io.vertx.ext.web.RoutingContext ctx, String path) {
        String base = publicUrl.map(Object::toString)
                .orElse(ctx.request().scheme() + "://" + ctx.request().authority());
        return (base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + path;
    }
}
