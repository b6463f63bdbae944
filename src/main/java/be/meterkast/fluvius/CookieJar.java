package be.meterkast.fluvius;

import io.netty.handler.codec.DateFormatter;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The cookies of one sign-in, kept the way a browser keeps them (RFC 6265 section 5, the "user agent"
 * algorithm, which is far more lenient than the grammar servers are asked to follow).
 *
 * <p>Why not Vert.x's {@code WebClientSession}: it reads {@code Set-Cookie} with Netty's STRICT decoder,
 * which drops every cookie whose name is not an RFC 2616 token. B2C's SSO cookie
 * {@code x-ms-cpim-sso:klanten.onmicrosoft.com/b2c_1a_customer_signup_signin_0} is not ({@code :} and
 * {@code /} are separators; the {@code |} of {@code x-ms-cpim-cache|<id>_0} happens to be allowed), and
 * without it B2C answers the confirmation with an error page. Netty's LAX decoder keeps such names but
 * strips surrounding double quotes from values and computes Expires against the system clock; B2C answers a
 * re-quoted value with 400, and the jar must follow the sign-in's injected clock. So the name is everything
 * before the first {@code =}, the value everything after it, byte for byte; only the HTTP date parsing is
 * borrowed from Netty, whose parser follows RFC 6265's lenient date algorithm.
 */
final class CookieJar {
    /** One stored cookie; {@code hostOnly} when the server sent no Domain attribute. */
    record StoredCookie(String name, String value, String domain, boolean hostOnly, String path, boolean secure,
                        Instant expiresAt, long created) {
        boolean expired(Instant now) {
            return expiresAt != null && !expiresAt.isAfter(now);
        }
    }

    private final Clock clock;
    private final List<StoredCookie> cookies = new ArrayList<>();
    private long sequence;

    CookieJar(Clock clock) {
        this.clock = clock;
    }

    /**
     * Takes the {@code Set-Cookie} headers of a response to {@code requestUri}. Returns the names of the
     * cookies it set or deleted, for the sign-in trace; a header the jar rejects is left out.
     */
    List<String> store(URI requestUri, List<String> setCookieHeaders) {
        List<String> names = new ArrayList<>();
        for (String header : setCookieHeaders) {
            parse(requestUri, header).ifPresent(cookie -> {
                put(cookie);
                names.add(cookie.name());
            });
        }
        return names;
    }

    /** The {@code Cookie} header for a request to {@code uri}, or empty when no cookie applies. */
    Optional<String> header(URI uri) {
        List<StoredCookie> matching = matching(uri);
        if (matching.isEmpty()) {
            return Optional.empty();
        }
        StringBuilder header = new StringBuilder();
        for (StoredCookie cookie : matching) {
            if (!header.isEmpty()) {
                header.append("; ");
            }
            header.append(cookie.name()).append('=').append(cookie.value());
        }
        return Optional.of(header.toString());
    }

    /** The names of the cookies a request to {@code uri} carries, in the order they are sent. */
    List<String> namesFor(URI uri) {
        return matching(uri).stream().map(StoredCookie::name).toList();
    }

    /** Longer paths first, then older cookies first, as RFC 6265 section 5.4 orders them. */
    private List<StoredCookie> matching(URI uri) {
        Instant now = clock.instant();
        cookies.removeIf(c -> c.expired(now));
        String host = host(uri);
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        boolean https = "https".equalsIgnoreCase(uri.getScheme());
        return cookies.stream()
                .filter(c -> c.hostOnly() ? c.domain().equals(host) : domainMatches(host, c.domain()))
                .filter(c -> pathMatches(path, c.path()))
                .filter(c -> !c.secure() || https)
                .sorted(Comparator.comparingInt((StoredCookie c) -> -c.path().length())
                        .thenComparingLong(StoredCookie::created))
                .toList();
    }

    /** A new cookie replaces the one with the same name, domain and path, keeping its creation time. */
    private void put(StoredCookie cookie) {
        long created = sequence++;
        for (int i = 0; i < cookies.size(); i++) {
            StoredCookie old = cookies.get(i);
            if (old.name().equals(cookie.name()) && old.domain().equals(cookie.domain())
                    && old.path().equals(cookie.path())) {
                created = old.created();
                cookies.remove(i);
                break;
            }
        }
        if (!cookie.expired(clock.instant())) {
            cookies.add(new StoredCookie(cookie.name(), cookie.value(), cookie.domain(), cookie.hostOnly(),
                    cookie.path(), cookie.secure(), cookie.expiresAt(), created));
        }
    }

