package be.meterkast.web;

import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.sqlclient.Row;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The audit of issue 10, kept: every route the portal's router has (read from the router itself, so a new route
 * is covered without editing this test) gets hostile input as each kind of visitor. Never a 5xx, always an
 * answer within 5 s, no row left behind by a refused request, and 404 for another household's ids. Loopback only;
 * the number of requests is fixed by the lists below, and the whole run is cut off at 110 s.
 */
@Tag("slow")
class FuzzTest extends PortalTestBase {
    private static final Duration ANSWER = Duration.ofSeconds(5);
    /** Every form field and query parameter the portal reads. */
    private static final List<String> FIELDS = List.of("days", "month", "year", "from", "to", "meter", "measure",
            "against", "granularity", "next", "language", "username", "password", "confirm", "current",
            "displayName", "household", "name", "ean", "serial", "kind", "label", "gasUnit", "accountId", "email",
            "role", "admin");
    private static final String TEN_K = "x".repeat(10_000);
    private static final String ONE_M = "é".repeat(1_000_000);
    private static final List<String> VALUES = List.of("", " ", TEN_K, "😀🏠⚡ Zoë e\u0301 ﷽", "a\u0000b",
            "\u0001\u001b[31m\u007f\u0085", "a\r\nSet-Cookie: x=y", "\t", "\u202Egnp.exe\u2066", "<script>alert(1)</script>",
            "\"'><img src=x onerror=alert(1)>", "' OR '1'='1' --", "1; DROP TABLE users; --", "%00%0d%0a", "{{7*7}}${7*7}",
            "-1", "0", "9223372036854775807", "-9223372036854775809", "1e309", "NaN", "1.5", "true", "[]", "{\"a\":1}",
            "null", "2025-02-30", "-999999999-01-01", "+999999999-12-31", "1970-01-01", "2101-01-01", "-999999999-01",
            "2025-13", "0000-00", "/\t/evil.example", "//evil.example");
    /** Values in place of an id, token, date or file name in the path. */
    private static final List<String> PATH_VALUES = List.of("0", "-1", "abc", "99999999999999999999", "1.5", "%00",
            "%0d%0a", "..%2F..%2Fetc%2Fpasswd", "%F0%9F%98%80", "-999999999-01-01", TEN_K.substring(0, 3000));
    /** Wrong types for the API's JSON fields. */
    private static final List<Object> JSON_VALUES = List.of(1, -1, 1.5e308, true, new JsonArray().add(1),
            new JsonObject().put("a", new JsonObject().put("b", new JsonArray())));
    /** Bodies that are not what any route wants. */
    private static final List<String> RAW_BODIES = List.of("{", "[1,2]", "\"text\"", "null", "{\"a\":", "\u0000",
            "<?xml version=\"1.0\"?><a/>");
    private static final List<String> CONTENT_TYPES = List.of("application/json", "text/plain", "application/xml",
            "application/x-www-form-urlencoded", "multipart/form-data; boundary=x");

    /** A route with a method: what the router answers. */
    record Endpoint(HttpMethod method, String path) {
        boolean api() {
            return path.startsWith(Paths.API);
        }

        boolean hasParams() {
            return path.contains(":");
        }

        boolean names(String param) {
            return path.contains(":" + param);
        }

        /** Takes something away for good when it succeeds: run after the rest, so the rest still finds it. */
        boolean destructive() {
            return method == HttpMethod.DELETE || path.matches(".*/(delete|leave|unlink|take-over|logout)$");
        }

        /** Reaches into one household by an id in its path: another household's id must be "not found". */
        boolean householdScoped() {
            return names("householdId") || names("meterId") || names("accountId");
        }

        @Override
        public String toString() {
            return method + " " + path;
        }
    }

    /** A visitor: their browser and token, and the path parameters of their own things and of others'. */
    record Visitor(String name, Browser browser, String token, Map<String, String> own, Map<String, String> others) {
        boolean admin() {
            return name.equals("admin");
        }
    }

