package be.meterkast.store;

import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.ClosedConnectionException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.net.ConnectException;

import static org.assertj.core.api.Assertions.assertThat;

/** Which failures mean "PostgreSQL cannot be reached now" (the portal answers 503) and which are real errors (500). */
class DatabaseUnavailableTest {

    @Test
    @DisplayName("a refused or lost connection, a shutting-down server and too many connections are unavailable")
    void unavailable() {
        assertThat(DatabaseUnavailable.is(new ConnectException("Connection refused"))).isTrue();
        assertThat(DatabaseUnavailable.is(new RuntimeException("wrapped", new ConnectException("refused")))).isTrue();
        assertThat(DatabaseUnavailable.is(ClosedConnectionException.INSTANCE)).isTrue();
        assertThat(DatabaseUnavailable.is(new PgException("terminating connection", "FATAL", "57P01", null))).isTrue();
        assertThat(DatabaseUnavailable.is(new PgException("the database system is starting up", "FATAL", "57P03", null))).isTrue();
        assertThat(DatabaseUnavailable.is(new PgException("too many clients", "FATAL", "53300", null))).isTrue();
        assertThat(DatabaseUnavailable.is(new PgException("connection failure", "FATAL", "08006", null))).isTrue();
    }

    @Test
    @DisplayName("a wrong query, a broken constraint or a bug is not")
    void notUnavailable() {
        assertThat(DatabaseUnavailable.is(new PgException("duplicate key", "ERROR", "23505", null))).isFalse();
        assertThat(DatabaseUnavailable.is(new PgException("invalid byte sequence", "ERROR", "22021", null))).isFalse();
        assertThat(DatabaseUnavailable.is(new IllegalStateException("bug"))).isFalse();
        assertThat(DatabaseUnavailable.is(null)).isFalse();
    }
}
