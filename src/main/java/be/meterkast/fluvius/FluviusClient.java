package be.meterkast.fluvius;

import be.meterkast.domain.time.LocalDays;
import be.meterkast.domain.Measurements;
import be.meterkast.domain.MeterKind;
import be.meterkast.domain.MeterRef;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;

/**
 * Non-blocking client for Fluvius' customer portal: sign-in ({@link B2cSignIn}) and the meter data API.
 * It never retries on its own: whether and when to try again (never, for a rejected password) is the
 * caller's decision, made from the typed {@link FluviusException}.
 */
public final class FluviusClient {
    private static final Logger LOG = LoggerFactory.getLogger(FluviusClient.class);

    private final WebClient web;
    private final FluviusOptions options;
    private final B2cSignIn signIn;
    private final Clock clock;

    public FluviusClient(Vertx vertx, FluviusOptions options) {
        this(vertx, options, Clock.systemUTC());
    }

    public FluviusClient(Vertx vertx, FluviusOptions options, Clock clock) {
        this.options = options;
        this.clock = clock;
        this.web = WebClient.create(vertx, new WebClientOptions()
                .setFollowRedirects(false)
                .setUserAgent("Meterkast/0.1 (+self-hosted energy portal)")
                .setConnectTimeout((int) Math.min(Integer.MAX_VALUE, options.requestTimeout().toMillis())));
        this.signIn = new B2cSignIn(web, options, clock);
    }

    public FluviusOptions options() {
        return options;
    }

    /** Full sign-in with email and password. Call once per rejection at most: see {@link FluviusException#credentialsRejected()}. */
    public Future<Tokens> signIn(Credentials credentials, boolean rememberMe) {
        return signIn(credentials, rememberMe, newTrace());
    }

    /** The same, writing every step to {@code trace} (redacted) for diagnostics. */
    public Future<Tokens> signIn(Credentials credentials, boolean rememberMe, SignInTrace trace) {
        return signIn.signIn(credentials, rememberMe, trace);
    }

    /** An empty trace for a sign-in to this client's portal. */
    public SignInTrace newTrace() {
        return new SignInTrace(clock, options.portalBase());
    }

    /** New tokens from a refresh token; Fluvius rotates refresh tokens, so keep the new one. */
    public Future<Tokens> refresh(String refreshToken) {
        return signIn.refresh(refreshToken);
    }

    /**
     * Reads the query's days. Quarter-hours and hours are fetched one day per request (a gas day for gas),
     * one request after the other (Fluvius asks for politeness); the result keeps every record exactly as
     * received.
     */
    public Future<History> history(String accessToken, HistoryQuery query) {
        if (!query.onePerDay()) {
            return historyRange(accessToken, query.meter(), query.kind(), query.from(query.firstDay()),
                    query.until(query.lastDay()), query.granularityCode());
        }
        Future<History> all = Future.succeededFuture(History.empty());
        for (LocalDate day : LocalDays.between(query.firstDay(), query.lastDay())) {
            LocalDate d = day;
            all = all.compose(sofar -> historyRange(accessToken, query.meter(), query.kind(), query.from(d),
                    query.until(d), query.granularityCode()).map(sofar::plus));
        }
        return all;
    }

    /**
     * One {@code meter-measurement-history} request, bounds as given; the meter's kind and the bounds' zone say
     * where a record without {@code de} ends.
     */
    public Future<History> historyRange(String accessToken, MeterRef meter, MeterKind kind, ZonedDateTime from,
                                        ZonedDateTime until, String granularityCode) {
        HttpRequest<Buffer> request = web.getAbs(options.portalBase() + "/verbruik/api/meter-measurement-history/"
                        + meter.ean())
                .addQueryParam("historyFrom", WireFormat.bound(from))
                .addQueryParam("historyUntil", WireFormat.bound(until))
                .addQueryParam("granularity", granularityCode)
                .addQueryParam("asServiceProvider", "false")
                .addQueryParam("meterSerialNumber", meter.serial());
        return dataCall(request, accessToken, meter, "meter history").map(records -> {
            Measurements measurements = WireFormat.history(records, Granularity.parse(granularityCode), kind,
                    from.getZone());
            if (measurements.skipped() > 0) {
                LOG.warn("Skipped {} unreadable values for EAN {}", measurements.skipped(), meter.ean());
            }
            return new History(records, measurements, 1);
        });
    }

    /** Monthly peak power (capacity tariff) for the local days given. */
    public Future<WireFormat.PeakList> monthlyPeaks(String accessToken, MeterRef meter, LocalDate firstDay,
                                                    LocalDate lastDay, ZoneId zone) {
        HttpRequest<Buffer> request = web.getAbs(options.portalBase() + "/verbruik/api/meter-measurement-spikes/"
                        + meter.ean())
                .addQueryParam("historyFrom", WireFormat.bound(firstDay.atStartOfDay(zone)))
                .addQueryParam("historyUntil", WireFormat.bound(lastDay.plusDays(1).atStartOfDay(zone)
                        .minusNanos(1_000_000)))
                .addQueryParam("asServiceProvider", "false")
                .addQueryParam("meterSerialNumber", meter.serial());
        return dataCall(request, accessToken, meter, "monthly peaks").map(records -> WireFormat.spikes(records, zone));
    }

    private Future<JsonArray> dataCall(HttpRequest<Buffer> request, String accessToken, MeterRef meter, String what) {
        request.bearerTokenAuthentication(accessToken)
                .putHeader("Accept", "application/json")
                .followRedirects(false)
                .timeout(options.requestTimeout().toMillis());
        return HttpOutcomes.transport(request.send(), what).map(response -> {
            FluviusException down = HttpOutcomes.throttledOrDown(response, what);
            if (down != null) {
                throw down;
            }
            int status = response.statusCode();
            if (status == 401) {
                throw new FluviusException.Unauthorized("HTTP 401 on " + what);
            }
            if (status == 403 || status == 404) {
                throw new FluviusException.RequestRejected(status, "fluvius.no_such_meter",
                        List.of(meter.ean(), meter.serial(), Integer.toString(status)),
                        "Fluvius has no meter with EAN " + meter.ean()
                        + " and serial " + meter.serial() + " on this account (HTTP " + status
                        + "). Check both on mijn.fluvius.be.");
            }
            if (status != 200) {
                throw new FluviusException.RequestRejected(status, "fluvius.request_refused",
                        List.of(what, Integer.toString(status), messageOf(response)), "Fluvius refused the " + what
                        + " request (HTTP " + status + ")" + messageOf(response));
            }
            try {
                Object body = Json.decode(response);
                if (body instanceof JsonArray array) {
                    return array;
                }
            } catch (DecodeException notJson) {
                // reported below with the step
            }
            throw new FluviusException.PortalChanged(what, "the answer is not a JSON array");
        });
    }

    private static String messageOf(HttpResponse<Buffer> response) {
        try {
            Object body = Json.decode(response);
            if (body instanceof JsonObject o && o.getString("message") != null) {
                return ": " + o.getString("message");
            }
        } catch (DecodeException ignored) {
            // no readable message; the status says enough
        }
        return "";
    }

    public Future<Void> close() {
        web.close();
        return Future.succeededFuture();
    }

    /** Small helper so an empty body does not become a NullPointerException. */
    private static final class Json {
        static Object decode(HttpResponse<Buffer> response) {
            Buffer body = response.body();
            return body == null || body.length() == 0 ? null : io.vertx.core.json.Json.decodeValue(body);
        }
    }
}
