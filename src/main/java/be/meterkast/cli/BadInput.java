package be.meterkast.cli;

/** A command-line value that cannot be used; the message says what to fix. */
final class BadInput extends RuntimeException {
    BadInput(String message) {
        super(message, null, false, false);
    }
}
