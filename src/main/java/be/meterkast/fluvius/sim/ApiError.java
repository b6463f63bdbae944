package be.meterkast.fluvius.sim;

/** A client error the data API answers with its status and {@code {"message": ...}}; no stack trace needed. */
final class ApiError extends RuntimeException {
    ApiError(String message) {
        super(message, null, false, false);
    }
}