    private final Map<Integer, Integer> statuses = new TreeMap<>();
    private final List<String> findings = new ArrayList<>();
    private String countsQuery;
    private List<Long> counts;
    private int sent;

    @Test
    @Timeout(value = 110, unit = TimeUnit.SECONDS)
    @DisplayName("every route, as every visitor, with hostile input: never a 5xx, an answer within 5 s, "
            + "nothing stored by a refused request, 404 for other households' ids")
    void hostileInput() {
        Roles roles = new Roles(this);
        List<Endpoint> endpoints = endpoints(server.router(), "").stream().distinct()
                .sorted(java.util.Comparator.comparing(Endpoint::destructive)).toList();
        assertThat(endpoints).as("the router's routes").contains(
                new Endpoint(HttpMethod.POST, "/login"), new Endpoint(HttpMethod.GET, "/compare"),
                new Endpoint(HttpMethod.GET, "/meters/:meterId/day/:date"),
                new Endpoint(HttpMethod.GET, "/api/v1/meters/:meterId/readings"));
        List<Visitor> visitors = visitors(roles);
        countsQuery = countsQuery();
        counts = counts();
        long started = System.nanoTime();

        for (Visitor visitor : visitors) {
            visitor.browser().answeringWithin(ANSWER).get("/");
            for (Endpoint endpoint : endpoints) {
                if (endsTheSession(endpoint, visitor)) {
                    continue;
                }
                String path = fill(endpoint, visitor.own());
                List<Long> before = counts;
                for (String value : VALUES) {
                    send(visitor, endpoint, path, allFields(value), false);
                }
                if (endpoint.method() != HttpMethod.GET) {
                    Map<String, String> oneLong = allFields("x");
                    oneLong.put("label", ONE_M);
                    send(visitor, endpoint, path, oneLong, false);
                }
                send(visitor, endpoint, path, reversedRange(), false);
                for (String param : params(endpoint)) {
                    for (String bad : PATH_VALUES) {
                        Map<String, String> values = new LinkedHashMap<>(visitor.own());
                        values.put(param, bad);
                        send(visitor, endpoint, fill(endpoint, values), Map.of(), false);
                    }
                }
                // The administrator may see and take over every household: their pages are outside the rule.
                boolean adminsOwn = visitor.admin() && endpoint.path().startsWith(Paths.ADMIN);
                if (!visitor.others().isEmpty() && endpoint.householdScoped() && !adminsOwn) {
                    send(visitor, endpoint, fill(endpoint, visitor.others()), benign(), true);
                }
                if (endpoint.api() && endpoint.method() == HttpMethod.POST) {
                    for (Object wrong : JSON_VALUES) {
                        JsonObject body = new JsonObject();
                        FIELDS.forEach(f -> body.put(f, wrong));
                        request(visitor, endpoint, path, false, () -> visitor.browser().api("POST", path, visitor.token(), body));
                    }
                }
                if (endpoint.method() != HttpMethod.GET) {
                    for (String raw : RAW_BODIES) {
                        request(visitor, endpoint, path, false, () -> raw(visitor, endpoint, path, "application/json",
                                Buffer.buffer(raw)));
                    }
                    for (String type : CONTENT_TYPES) {
                        request(visitor, endpoint, path, false, () -> raw(visitor, endpoint, path, type,
                                Buffer.buffer("{\"label\": \"x\"}")));
                    }
                }
                if (endpoint.method() == HttpMethod.GET) {
                    // A GET changes nothing, answered or refused: one count for all of them.
                    counts = counts();
                    if (!counts.equals(before)) {
                        findings.add(visitor.name() + ": " + endpoint + " changed rows " + before + " -> " + counts);
                    }
                }
            }
            if (!visitor.others().isEmpty()) {
                send(visitor, new Endpoint(HttpMethod.GET, "/compare"), "/compare",
                        Map.of("meter", visitor.others().get("meterId")), true);
            }
            System.out.printf("FuzzTest: %s done, %d requests after %d ms%n", visitor.name(), sent,
                    Duration.ofNanos(System.nanoTime() - started).toMillis());
        }
        // A 10 MB body, once per route that takes one: refused unread, the connection still answered.
        Visitor admin = visitors.get(3);
        Buffer tenMegabytes = Buffer.buffer("x=" + "y".repeat(10 * 1024 * 1024));
        for (Endpoint endpoint : endpoints) {
            if (endpoint.method() == HttpMethod.POST) {
                String path = fill(endpoint, admin.own());
                request(admin, endpoint, path, false, () -> raw(admin, endpoint, path,
                        "application/x-www-form-urlencoded", tenMegabytes));
            }
        }

        long seconds = Duration.ofNanos(System.nanoTime() - started).toSeconds();
        System.out.printf("FuzzTest: %d routes, %d visitors, %d requests in %d s, statuses %s%n",
                endpoints.size(), visitors.size(), sent, seconds, statuses);
        assertThat(findings).as("%d of %d requests", findings.size(), sent).isEmpty();
        assertThat(statuses.keySet()).as("statuses").allMatch(s -> s < 500);
    }

