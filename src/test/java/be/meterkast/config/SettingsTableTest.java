package be.meterkast.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("README's configuration table and the Setting table agree")
class SettingsTableTest {
    private static final Pattern ROW = Pattern.compile("^\\| `([A-Z_]+)` \\| (`([^`]*)`|([^|]*?)) *\\|", Pattern.MULTILINE);

    private static Map<String, String> readmeTable() throws IOException {
        String readme = Files.readString(Path.of("README.md"));
        int start = readme.indexOf("### Configuration");
        String section = readme.substring(start, readme.indexOf("\n### ", start + 1));
        Map<String, String> rows = new LinkedHashMap<>();
        Matcher m = ROW.matcher(section);
        while (m.find()) {
            rows.put(m.group(1), m.group(3) != null ? m.group(3) : m.group(4).strip());
        }
        return rows;
    }

    @Test
    @DisplayName("every variable Meterkast reads is documented, and every documented one is read")
    void sameVariables() throws IOException {
        assertThat(readmeTable().keySet()).containsExactlyInAnyOrderElementsOf(
                Arrays.stream(Setting.values()).map(Setting::key).toList());
    }

    @Test
    @DisplayName("the README states each default as the code has it")
    void sameDefaults() throws IOException {
        Map<String, String> documented = readmeTable();
        assertThat(Arrays.stream(Setting.values()).collect(Collectors.toMap(Setting::key, Setting::documentedDefault)))
                .containsExactlyInAnyOrderEntriesOf(documented);
    }

    @Test
    @DisplayName("the documented defaults are the ones an empty environment gets")
    void defaultsAreApplied() {
        var config = be.meterkast.server.ServerConfig.fromEnvironment(Map.of());

        assertThat(Integer.toString(config.port())).isEqualTo(Setting.PORT.documentedDefault());
        assertThat(config.host()).isEqualTo(Setting.HOST.documentedDefault());
        assertThat(config.database().dataDirectory()).isEqualTo(Path.of(Setting.DATA_DIR.documentedDefault()));
        assertThat(Integer.toString(config.database().poolSize())).isEqualTo(Setting.DB_POOL_SIZE.documentedDefault());
        assertThat(config.database().embeddedPort()).as("0 picks a free port").isZero();
        assertThat(Boolean.toString(config.openRegistration())).isEqualTo(Setting.OPEN_REGISTRATION.documentedDefault());
        assertThat(config.fluviusPortal()).isEqualTo(Setting.FLUVIUS_PORTAL_URL.documentedDefault());
        assertThat(Boolean.toString(config.ops().metricsEnabled())).isEqualTo(Setting.METRICS.documentedDefault());
        assertThat(Long.toString(config.ops().shutdownGrace().toSeconds()))
                .isEqualTo(Setting.SHUTDOWN_GRACE_SECONDS.documentedDefault());
        assertThat(config.publicUrl()).isEmpty();
        assertThat(config.database().url()).isEmpty();
    }
}
