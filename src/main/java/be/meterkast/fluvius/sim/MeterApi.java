package be.meterkast.fluvius.sim;

import be.meterkast.domain.MeterKind;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.time.Instant;

/**
 * The data endpoints. Checks run as chained handlers ({@link #authenticate}, {@link #resolveMeter},
 * {@link #readHistoryRequest}) that end
 * in {@code next()} or {@code fail(status, ApiError)}; the root failure handler renders {@code {"message"}}.
 */
final class MeterApi {
    private static final String CLAIMS = "sim.claims";
    private static final String METER = "sim.meter";
    private static final String REQUEST = "sim.request";

    private final SimulatorConfig config;
    private final SimStats stats;
    private final TokenIssuer tokens;

    MeterApi(SimulatorConfig config, SimStats stats, TokenIssuer tokens) {
        this.config = config;
        this.stats = stats;
        this.tokens = tokens;
    }

    /** Counted before routing (and before any injected fault), so the EAN is read from the path's last segment. */
    void countRequest(RoutingContext ctx) {
        String path = ctx.request().path();
        stats.dataRequest(path.substring(path.lastIndexOf('/') + 1));
        ctx.next();
    }

    void authenticate(RoutingContext ctx) {
        String header = ctx.request().getHeader(HttpHeaders.AUTHORIZATION);
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            ctx.fail(401, new ApiError("Authorization: Bearer <access token> is required"));
            return;
        }
        tokens.verifyAccessToken(header.substring(7).trim())
                .onSuccess(claims -> {
                    ctx.put(CLAIMS, claims);
                    ctx.next();
                })
                .onFailure(e -> ctx.fail(401, new ApiError("The access token is not valid: " + e.getMessage())));
    }

    /** The meter must belong to the token's account and the serial must be that meter's. */
    void resolveMeter(RoutingContext ctx) {
        JsonObject claims = ctx.get(CLAIMS);
        String email = claims.getJsonArray("emails", new JsonArray()).getString(0);
        String ean = ctx.pathParam("ean");
        SimMeter meter = config.accounts().owner(ean)
                .filter(owner -> owner.email().equalsIgnoreCase(email))
                .flatMap(owner -> config.accounts().meter(ean))
                .orElse(null);
        if (meter == null) {
            ctx.fail(403, new ApiError("The meter " + ean + " is not linked to this account"));
            return;
        }
        String serial = ctx.request().getParam("meterSerialNumber");
        if (serial == null || !serial.equals(meter.serial())) {
            ctx.fail(400, new ApiError("meterSerialNumber '" + serial + "' does not belong to EAN " + ean));
            return;
        }
        ctx.put(METER, meter);
        ctx.next();
    }

    void readHistoryRequest(RoutingContext ctx) {
        readRequest(ctx, true);
    }

    void readRange(RoutingContext ctx) {
        readRequest(ctx, false);
    }

    void history(RoutingContext ctx) {
        SimMeter meter = ctx.get(METER);
        HistoryRequest request = ctx.get(REQUEST);
        Instant now = config.clock().instant();
        JsonArray records = switch (meter.kind()) {
            case ELECTRICITY -> HistoryRecords.electricity(meter, request, now, config.options().seed());
            case GAS -> HistoryRecords.gas(meter, request, now);
        };
        // Day faults first: they find a record's day by its d and de, which the malformer may take away.
        stats.malformedValues(DayFaults.apply(records, meter.kind() == MeterKind.GAS, config.options()));
        stats.malformedValues(Malformer.apply(records, meter.ean(), config.options().seed(),
                config.options().malformedRate()));
        ctx.json(records);
    }

    void spikes(RoutingContext ctx) {
        SimMeter meter = ctx.get(METER);
        HistoryRequest range = ctx.get(REQUEST);
        JsonArray records = switch (meter.kind()) {
            case ELECTRICITY -> HistoryRecords.spikes(meter, range, config.clock().instant());
            case GAS -> new JsonArray();
        };
        ctx.json(records);
    }

    private static void readRequest(RoutingContext ctx, boolean withGranularity) {
        SimMeter meter = ctx.get(METER);
        try {
            ctx.put(REQUEST, withGranularity ? HistoryRequest.history(ctx.request().params(), meter.kind())
                    : HistoryRequest.range(ctx.request().params()));
        } catch (ApiError e) {
            ctx.fail(400, e);
            return;
        }
        ctx.next();
    }
}
