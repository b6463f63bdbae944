package be.meterkast.web.auth;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/** Where a login or language change may send the browser next: a path on this site, nothing that reads as another. */
class SafeNextTest {

    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(strings = {"/", "/meters/3", "/compare?meter=1&meter=2&days=30", "/login?next=%2Fmeters%2F3",
            "/meters/3%20x"})
    @DisplayName("a path on this site is kept as it is")
    void localPaths(String next) {
        assertThat(Access.safeNext(next)).isEqualTo(next);
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(strings = {"//evil.example", "/\\evil.example", "/\t/evil.example", "/\n/evil.example",
            "/ /evil.example", "/%09/evil.example", "/%2F/evil.example", "/%5Cevil.example", "/%0d%0a/evil.example",
            "https://evil.example", "evil.example", "", "/meters\r\nSet-Cookie: x=y", "/meters\u0000",
            "/meters\u000b", "/meters\u000c", "/caf\u00e9", "/%zz"})
    @DisplayName("anything else, also once decoded, goes to the start page")
    void elsewhere(String next) {
        assertThat(Access.safeNext(next)).isEqualTo("/");
    }
}
