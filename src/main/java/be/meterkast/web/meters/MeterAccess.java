package be.meterkast.web.meters;

import be.meterkast.store.Meter;
import be.meterkast.web.Paths;
import be.meterkast.app.meters.MeterService;
import be.meterkast.web.auth.CurrentUser;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;

import java.util.Optional;
import java.util.function.Consumer;

/**
 * The one access check for {@code :meterId} in a URL, for pages, exports and the API alike: the meter must be
 * in one of the user's households. Anything else (other households, unknown or malformed ids) is "not found".
 */
public final class MeterAccess {
    private static final String KEY = "visibleMeter";

    private MeterAccess() {
    }

    /** Leaves the meter in the context for {@link #meter}, or calls {@code notFound} (a 404 in the caller's format). */
    public static Handler<RoutingContext> require(MeterService meters, Consumer<RoutingContext> notFound) {
        return ctx -> {
            Optional<Long> id = Paths.id(ctx.pathParam("meterId"));
            if (id.isEmpty()) {
                notFound.accept(ctx);
                return;
            }
            meters.visibleMeter(CurrentUser.user(ctx).id(), id.get()).onSuccess(meter -> {
                if (meter.isEmpty()) {
                    notFound.accept(ctx);
                } else {
                    ctx.put(KEY, meter.get());
                    ctx.next();
                }
            }).onFailure(ctx::fail);
        };
    }

    public static Meter meter(RoutingContext ctx) {
        return ctx.get(KEY);
    }
}
