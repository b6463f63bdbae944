package be.meterkast.web;

/** A request whose parameters are wrong; {@code messageKey} says what to fix (a key of the message bundles). */
public final class BadParameters extends RuntimeException {
    private final String messageKey;

    public BadParameters(String messageKey) {
        super(messageKey, null, false, false);
        this.messageKey = messageKey;
    }

    public String messageKey() {
        return messageKey;
    }
}
