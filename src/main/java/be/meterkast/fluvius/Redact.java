package be.meterkast.fluvius;

import java.net.URI;

/** Keeps secrets out of logs and messages. */
public final class Redact {
    private Redact() {
    }

    public static String secret(String value) {
        return value == null ? "null" : "[redacted " + value.length() + " chars]";
    }

    /** A URL as it may be logged: scheme, host and path; the query (codes, tokens, csrf) is dropped. */
    public static String url(String url) {
        try {
            URI uri = URI.create(url);
            String base = uri.getScheme() == null ? "" : uri.getScheme() + "://" + uri.getRawAuthority();
            return base + uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?[query redacted]");
        } catch (IllegalArgumentException e) {
            return "[unparseable url]";
        }
    }
}