    /** RFC 6265 section 5.2 and 5.3, minus what a non-browser client has no use for (HttpOnly, SameSite). */
    Optional<StoredCookie> parse(URI requestUri, String header) {
        if (header == null) {
            return Optional.empty();
        }
        int semicolon = header.indexOf(';');
        String pair = semicolon < 0 ? header : header.substring(0, semicolon);
        int eq = pair.indexOf('=');
        if (eq < 0) {
            return Optional.empty();
        }
        String name = pair.substring(0, eq).strip();
        String value = pair.substring(eq + 1).strip();
        if (name.isEmpty()) {
            return Optional.empty();
        }
        String host = host(requestUri);
        String domain = null;
        String path = null;
        boolean secure = false;
        Instant expires = null;
        Instant maxAge = null;
        String attributes = semicolon < 0 ? "" : header.substring(semicolon + 1);
        for (String attribute : attributes.split(";")) {
            int aeq = attribute.indexOf('=');
            String key = (aeq < 0 ? attribute : attribute.substring(0, aeq)).strip().toLowerCase(Locale.ROOT);
            String argument = aeq < 0 ? "" : attribute.substring(aeq + 1).strip();
            switch (key) {
                case "expires" -> {
                    Date date = DateFormatter.parseHttpDate(argument);
                    if (date != null) {
                        expires = date.toInstant();
                    }
                }
                case "max-age" -> maxAge = maxAge(argument).orElse(maxAge);
                case "domain" -> {
                    String d = argument.startsWith(".") ? argument.substring(1) : argument;
                    domain = d.isEmpty() ? null : d.toLowerCase(Locale.ROOT);
                }
                case "path" -> path = argument.startsWith("/") ? argument : null;
                case "secure" -> secure = true;
                default -> {
                    // HttpOnly, SameSite, Priority, Partitioned and unknown attributes change nothing here.
                }
            }
        }
        boolean hostOnly = domain == null;
        if (!hostOnly && !domainMatches(host, domain)) {
            return Optional.empty();
        }
        if (secure && !"https".equalsIgnoreCase(requestUri.getScheme())) {
            // Browsers refuse Secure cookies from insecure origins (RFC 6265bis): the server did not mean them for us.
            return Optional.empty();
        }
        return Optional.of(new StoredCookie(name, value, hostOnly ? host : domain, hostOnly,
                path != null ? path : defaultPath(requestUri), secure, maxAge != null ? maxAge : expires, 0));
    }

    /** Max-Age wins over Expires; zero or negative means "delete now". */
    private Optional<Instant> maxAge(String argument) {
        if (!argument.matches("-?\\d{1,18}")) {
            return Optional.empty();
        }
        long seconds = Long.parseLong(argument);
        Instant now = clock.instant();
        return Optional.of(seconds <= 0 ? Instant.EPOCH : now.plusSeconds(Math.min(seconds, 400L * 24 * 3600)));
    }

    private static String host(URI uri) {
        return uri.getHost() == null ? "" : uri.getHost().toLowerCase(Locale.ROOT);
    }

    static boolean domainMatches(String host, String domain) {
        if (host.equals(domain)) {
            return true;
        }
        boolean ipAddress = host.matches("[0-9.]+") || host.startsWith("[");
        return !ipAddress && host.endsWith(domain) && host.charAt(host.length() - domain.length() - 1) == '.';
    }

    static boolean pathMatches(String requestPath, String cookiePath) {
        if (requestPath.equals(cookiePath)) {
            return true;
        }
        return requestPath.startsWith(cookiePath)
                && (cookiePath.endsWith("/") || requestPath.charAt(cookiePath.length()) == '/');
    }

    /** The request path up to, not including, its last slash; "/" when that leaves nothing. */
    private static String defaultPath(URI uri) {
        String path = uri.getRawPath();
        if (path == null || !path.startsWith("/")) {
            return "/";
        }
        int last = path.lastIndexOf('/');
        return last <= 0 ? "/" : path.substring(0, last);
    }
}
