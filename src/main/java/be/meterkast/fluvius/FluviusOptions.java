package be.meterkast.fluvius;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * Where Fluvius lives and how patient to be with it. The portal URL is configurable so the same client
 * talks to mijn.fluvius.be or to the simulator.
 */
public record FluviusOptions(URI portal, Duration requestTimeout, int maxRedirects) {
    public static final String DEFAULT_PORTAL = "https://mijn.fluvius.be";
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

    public FluviusOptions {
        Objects.requireNonNull(portal, "portal");
        Objects.requireNonNull(requestTimeout, "requestTimeout");
        if (portal.getScheme() == null || portal.getHost() == null) {
            throw new IllegalArgumentException("portal URL needs a scheme and host, e.g. " + DEFAULT_PORTAL);
        }
        if (maxRedirects < 1) {
            throw new IllegalArgumentException("maxRedirects must be at least 1");
        }
    }

    public static FluviusOptions forPortal(String portalUrl) {
        return new FluviusOptions(URI.create(stripSlash(portalUrl)), DEFAULT_TIMEOUT, 10);
    }

    public FluviusOptions withTimeout(Duration timeout) {
        return new FluviusOptions(portal, timeout, maxRedirects);
    }

    /** The portal URL without a trailing slash, ready to append a path to. */
    public String portalBase() {
        return stripSlash(portal.toString());
    }

    private static String stripSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
