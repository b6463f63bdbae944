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
    @DisplayName("without settings: metrics on, 15 s to finish requests on shutdown, 60 s before a request answers 503,"
            + " one portal verticle per core")
    void defaults() {
        assertThat(OpsConfig.fromEnvironment(Map.of())).isEqualTo(new OpsConfig(true, Duration.ofSeconds(15), Duration.ofSeconds(60),
                Runtime.getRuntime().availableProcessors()));
    }

    @Test
    @DisplayName("METERKAST_METRICS=off, a grace of 0 s, a request timeout of 5 s and 3 web instances are read as given")
    void values() {
        assertThat(OpsConfig.fromEnvironment(Map.of(OpsConfig.METRICS, "off", OpsConfig.SHUTDOWN_GRACE, "0",
                OpsConfig.REQUEST_TIMEOUT, "5", OpsConfig.WEB_INSTANCES, "3")))
                .isEqualTo(new OpsConfig(false, Duration.ZERO, Duration.ofSeconds(5), 3));
    }

    @Test
    @DisplayName("a wrong value fails with one line naming the variable")
    void wrongValues() {
        assertThatThrownBy(() -> OpsConfig.fromEnvironment(Map.of(OpsConfig.METRICS, "maybe")))
                .isInstanceOf(ConfigException.class).hasMessageStartingWith(OpsConfig.METRICS + " must be true or false");
        assertThatThrownBy(() -> OpsConfig.fromEnvironment(Map.of(OpsConfig.SHUTDOWN_GRACE, "-1")))
                .isInstanceOf(ConfigException.class).hasMessageStartingWith(OpsConfig.SHUTDOWN_GRACE + " must be");
        assertThatThrownBy(() -> OpsConfig.fromEnvironment(Map.of(OpsConfig.WEB_INSTANCES, "0")))
                .isInstanceOf(ConfigException.class).hasMessageStartingWith(OpsConfig.WEB_INSTANCES + " must be");
    }
}
