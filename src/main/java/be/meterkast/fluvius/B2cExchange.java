package be.meterkast.fluvius;

import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;

import java.net.URI;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The HTTP of one sign-in attempt: its own {@link CookieJar} (never shared between accounts or attempts), and
 * every request and answer written, redacted, to its {@link SignInTrace}. Also what an unexpected answer said,
 * so a failure can quote Fluvius.
 */
final class B2cExchange {
    /** The title of an HTML answer, quoted when it carries no B2C code. */
    private static final Pattern TITLE =
            Pattern.compile("<title[^>]*>([^<]{1,160})</title>", Pattern.CASE_INSENSITIVE);

    private final WebClient web;
    private final FluviusOptions options;
    private final CookieJar cookies;
    private final SignInTrace trace;

    B2cExchange(WebClient web, FluviusOptions options, Clock clock, SignInTrace trace) {
        this.web = web;
        this.options = options;
        this.cookies = new CookieJar(clock);
        this.trace = trace;
    }

    SignInTrace trace() {
        return trace;
    }

    /**
     * One request of the sign-in: the jar's cookies go out, the answer's {@code Set-Cookie} headers come back
     * into it, and both sides are written to the trace.
     */
    Future<HttpResponse<Buffer>> send(HttpMethod method, String url, Consumer<HttpRequest<Buffer>> setup, MultiMap form,
                                      String step) {
        URI uri = URI.create(url);
        HttpRequest<Buffer> request = web.requestAbs(method, url)
                .followRedirects(false)
                .timeout(options.requestTimeout().toMillis());
        setup.accept(request);
        cookies.header(uri).ifPresent(cookies -> request.putHeader(HttpHeaders.COOKIE.toString(), cookies));
        trace.request(step, method.name(), uri, request.queryParams(), form, cookies.namesFor(uri));
        Future<HttpResponse<Buffer>> sent = form == null ? request.send() : request.sendForm(form);
        return HttpOutcomes.transport(sent, step)
                .onFailure(err -> trace.transportFailure(err.getMessage()))
                .map(response -> {
                    List<String> set = cookies.store(uri, response.headers().getAll(HttpHeaders.SET_COOKIE));
                    trace.response(response.statusCode(), response.getHeader(HttpHeaders.CONTENT_TYPE.toString()),
                            set, response.getHeader(HttpHeaders.LOCATION.toString()), errorIn(response));
                    return response;
                });
    }

    /** B2C's own error, where an answer carries one: on failures, and in SelfAsserted's JSON status. */
    private static B2cError errorIn(HttpResponse<Buffer> response) {
        if (response.statusCode() < 400 && !isJson(response)) {
            return null;
        }
        return B2cError.in(response.bodyAsString()).orElse(null);
    }

    private static boolean isJson(HttpResponse<Buffer> response) {
        String type = response.getHeader(HttpHeaders.CONTENT_TYPE.toString());
        return type != null && type.contains("json");
    }

    static void failOnStatus(HttpResponse<Buffer> response, String step, int expected) {
        FluviusException down = HttpOutcomes.throttledOrDown(response, step);
        if (down != null) {
            throw down;
        }
        if (response.statusCode() != expected) {
            Optional<B2cError> error = B2cError.in(response.bodyAsString());
            if (error.isPresent()) {
                throw new FluviusException.SignInError(step, response.statusCode(), error.get());
            }
            throw new FluviusException.PortalChanged(step, "HTTP " + response.statusCode()
                    + " where " + expected + " was expected" + saidBy(response));
        }
    }

    /** What an answer without a B2C code said, in a few words: its page title or JSON message, if any. */
    static String saidBy(HttpResponse<Buffer> response) {
        String body = response.bodyAsString();
        if (body == null || body.isBlank()) {
            return "";
        }
        Matcher title = TITLE.matcher(body);
        if (title.find()) {
            return " (the page says \"" + title.group(1).strip() + "\")";
        }
        String text = body.strip();
        if (text.startsWith("{")) {
            try {
                String message = new JsonObject(text).getString("message");
                return message == null ? "" : " (\"" + clip(message) + "\")";
            } catch (DecodeException | ClassCastException e) {
                return "";
            }
        }
        return text.startsWith("<") ? "" : " (\"" + clip(text) + "\")";
    }

    private static String clip(String text) {
        String t = text.strip().replaceAll("\\s+", " ");
        return t.length() <= 160 ? t : t.substring(0, 160) + "…";
    }
}