    /** The routes with a method, sub-routers followed: what the portal answers, as it is mounted right now. */
    static List<Endpoint> endpoints(Router router, String prefix) {
        List<Endpoint> endpoints = new ArrayList<>();
        for (Route route : router.getRoutes()) {
            // A path with :params is kept as a pattern; the route's name is the path it was declared with.
            String declared = route.getPath() != null ? route.getPath() : route.getName();
            String path = declared == null || !declared.startsWith("/") ? null : prefix + declared;
            if (route.getSubRouter() != null) {
                endpoints.addAll(endpoints(route.getSubRouter(), path.endsWith("/") ? path.substring(0, path.length() - 1) : path));
            } else if (path != null && route.methods() != null && !route.methods().isEmpty()) {
                route.methods().forEach(m -> {
                    Endpoint e = new Endpoint(m, path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path);
                    endpoints.add(e);
                });
            }
        }
        return endpoints;
    }

    private List<Visitor> visitors(Roles roles) {
        String day = LocalDate.now().minusDays(3).toString();
        Map<String, String> annas = Map.of("householdId", Long.toString(roles.household),
                "accountId", Long.toString(roles.account), "meterId", Long.toString(roles.meter),
                "userId", id("admin"), "token", "no-such-invitation", "date", day, "file", "wide.csv");
        Map<String, String> berts = Map.of("householdId", Long.toString(roles.strangersHousehold),
                "accountId", Long.toString(roles.strangersAccount), "meterId", Long.toString(roles.strangersMeter),
                "userId", id("bert"), "token", "no-such-invitation", "date", day, "file", "wide.csv");
        Map<String, String> mias = new LinkedHashMap<>(annas);
        mias.put("userId", id("mia"));
        return List.of(
                new Visitor("logged out", roles.anonymous, null, annas, Map.of()),
                new Visitor("member", roles.member, roles.memberToken, mias, berts),
                new Visitor("owner of another household", roles.stranger, roles.strangerToken, berts, annas),
                new Visitor("admin", roles.admin, roles.adminToken, annas, berts));
    }

    private String id(String username) {
        return Long.toString(sql("SELECT id FROM users WHERE username = '" + username + "'").iterator().next().getLong(0));
    }

    /** Logging out would leave the rest of the run logged out. */
    private static boolean endsTheSession(Endpoint endpoint, Visitor visitor) {
        return endpoint.path().equals(Paths.LOGOUT) && visitor.token() != null;
    }

    private static List<String> params(Endpoint endpoint) {
        List<String> params = new ArrayList<>();
        Matcher m = Pattern.compile(":(\\w+)").matcher(endpoint.path());
        while (m.find()) {
            params.add(m.group(1));
        }
        return params;
    }

    private static String fill(Endpoint endpoint, Map<String, String> values) {
        String path = endpoint.path();
        for (String param : params(endpoint)) {
            path = path.replace(":" + param, values.getOrDefault(param, "1"));
        }
        return path;
    }

    private static Map<String, String> allFields(String value) {
        Map<String, String> fields = new LinkedHashMap<>();
        FIELDS.forEach(f -> fields.put(f, value));
        return fields;
    }

