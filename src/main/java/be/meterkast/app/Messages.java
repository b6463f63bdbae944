package be.meterkast.app;

import java.text.MessageFormat;
import java.util.Locale;
import java.util.MissingResourceException;
import java.util.Optional;
import java.util.ResourceBundle;

/**
 * The portal's texts, {@code i18n/messages*.properties}, for pages (through the template engine), alerts and
 * anything else worded in a reader's language: the one place that looks them up.
 */
public final class Messages {
    private static final String BUNDLE = "i18n/messages";
    /**
     * English is the base bundle (messages.properties), not a messages_en: without this, a JVM whose default
     * locale is Dutch or French (a Pi set up in Flanders) would answer a request for English with that language.
     */
    private static final ResourceBundle.Control NO_FALLBACK =
            ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES);

    private Messages() {
    }

    /** The text of {@code key} in {@code locale}'s language, its {@code {n}} filled in; empty when there is none. */
    public static Optional<String> find(Locale locale, String key, Object... args) {
        try {
            String pattern = ResourceBundle.getBundle(BUNDLE, locale, NO_FALLBACK).getString(key);
            return Optional.of(args == null || args.length == 0 ? pattern : new MessageFormat(pattern, locale).format(args));
        } catch (MissingResourceException e) {
            return Optional.empty();
        }
    }

    /** As {@link #find}, the key itself where there is no text (a log line or mail still says something). */
    public static String text(Locale locale, String key, Object... args) {
        return find(locale, key, args).orElse(key);
    }
}
