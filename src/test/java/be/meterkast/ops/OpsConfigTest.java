package be.meterkast.ops;

import be.meterkast.config.ConfigException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class OpsConfigTest {

    @Test
    @DisplayName("without settings: metrics on, 15 s to finish requests on shutdown, 60 s before a request answers 503")
    void defaults() {
        assertThat(OpsConfig.fromEnvironment(Map.of())).isEqualTo(new OpsConfig(true, Duration.ofSeconds(15), Duration.ofSeconds(60)));
    }

    @Test
    @DisplayName("METERKAST_METRICS=off, a grace of 0 s and a request timeout of 5 s are read as given")
    void values() {
        assertThat(OpsConfig.fromEnvironment(Map.of(OpsConfig.METRICS, "off", OpsConfig.SHUTDOWN_GRACE, "0",
                OpsConfig.REQUEST_TIMEOUT, "5")))
                .isEqualTo(new OpsConfig(false, Duration.ZERO, Duration.ofSeconds(5)));
    }

    @Test
    @DisplayName("a wrong value fails with one line naming the variable")
    void wrongValues() {
        assertThatThrownBy(() -> OpsConfig.fromEnvironment(Map.of(OpsConfig.METRICS, "maybe")))
                .isInstanceOf(ConfigException.class).hasMessageStartingWith(OpsConfig.METRICS + " must be true or false");
        assertThatThrownBy(() -> OpsConfig.fromEnvironment(Map.of(OpsConfig.SHUTDOWN_GRACE, "-1")))
                .isInstanceOf(ConfigException.class).hasMessageStartingWith(OpsConfig.SHUTDOWN_GRACE + " must be");
    }
}
