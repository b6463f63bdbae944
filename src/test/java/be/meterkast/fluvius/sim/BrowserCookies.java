package be.meterkast.fluvius.sim;

import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A cookie jar that keeps what a browser keeps and nothing more clever: name and value exactly as the
 * server wrote them, whatever characters the name holds. It ignores Path and Domain, which is enough for a
 * simulator that serves every page from one origin, and the data API that never looks at cookies.
 */
final class BrowserCookies {
    private final Map<String, String> cookies = new LinkedHashMap<>();

    /**
     * Takes in a response's {@code Set-Cookie} headers: the name is everything before the first {@code =},
     * the value runs up to the first {@code ;}. A cookie set again replaces the old value; one set with
     * {@code Max-Age=0} or an {@code Expires} in the past is removed.
     */
    void receive(List<String> setCookies) {
        for (String setCookie : setCookies) {
            int equals = setCookie.indexOf('=');
            if (equals <= 0) {
                continue;
            }
            String name = setCookie.substring(0, equals).trim();
            int semicolon = setCookie.indexOf(';', equals);
            String value = semicolon < 0 ? setCookie.substring(equals + 1) : setCookie.substring(equals + 1, semicolon);
            if (semicolon >= 0 && expired(setCookie.substring(semicolon + 1))) {
                cookies.remove(name);
            } else {
                cookies.put(name, value);
            }
        }
    }

    /** The {@code Cookie} header a browser would send, if there is anything to send. */
    Optional<String> header() {
        if (cookies.isEmpty()) {
            return Optional.empty();
        }
        StringBuilder header = new StringBuilder();
        cookies.forEach((name, value) -> header.append(header.length() == 0 ? "" : "; ").append(name).append('=')
                .append(value));
        return Optional.of(header.toString());
    }

    Optional<String> get(String name) {
        return Optional.ofNullable(cookies.get(name));
    }

    /** The one cookie whose name starts so, for names that end in a per-transaction id. */
    String nameStartingWith(String prefix) {
        List<String> names = cookies.keySet().stream().filter(n -> n.startsWith(prefix)).toList();
        if (names.size() != 1) {
            throw new AssertionError("expected one cookie named " + prefix + "…, have " + cookies.keySet());
        }
        return names.get(0);
    }

    /** What a misbehaving client would send instead; tests use it to drop or alter a cookie on purpose. */
    void put(String name, String value) {
        cookies.put(name, value);
    }

    void remove(String name) {
        cookies.remove(name);
    }

    private static boolean expired(String attributes) {
        for (String attribute : attributes.split(";")) {
            String[] pair = attribute.trim().split("=", 2);
            String key = pair[0].trim().toLowerCase(Locale.ROOT);
            if (key.equals("max-age") && pair.length == 2 && pair[1].trim().matches("-?\\d+")
                    && Long.parseLong(pair[1].trim()) <= 0) {
                return true;
            }
            if (key.equals("expires") && pair.length == 2 && inPast(pair[1].trim())) {
                return true;
            }
        }
        return false;
    }

    private static boolean inPast(String date) {
        try {
            return ZonedDateTime.parse(date, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant().isBefore(Instant.now());
        } catch (DateTimeParseException e) {
            return false;
        }
    }
}
