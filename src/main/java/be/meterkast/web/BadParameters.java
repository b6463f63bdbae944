package be.meterkast.web;

/**
 * A request whose parameters are wrong; {@code messageKey} says what to fix (a key of the message bundles),
 * {@code argument} fills its {@code {0}} (the field or parameter it names) when there is one.
 */
public final class BadParameters extends RuntimeException {
    private final String messageKey;
    private final Object argument;

    public BadParameters(String messageKey) {
        this(messageKey, null);
    }

    public BadParameters(String messageKey, Object argument) {
        super(messageKey, null, false, false);
        this.messageKey = messageKey;
        this.argument = argument;
    }

    public String messageKey() {
        return messageKey;
    }

    /** The text in the page's language. */
    public String message(java.util.Locale locale) {
        return argument == null ? Templates.text(locale, messageKey) : Templates.text(locale, messageKey, argument);
    }
}
