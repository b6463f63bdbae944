package be.meterkast.fluvius;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("B2C's error code and message are found wherever B2C puts them")
class B2cErrorTest {
    @Test
    @DisplayName("in SelfAsserted's JSON status")
    void selfAssertedJson() {
        assertThat(B2cError.in("{\"status\":\"400\",\"errorCode\":\"AADB2C90054\",\"message\":\"Invalid username or password.\"}"))
                .contains(new B2cError("AADB2C90054", "Invalid username or password."));
    }

    @Test
    @DisplayName("in an OAuth error, with the code taken from the description")
    void oauthJson() {
        assertThat(B2cError.in("{\"error\":\"invalid_grant\",\"error_description\":\"AADB2C90080: The provided grant has expired.\\r\\nCorrelation ID: 1c2d\"}"))
                .contains(new B2cError("AADB2C90080", "The provided grant has expired."));
    }

    @Test
    @DisplayName("in an OAuth error without a B2C code, as the OAuth error")
    void oauthWithoutCode() {
        assertThat(B2cError.in("{\"error\":\"invalid_request\",\"error_description\":\"bad\"}"))
                .contains(new B2cError("invalid_request", "bad"));
    }

    @Test
    @DisplayName("on B2C's HTML error page, with entities decoded")
    void htmlPage() {
        String page = """
                <!DOCTYPE html><html><head><title>Sorry, but we're having trouble signing you in.</title></head>
                <body><div id="api"><p>We track these errors automatically.</p>
                <p>Correlation ID: 7f1c</p><p>Timestamp: 2026-12-01 10:00:00Z</p>
                <p>AADB2C90077: User does not have an existing session and request prompt parameter has a value of &#39;None&#39;.</p>
                </div></body></html>""";

        assertThat(B2cError.in(page)).contains(new B2cError("AADB2C90077",
                "User does not have an existing session and request prompt parameter has a value of 'None'."));
    }

    @Test
    @DisplayName("with the code and message in separate elements")
    void splitElements() {
        assertThat(B2cError.in("<p id=\"errorCode\">AADB2C90079</p><p id=\"errorMessage\">Clients must send a client_secret.</p>"))
                .contains(new B2cError("AADB2C90079", "Clients must send a client_secret."));
    }

    @Test
    @DisplayName("and nowhere in an answer that holds none")
    void none() {
        assertThat(B2cError.in("{\"status\":\"200\"}")).isEmpty();
        assertThat(B2cError.in("<html><body>Bad Request</body></html>")).isEmpty();
        assertThat(B2cError.in(null)).isEmpty();
    }
}
