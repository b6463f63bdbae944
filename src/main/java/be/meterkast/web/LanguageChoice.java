package be.meterkast.web;

import be.meterkast.app.users.Language;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** The page's language and the ones the language switch offers, each named in its own language. */
public record LanguageChoice(Language current) {
    public static LanguageChoice of(Locale locale) {
        return new LanguageChoice(Language.of(locale.getLanguage()).orElse(Language.ENGLISH));
    }

    /** Every language, the page's own included, for the account page's choice. */
    public List<Language> all() {
        return List.of(Language.values());
    }

    /** The languages the switch in the header offers: all but the page's. */
    public List<Language> others() {
        return Arrays.stream(Language.values()).filter(l -> l != current).toList();
    }

    public boolean is(Language language) {
        return language == current;
    }
}
