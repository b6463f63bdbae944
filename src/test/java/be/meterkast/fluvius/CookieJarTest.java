package be.meterkast.fluvius;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The sign-in's cookie jar keeps cookies as a browser does")
class CookieJarTest {
    private static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");
    private static final URI AUTHORIZE = URI.create(
            "https://login.fluvius.be/klanten.onmicrosoft.com/B2C_1A_customer_signup_signin/oauth2/v2.0/authorize");
    private static final URI SELF_ASSERTED = URI.create(
            "https://login.fluvius.be/klanten.onmicrosoft.com/B2C_1A_customer_signup_signin/SelfAsserted");
    private static final URI CONFIRMED = URI.create("https://login.fluvius.be/klanten.onmicrosoft.com/"
            + "B2C_1A_customer_signup_signin/api/CombinedSigninAndSignup/confirmed");
    private static final String SSO = "x-ms-cpim-sso:klanten.onmicrosoft.com/b2c_1a_customer_signup_signin_0";
    private static final String CACHE = "x-ms-cpim-cache|pqtkpbbuak2kf4xmwxqovg_0";

    private final MutableClock clock = new MutableClock(NOW);
    private final CookieJar jar = new CookieJar(clock);

    @Test
    @DisplayName("keeps B2C's names with ':', '/' and '|' and sends them back under the same names")
    void keepsB2cNames() {
        jar.store(AUTHORIZE, List.of(
                "x-ms-cpim-csrf=V0JQb1pJWm9sOFpXc3RhOw==; domain=login.fluvius.be; path=/; secure; HttpOnly; SameSite=None",
                "x-ms-cpim-trans=eyJUX1ZFUi2iOiJ8; domain=login.fluvius.be; path=/; secure; HttpOnly; SameSite=None",
                CACHE + "=R3k+cW1/YT0=; domain=login.fluvius.be; path=/; secure; HttpOnly; SameSite=None"));
        jar.store(SELF_ASSERTED, List.of(SSO + "=c3NvK3ZhbHVlLz0=; domain=login.fluvius.be; path=/; secure; HttpOnly"));

        assertThat(jar.header(CONFIRMED)).contains("x-ms-cpim-csrf=V0JQb1pJWm9sOFpXc3RhOw==; "
                + "x-ms-cpim-trans=eyJUX1ZFUi2iOiJ8; " + CACHE + "=R3k+cW1/YT0=; " + SSO + "=c3NvK3ZhbHVlLz0=");
    }

    @Test
    @DisplayName("keeps the documented x-ms-cpim-sso:{Id} and x-ms-cpim-cache:{id}_n forms")
    void keepsDocumentedForms() {
        jar.store(AUTHORIZE, List.of("x-ms-cpim-sso:b2c_1a_signin=abc; path=/", "x-ms-cpim-cache:3jf8_1=def; path=/"));

        assertThat(jar.namesFor(CONFIRMED)).containsExactly("x-ms-cpim-sso:b2c_1a_signin", "x-ms-cpim-cache:3jf8_1");
    }

    @Test
    @DisplayName("sends base64 values with '+', '/' and '=' byte for byte, never encoded")
    void valuesByteForByte() {
        jar.store(AUTHORIZE, List.of("x-ms-cpim-csrf=a+b/c==; path=/", "plain=x=y=z; path=/"));

        assertThat(jar.header(CONFIRMED)).contains("x-ms-cpim-csrf=a+b/c==; plain=x=y=z");
    }

    @Test
    @DisplayName("neither quotes nor unquotes: a quoted value goes back quoted, an unquoted one unquoted")
    void quotesUntouched() {
        jar.store(AUTHORIZE, List.of("quoted=\"abc def\"; path=/", "x-ms-cpim-trans=abc; path=/"));

        assertThat(jar.header(CONFIRMED)).contains("quoted=\"abc def\"; x-ms-cpim-trans=abc");
    }

    @Test
    @DisplayName("a cookie set again replaces the old value under the same name, domain and path")
    void replaces() {
        jar.store(AUTHORIZE, List.of(CACHE + "=first; path=/"));
        jar.store(SELF_ASSERTED, List.of(CACHE + "=second; path=/"));

        assertThat(jar.header(CONFIRMED)).contains(CACHE + "=second");
    }

    @Test
    @DisplayName("Max-Age=0 and an Expires in the past delete a cookie")
    void deletion() {
        jar.store(AUTHORIZE, List.of("a=1; path=/", "b=2; path=/", "c=3; path=/"));

        jar.store(SELF_ASSERTED, List.of("a=; max-age=0; path=/", "b=; expires=Thu, 01-Jan-1970 00:00:00 GMT; path=/"));

        assertThat(jar.header(CONFIRMED)).contains("c=3");
    }

