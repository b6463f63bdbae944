package be.meterkast.sync;

import be.meterkast.config.ConfigException;
import be.meterkast.config.Environment;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SyncSettingsTest {
    @Test
    @DisplayName("without METERKAST_SYNC_RPS an account's Fluvius requests are 500 ms apart (2 a second)")
    void defaultPace() {
        assertThat(SyncSettings.fromEnvironment(new Environment(Map.of())).requestSpacing()).isEqualTo(Duration.ofMillis(500));
    }

    @Test
    @DisplayName("METERKAST_SYNC_RPS sets the pace, decimals included")
    void chosenPace() {
        assertThat(SyncSettings.fromEnvironment(new Environment(Map.of("METERKAST_SYNC_RPS", "0.5"))).requestSpacing())
                .isEqualTo(Duration.ofSeconds(2));
        assertThat(SyncSettings.fromEnvironment(new Environment(Map.of("METERKAST_SYNC_RPS", "10"))).requestSpacing())
                .isEqualTo(Duration.ofMillis(100));
    }

    @Test
    @DisplayName("a pace that is no number, zero or above 50 fails start-up naming the setting and its range")
    void badPace() {
        for (String bad : new String[]{"fast", "0", "-1", "51", "NaN", "2,5"}) {
            assertThatThrownBy(() -> SyncSettings.fromEnvironment(new Environment(Map.of("METERKAST_SYNC_RPS", bad))))
                    .as(bad).isInstanceOf(ConfigException.class)
                    .hasMessage("METERKAST_SYNC_RPS must be requests per second between 0.01 and 50, not '" + bad + "'");
        }
    }
}