    private static Map<String, String> reversedRange() {
        return Map.of("from", "2025-06-30", "to", "2025-06-01", "days", "0", "year", "1999");
    }

    private static Map<String, String> benign() {
        return Map.of("label", "Zolder", "name", "Zolder", "password", "secret-pw", "email", "x@y.be", "days", "7");
    }

    private void send(Visitor visitor, Endpoint endpoint, String path, Map<String, String> fields, boolean mustBe404) {
        Browser b = visitor.browser();
        request(visitor, endpoint, path, mustBe404, () -> {
            if (endpoint.api()) {
                if (endpoint.method() == HttpMethod.GET || fields.isEmpty()) {
                    return b.api(endpoint.method().name(), path + query(fields, endpoint.method() == HttpMethod.GET),
                            visitor.token(), null);
                }
                JsonObject body = new JsonObject();
                fields.forEach(body::put);
                return b.api(endpoint.method().name(), path, visitor.token(), body);
            }
            if (endpoint.method() == HttpMethod.GET) {
                return b.get(path + query(fields, true));
            }
            List<String> pairs = new ArrayList<>();
            fields.forEach((k, v) -> {
                pairs.add(k);
                pairs.add(v);
            });
            return b.post(path, pairs.toArray(String[]::new));
        });
    }

    private static String query(Map<String, String> fields, boolean wanted) {
        if (!wanted || fields.isEmpty()) {
            return "";
        }
        return "?" + fields.entrySet().stream().map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

    private HttpResponse<Buffer> raw(Visitor visitor, Endpoint endpoint, String path, String contentType, Buffer body) {
        HttpRequest<Buffer> request = visitor.browser().client()
                .requestAbs(endpoint.method(), "http://127.0.0.1:" + server.port() + path)
                .timeout(ANSWER.toMillis()).putHeader("Content-Type", contentType)
                .putHeader(be.meterkast.web.auth.CsrfGuard.HEADER, visitor.browser().csrf());
        if (visitor.token() != null && endpoint.api()) {
            request.bearerTokenAuthentication(visitor.token());
        }
        return request.sendBuffer(body).await();
    }

    private void request(Visitor visitor, Endpoint endpoint, String path, boolean mustBe404,
                         Supplier<HttpResponse<Buffer>> send) {
        sent++;
        String what = visitor.name() + ": " + endpoint + " as " + abbreviated(path);
        HttpResponse<Buffer> r;
        try {
            r = send.get();
        } catch (RuntimeException e) {
            findings.add(what + ": no answer (" + e + ")");
            return;
        }
        statuses.merge(r.statusCode(), 1, Integer::sum);
        if (r.statusCode() >= 500) {
            findings.add(what + ": " + r.statusCode());
        }
        if (mustBe404 && r.statusCode() != 404) {
            findings.add(what + ": " + r.statusCode() + " for another household's id");
        }
        if (endpoint.method() != HttpMethod.GET) {
            List<Long> now = counts();
            if (r.statusCode() >= 400 && !now.equals(counts)) {
                findings.add(what + ": " + r.statusCode() + " but rows changed " + counts + " -> " + now);
            }
            counts = now;
        }
    }

    private static String abbreviated(String path) {
        return path.length() > 120 ? path.substring(0, 120) + "…" : path;
    }

    /** One query counting the rows of every table of the schema. */
    private String countsQuery() {
        List<String> tables = new ArrayList<>();
        for (Row row : sql("SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' "
                + "AND table_type = 'BASE TABLE' AND table_name <> 'flyway_schema_history' ORDER BY table_name")) {
            tables.add(row.getString(0));
        }
        return "SELECT " + tables.stream().map(t -> "(SELECT count(*) FROM " + t + ")").collect(Collectors.joining(", "));
    }

    private List<Long> counts() {
        Row row = sql(countsQuery).iterator().next();
        List<Long> values = new ArrayList<>();
        for (int i = 0; i < row.size(); i++) {
            values.add(row.getLong(i));
        }
        return values;
    }
}
