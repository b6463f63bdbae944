package be.meterkast.web;

import io.vertx.core.MultiMap;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** A portal people open at an https address (METERKAST_PUBLIC_URL), reached here over plain http as a proxy would. */
class BehindHttpsTest extends PortalTestBase {
    @Override
    protected Map<String, String> settings() {
        return Map.of("METERKAST_PUBLIC_URL", "https://meterkast.example.be");
    }

    @Test
    @DisplayName("every cookie the portal sets is Secure behind https, the one-time message (flash) included")
    void everyCookieSecure() {
        // a browser over https would send the Secure cookies back; this client does so by hand
        WebClient client = WebClient.create(vertx, new WebClientOptions().setFollowRedirects(false));
        var form = client.get(server.port(), "127.0.0.1", "/setup").send().await();
        Matcher csrf = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(form.bodyAsString());
        assertThat(csrf.find()).isTrue();
        String cookies = form.cookies().stream().map(c -> c.substring(0, c.indexOf(';'))).collect(Collectors.joining("; "));

        var setUp = client.post(server.port(), "127.0.0.1", "/setup").putHeader("Cookie", cookies)
                .sendForm(MultiMap.caseInsensitiveMultiMap().add("_csrf", csrf.group(1)).add("username", "admin")
                        .add("displayName", "Admin").add("password", "correct horse").add("confirm", "correct horse")
                        .add("household", "Thuis")).await();

        assertThat(setUp.statusCode()).as(setUp.bodyAsString()).isEqualTo(302);
        List<String> set = setUp.cookies();
        assertThat(set).anyMatch(c -> c.startsWith(Page.FLASH_COOKIE + "="));
        assertThat(set).allSatisfy(c -> assertThat(c).as(c).containsIgnoringCase("; Secure"));
    }
}
