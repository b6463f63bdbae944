package be.meterkast.web;

import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.ext.web.client.WebClientSession;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A browser for tests: keeps cookies, does not follow redirects (tests look at them), and sends the CSRF
 * token of the last page it loaded with every form, the way a real form would.
 */
final class Browser {
    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

    private final WebClientSession client;
    private final String base;
    private String csrf = "";
    /** Every request fails with a TimeoutException when no answer came by then; 0 waits for ever. */
    private long timeoutMillis;
    HttpResponse<Buffer> last;

    Browser(io.vertx.core.Vertx vertx, int port) {
        this.client = WebClientSession.create(WebClient.create(vertx, new WebClientOptions().setFollowRedirects(false)));
        this.base = "http://127.0.0.1:" + port;
    }

    HttpResponse<Buffer> get(String path) {
        last = client.getAbs(base + path).timeout(timeoutMillis).send().await();
        Matcher m = CSRF.matcher(last.bodyAsString() == null ? "" : last.bodyAsString());
        if (m.find()) {
            csrf = m.group(1);
        }
        return last;
    }

    /** Posts a form with this page's CSRF token. */
    HttpResponse<Buffer> post(String path, String... fields) {
        MultiMap form = MultiMap.caseInsensitiveMultiMap().add("_csrf", csrf);
        for (int i = 0; i < fields.length; i += 2) {
            form.add(fields[i], fields[i + 1]);
        }
        return postRaw(path, form);
    }

    HttpResponse<Buffer> postRaw(String path, MultiMap form) {
        last = client.postAbs(base + path).timeout(timeoutMillis).sendForm(form).await();
        Matcher m = CSRF.matcher(last.bodyAsString() == null ? "" : last.bodyAsString());
        if (m.find()) {
            csrf = m.group(1);
        }
        return last;
    }

    /** From now on, a request not answered within {@code timeout} fails the test instead of waiting. */
    Browser answeringWithin(java.time.Duration timeout) {
        timeoutMillis = timeout.toMillis();
        return this;
    }

    String csrf() {
        return csrf;
    }

    HttpResponse<Buffer> api(String method, String path, String token, JsonObject body) {
        var request = client.requestAbs(io.vertx.core.http.HttpMethod.valueOf(method), base + path).timeout(timeoutMillis);
        if (token != null) {
            request.bearerTokenAuthentication(token);
        }
        return (body == null ? request.send() : request.sendJsonObject(body)).await();
    }

    WebClientSession client() {
        return client;
    }
}
