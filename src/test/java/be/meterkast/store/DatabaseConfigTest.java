package be.meterkast.store;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DatabaseConfigTest {
    @Test
    @DisplayName("Without DATABASE_URL the database is embedded under ./data/postgres")
    void embeddedByDefault() {
        DatabaseConfig config = DatabaseConfig.fromEnvironment(Map.of());

        assertThat(config.isEmbedded()).isTrue();
        assertThat(config.postgresDirectory()).isEqualTo(Path.of("data", "postgres"));
        assertThat(config.embeddedPort()).isZero();
    }

    @Test
    @DisplayName("A well-formed DATABASE_URL selects that server")
    void externalFromUrl() {
        DatabaseConfig config = DatabaseConfig.fromEnvironment(Map.of(DatabaseConfig.DATABASE_URL, "postgresql://kast:geheim@db.lan:5433/meterkast"));

        assertThat(config.isEmbedded()).isFalse();
        var options = DatabaseConfig.connectOptions(config.url().orElseThrow());
        assertThat(options.getHost()).isEqualTo("db.lan");
        assertThat(options.getPort()).isEqualTo(5433);
        assertThat(options.getDatabase()).isEqualTo("meterkast");
        assertThat(options.getUser()).isEqualTo("kast");
    }

    @Test
    @DisplayName("A DATABASE_URL of another scheme fails with one line naming DATABASE_URL")
    void wrongSchemeNamesKey() {
        assertThatThrownBy(() -> DatabaseConfig.fromEnvironment(Map.of(DatabaseConfig.DATABASE_URL, "mysql://kast:geheim@db/x")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("DATABASE_URL ")
                .hasMessageNotContaining("\n")
                .hasMessageNotContaining("geheim");
    }

    @Test
    @DisplayName("A DATABASE_URL without a database fails naming DATABASE_URL, without echoing the password")
    void missingDatabaseNamesKey() {
        assertThatThrownBy(() -> DatabaseConfig.external("postgresql://kast:geheim@db.lan:5432", Path.of("data")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("DATABASE_URL ")
                .hasMessageNotContaining("geheim");
    }

    @Test
    @DisplayName("toString never shows the database password")
    void toStringRedactsPassword() {
        DatabaseConfig config = DatabaseConfig.external("postgresql://kast:geheim@db.lan:5432/meterkast", Path.of("data"));

        assertThat(config.toString()).contains("kast:***@db.lan").doesNotContain("geheim");
    }

    @Test
    @DisplayName("A port that is not a number fails naming its key")
    void badPortNamesKey() {
        assertThatThrownBy(() -> DatabaseConfig.fromEnvironment(Map.of(DatabaseConfig.EMBEDDED_PORT, "vijf")))
                .hasMessageStartingWith(DatabaseConfig.EMBEDDED_PORT);
    }
}
