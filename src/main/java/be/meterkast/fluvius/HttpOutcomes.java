package be.meterkast.fluvius;

import io.vertx.core.Future;
import io.vertx.ext.web.client.HttpResponse;

import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/** Turns transport failures and HTTP statuses that mean the same on every Fluvius endpoint into typed failures. */
final class HttpOutcomes {
    private HttpOutcomes() {
    }

    /** Timeouts, refused connections, resets: Fluvius is unavailable, whatever the step. */
    static <T> Future<T> transport(Future<T> request, String what) {
        return request.recover(err -> err instanceof FluviusException
                ? Future.failedFuture(err)
                : Future.failedFuture(new FluviusException.Unavailable(what + ": " + describe(err), err)));
    }

    /** A 429 or 5xx as a typed failure, or null when the status is for the caller to judge. */
    static FluviusException throttledOrDown(HttpResponse<?> response, String what) {
        int status = response.statusCode();
        if (status == 429) {
            return new FluviusException.RateLimited(retryAfter(response.getHeader("Retry-After")));
        }
        if (status >= 500) {
            return new FluviusException.Unavailable(what + " answered HTTP " + status, null,
                    retryAfter(response.getHeader("Retry-After")));
        }
        return null;
    }

    /** Retry-After is either a number of seconds or an HTTP date. */
    static Duration retryAfter(String header) {
        if (header == null || header.isBlank()) {
            return null;
        }
        try {
            return Duration.ofSeconds(Math.max(0, Long.parseLong(header.trim())));
        } catch (NumberFormatException notSeconds) {
            try {
                ZonedDateTime at = ZonedDateTime.parse(header.trim(), DateTimeFormatter.RFC_1123_DATE_TIME);
                Duration d = Duration.between(ZonedDateTime.now(at.getZone()), at);
                return d.isNegative() ? Duration.ZERO : d;
            } catch (DateTimeParseException neither) {
                return null;
            }
        }
    }

    private static String describe(Throwable err) {
        String name = err.getClass().getSimpleName();
        return err.getMessage() == null ? name : name + " " + err.getMessage();
    }
}
