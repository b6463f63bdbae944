package be.meterkast.web;

import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.IntFunction;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The login throttle holds when the guesses come all at once: an attempt is counted before its slow Argon2 check,
 * so parallel guesses cannot all slip in while the first ones are still being hashed. A guess that got a password
 * check answers 401; one the throttle stopped answers 429.
 */
class ParallelLoginTest extends PortalTestBase {
    private WebClient parallel;
    private String base;

    @BeforeEach
    void parallelClient() {
        // One connection per request: the server sees them all at once, not five at a time.
        parallel = WebClient.create(vertx, new WebClientOptions().setFollowRedirects(false),
                new PoolOptions().setHttp1MaxSize(200));
        base = "http://127.0.0.1:" + server.port();
    }

    @AfterEach
    void closeClient() {
        parallel.close();
    }

    @Test
    @DisplayName("200 parallel wrong passwords for one account on /login: at most 5 get a password check")
    void oneAccountOnTheLoginPage() {
        setUpAdmin();
        Map<Integer, Integer> statuses = loginsAtOnce(200, i -> "admin");

        assertThat(statuses.getOrDefault(401, 0)).as("password checks, of %s", statuses).isBetween(1, 5);
        assertThat(statuses.getOrDefault(429, 0)).as("%s", statuses).isEqualTo(200 - statuses.getOrDefault(401, 0));
    }

    @Test
    @DisplayName("100 parallel logins from one address, each for another name: at most 20 get a password check")
    void oneAddressOnTheLoginPage() {
        setUpAdmin();
        Map<Integer, Integer> statuses = loginsAtOnce(100, i -> "nobody" + i);

        assertThat(statuses.getOrDefault(401, 0)).as("password checks, of %s", statuses).isBetween(1, 20);
        assertThat(statuses.getOrDefault(429, 0)).as("%s", statuses).isEqualTo(100 - statuses.getOrDefault(401, 0));
    }

    @Test
    @DisplayName("200 parallel wrong passwords for one account on POST /api/v1/token: at most 5 get a password check")
    void oneAccountOnTheApi() {
        setUpAdmin();
        List<Future<HttpResponse<Buffer>>> sent = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            sent.add(parallel.postAbs(base + "/api/v1/token")
                    .sendJsonObject(new JsonObject().put("username", "admin").put("password", "guess " + i)));
        }
        Map<Integer, Integer> statuses = statuses(sent);

        assertThat(statuses.getOrDefault(401, 0)).as("password checks, of %s", statuses).isBetween(1, 5);
        assertThat(statuses.getOrDefault(429, 0)).as("%s", statuses).isEqualTo(200 - statuses.getOrDefault(401, 0));
    }

    @Test
    @DisplayName("a right password after a few parallel wrong ones still signs in, and gives its attempt back")
    void rightPasswordAfterParallelGuesses() {
        setUpAdmin();
        Map<Integer, Integer> statuses = loginsAtOnce(3, i -> "admin");
        assertThat(statuses).containsEntry(401, 3);

        Browser b = browser();
        b.get("/login");
        assertThat(b.post("/login", "username", "admin", "password", "correct horse").statusCode()).isEqualTo(302);
        // The failures were forgiven: five more wrong ones are checked before the throttle stops the sixth.
        assertThat(loginsAtOnce(5, i -> "admin")).containsEntry(401, 5);
    }

    /** Sends {@code count} wrong-password logins at once, the i-th for username {@code names(i)}. */
    private Map<Integer, Integer> loginsAtOnce(int count, IntFunction<String> names) {
        Browser page = browser();
        page.get("/login");
        List<String> pairs = new ArrayList<>();
        page.client().cookieStore().get(false, "127.0.0.1", "/login").forEach(c -> pairs.add(c.name() + "=" + c.value()));
        String cookies = String.join("; ", pairs);
        List<Future<HttpResponse<Buffer>>> sent = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            HttpRequest<Buffer> request = parallel.postAbs(base + "/login").putHeader("Cookie", cookies);
            sent.add(request.sendForm(MultiMap.caseInsensitiveMultiMap().add("_csrf", page.csrf())
                    .add("username", names.apply(i)).add("password", "wrong guess " + i)));
        }
        return statuses(sent);
    }

    private static Map<Integer, Integer> statuses(List<Future<HttpResponse<Buffer>>> sent) {
        Future.all(sent).await();
        Map<Integer, Integer> counts = new TreeMap<>();
        sent.forEach(f -> counts.merge(f.result().statusCode(), 1, Integer::sum));
        return counts;
    }
}
