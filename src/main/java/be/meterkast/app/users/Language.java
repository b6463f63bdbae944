package be.meterkast.app.users;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * The portal's languages: Dutch and French as written in Belgium (Fluvius serves Flanders, Mijn Fluvius offers
 * both) and English. {@link #code} is what forms send, {@link #tag} what {@code users.locale} stores; a user with
 * no stored language follows their browser.
 */
public enum Language {
    DUTCH("nl", "nl-BE", "Nederlands"),
    FRENCH("fr", "fr-BE", "Français"),
    ENGLISH("en", "en", "English");

    private final String code;
    private final String tag;
    private final String name;
    private final Locale locale;

    Language(String code, String tag, String name) {
        this.code = code;
        this.tag = tag;
        this.name = name;
        this.locale = Locale.forLanguageTag(tag);
    }

    public String code() {
        return code;
    }

    public String tag() {
        return tag;
    }

    /** The language's name in itself, as the language switch shows it. */
    public String nativeName() {
        return name;
    }

    public Locale locale() {
        return locale;
    }

    /** The language of a code or tag ({@code fr}, {@code fr-BE}, {@code FR}); empty for any other. */
    public static Optional<Language> of(String codeOrTag) {
        if (codeOrTag == null) {
            return Optional.empty();
        }
        String primary = codeOrTag.split("[-_]", 2)[0];
        return Arrays.stream(values()).filter(l -> l.code.equalsIgnoreCase(primary)).findFirst();
    }
}