    @Test
    @DisplayName("a cookie with Max-Age or Expires lives until then on the jar's clock; Max-Age wins over Expires")
    void expiry() {
        jar.store(AUTHORIZE, List.of("short=1; max-age=60; path=/",
                "dated=2; expires=Tue, 01 Dec 2026 10:30:00 GMT; path=/",
                "both=3; max-age=7200; expires=Tue, 01 Dec 2026 10:05:00 GMT; path=/",
                "session=4; path=/"));

        clock.advance(Duration.ofSeconds(61));
        assertThat(jar.namesFor(CONFIRMED)).containsExactly("dated", "both", "session");
        clock.advance(Duration.ofMinutes(30));
        assertThat(jar.namesFor(CONFIRMED)).containsExactly("both", "session");
    }

    @Test
    @DisplayName("a cookie goes only to its path and below it, and a longer path is sent first")
    void pathScoping() {
        jar.store(AUTHORIZE, List.of("root=r; path=/", "tenant=t; path=/klanten.onmicrosoft.com",
                "other=o; path=/klanten.onmicrosoft.com/other-policy", "prefix=p; path=/klant"));

        assertThat(jar.namesFor(CONFIRMED)).containsExactly("tenant", "root");
        assertThat(jar.namesFor(URI.create("https://login.fluvius.be/"))).containsExactly("root");
    }

    @Test
    @DisplayName("without a Path the cookie's path is the directory of the URL that set it")
    void defaultPath() {
        jar.store(SELF_ASSERTED, List.of("nopath=1"));

        assertThat(jar.namesFor(CONFIRMED)).containsExactly("nopath");
        assertThat(jar.namesFor(URI.create("https://login.fluvius.be/klanten.onmicrosoft.com/x"))).isEmpty();
    }

    @Test
    @DisplayName("a host-only cookie goes to its host alone; a Domain cookie to that domain and its subdomains")
    void domains() {
        jar.store(AUTHORIZE, List.of("hostonly=1; path=/", "shared=2; domain=.fluvius.be; path=/"));

        assertThat(jar.namesFor(URI.create("https://mijn.fluvius.be/api"))).containsExactly("shared");
        assertThat(jar.namesFor(URI.create("https://login.fluvius.be/x"))).containsExactly("hostonly", "shared");
        assertThat(jar.namesFor(URI.create("https://fluvius.be.example.com/x"))).isEmpty();
    }

    @Test
    @DisplayName("refuses a Domain the setting host does not belong to")
    void foreignDomain() {
        assertThat(jar.store(AUTHORIZE, List.of("evil=1; domain=example.com; path=/"))).isEmpty();
        assertThat(jar.header(URI.create("https://example.com/"))).isEmpty();
    }

    @Test
    @DisplayName("sends Secure cookies over https only, and takes none from plain http")
    void secureOnlyOverHttps() {
        jar.store(AUTHORIZE, List.of("s=1; secure; path=/", "p=2; path=/"));

        assertThat(jar.namesFor(URI.create("http://login.fluvius.be/x"))).containsExactly("p");
        assertThat(new CookieJar(clock).store(URI.create("http://127.0.0.1:8089/x"), List.of("s=1; secure")))
                .isEmpty();
    }

    @Test
    @DisplayName("a loopback simulator's cookies, with or without Domain=127.0.0.1, go back to it")
    void loopback() {
        URI sim = URI.create("http://127.0.0.1:8089/klanten.onmicrosoft.com/B2C_1A_customer_signup_signin/SelfAsserted");
        jar.store(sim, List.of("a=1; path=/", "b=2; domain=127.0.0.1; path=/"));

        assertThat(jar.namesFor(URI.create("http://127.0.0.1:8089/x"))).containsExactly("a", "b");
        assertThat(jar.namesFor(URI.create("http://127.0.0.2:8089/x"))).isEmpty();
    }

    @Test
    @DisplayName("ignores a header without '=' or with an empty name, as RFC 6265 does")
    void ignoresNameless() {
        assertThat(jar.store(AUTHORIZE, List.of("novalue", "=orphan", "  ; path=/"))).isEmpty();
        assertThat(jar.header(CONFIRMED)).isEqualTo(Optional.empty());
    }

    @Test
    @DisplayName("two jars never share a cookie")
    void perSignIn() {
        jar.store(AUTHORIZE, List.of(SSO + "=mine; path=/"));

        assertThat(new CookieJar(clock).header(CONFIRMED)).isEmpty();
    }

    private static final class MutableClock extends Clock {
        private Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
