package be.meterkast.app.alerts;

import be.meterkast.config.ConfigException;
import be.meterkast.config.Environment;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@DisplayName("The alert settings of the instance")
class AlertConfigTest {
    private static AlertConfig read(Map<String, String> variables) {
        return AlertConfig.fromEnvironment(new Environment(variables));
    }

    @Test
    @DisplayName("without METERKAST_SMTP_HOST e-mail is off and rounds run every 15 minutes")
    void defaults() {
        AlertConfig config = read(Map.of());

        assertThat(config.smtp()).isEmpty();
        assertThat(config.interval()).isEqualTo(Duration.ofMinutes(15));
    }

    @Test
    @DisplayName("an SMTP server takes port 587 with STARTTLS unless told otherwise")
    void smtpDefaults() {
        AlertConfig.Smtp smtp = read(Map.of("METERKAST_SMTP_HOST", "mail.example.be",
                "METERKAST_SMTP_FROM", "meterkast@example.be")).smtp().orElseThrow();

        assertThat(smtp.port()).isEqualTo(587);
        assertThat(smtp.tls()).isEqualTo(AlertConfig.TlsMode.STARTTLS);
        assertThat(smtp.username()).isEmpty();
    }

    @Test
    @DisplayName("a wrong value stops start-up with a line naming the variable")
    void wrongValues() {
        assertThatThrownBy(() -> read(Map.of("METERKAST_SMTP_HOST", "mail.example.be")))
                .isInstanceOf(ConfigException.class).hasMessageStartingWith("METERKAST_SMTP_FROM must be set");
        assertThatThrownBy(() -> read(Map.of("METERKAST_SMTP_HOST", "mail.example.be", "METERKAST_SMTP_FROM",
                "meterkast@example.be", "METERKAST_SMTP_TLS", "ssl3")))
                .isInstanceOf(ConfigException.class).hasMessageStartingWith("METERKAST_SMTP_TLS must be starttls, tls or none");
        assertThatThrownBy(() -> read(Map.of("METERKAST_SMTP_HOST", "mail.example.be", "METERKAST_SMTP_FROM",
                "meterkast@example.be", "METERKAST_SMTP_USERNAME", "me")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("go together");
        assertThatThrownBy(() -> read(Map.of("METERKAST_ALERTS_INTERVAL_MINUTES", "0")))
                .isInstanceOf(ConfigException.class).hasMessageStartingWith("METERKAST_ALERTS_INTERVAL_MINUTES");
    }
}
