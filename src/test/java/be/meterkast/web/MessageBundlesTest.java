package be.meterkast.web;

import be.meterkast.app.alerts.AlertTexts;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.ResourceBundle;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** English, Dutch and French say the same things: the same keys, no empty text, the same placeholders. */
class MessageBundlesTest {
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{(\\d+)");

    private static Properties bundle(String suffix) throws IOException {
        Properties p = new Properties();
        try (InputStream in = MessageBundlesTest.class.getResourceAsStream("/i18n/messages" + suffix + ".properties")) {
            assertThat(in).as("messages" + suffix).isNotNull();
            p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        return p;
    }

    private static Set<String> placeholders(String text) {
        Set<String> found = new TreeSet<>();
        Matcher m = PLACEHOLDER.matcher(text);
        while (m.find()) {
            found.add(m.group(1));
        }
        return found;
    }

    @Test
    @DisplayName("The three bundles have the same keys, none empty, with the same placeholders")
    void sameKeys() throws IOException {
        Properties english = bundle("");
        for (Map.Entry<String, Properties> other : Map.of("nl", bundle("_nl"), "fr", bundle("_fr")).entrySet()) {
            Properties p = other.getValue();
            assertThat(p.stringPropertyNames()).as(other.getKey() + " keys")
                    .containsExactlyInAnyOrderElementsOf(english.stringPropertyNames());
            for (String key : english.stringPropertyNames()) {
                assertThat(p.getProperty(key)).as(other.getKey() + " " + key).isNotBlank();
                assertThat(placeholders(p.getProperty(key))).as(other.getKey() + " placeholders of " + key)
                        .isEqualTo(placeholders(english.getProperty(key)));
            }
        }
        english.stringPropertyNames().forEach(key -> assertThat(english.getProperty(key)).as("en " + key).isNotBlank());
    }

    @Test
    @DisplayName("English stays English on a JVM whose default locale is Dutch or French (a Pi set up in Flanders)")
    void englishWhateverTheDefaultLocale() {
        Locale before = Locale.getDefault();
        try {
            for (String tag : List.of("nl-BE", "fr-BE")) {
                Locale.setDefault(Locale.forLanguageTag(tag));
                ResourceBundle.clearCache();
                assertThat(Templates.text(Locale.ENGLISH, "alerts.title")).as(tag).isEqualTo("Alerts");
                assertThat(AlertTexts.text(Locale.ENGLISH, "alerts.title")).as(tag).isEqualTo("Alerts");
                assertThat(Templates.text(Locale.forLanguageTag("nl-BE"), "alerts.title")).isEqualTo("Meldingen");
            }
        } finally {
            Locale.setDefault(before);
            ResourceBundle.clearCache();
        }
    }

    @Test
    @DisplayName("French uses the typographic apostrophe, which MessageFormat leaves alone")
    void frenchApostrophes() throws IOException {
        Properties french = bundle("_fr");
        for (String key : french.stringPropertyNames()) {
            assertThat(french.getProperty(key)).as(key).doesNotContain("'");
        }
    }
}
