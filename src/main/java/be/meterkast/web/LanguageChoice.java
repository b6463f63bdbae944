package be.meterkast.web;

import java.util.Locale;

/** The page's language and the one the language button switches to, each named in its own language. */
public record LanguageChoice(boolean dutch) {
    public static LanguageChoice of(Locale locale) {
        return new LanguageChoice(locale.getLanguage().equals("nl"));
    }

    /** The code the switch button posts: {@code en} on a Dutch page, else {@code nl}. */
    public String other() {
        return dutch ? "en" : "nl";
    }

    public String otherName() {
        return dutch ? "English" : "Nederlands";
    }
}
