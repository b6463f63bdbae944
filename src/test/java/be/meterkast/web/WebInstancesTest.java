package be.meterkast.web;

import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.ext.web.client.WebClientSession;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two portal verticles on one port: Vert.x hands each new connection to the next one in turn, so a browser
 * whose every request opens a connection meets both. Whatever one of them issued (the session cookie, the
 * CSRF token) the other accepts, because the secrets and services behind them are shared.
 */
class WebInstancesTest extends PortalTestBase {
    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

    @Override
    protected Map<String, String> settings() {
        return Map.of("METERKAST_WEB_INSTANCES", "2");
    }

    @Test
    @DisplayName("with two web instances, a session signed in on one connection is signed in on every new one, and a "
            + "form's CSRF token from one instance is accepted by the other")
    void sessionsAndFormsAcrossInstances() {
        Browser admin = setUpAdmin();
        // No keep-alive: every request below is a connection of its own, alternating between the two verticles
        WebClientSession fresh = WebClientSession.create(WebClient.create(vertx,
                new WebClientOptions().setFollowRedirects(false).setKeepAlive(false)), admin.client().cookieStore());
        String base = "http://127.0.0.1:" + server.port();

        String token = null;
        for (int i = 0; i < 4; i++) {
            HttpResponse<Buffer> page = fresh.getAbs(base + "/account").send().await();
            assertThat(page.statusCode()).as("request %d", i).isEqualTo(200);
            Matcher m = CSRF.matcher(page.bodyAsString());
            assertThat(m.find()).isTrue();
            token = m.group(1);
        }
        for (int i = 0; i < 2; i++) {
            HttpResponse<Buffer> changed = fresh.postAbs(base + "/account/language")
                    .sendForm(MultiMap.caseInsensitiveMultiMap().add("_csrf", token).add("language", "nl")).await();
            assertThat(changed.statusCode()).as("post %d: %s", i, changed.bodyAsString()).isEqualTo(302);
        }
        assertThat(fresh.getAbs(base + "/account").send().await().bodyAsString()).contains("lang=\"nl");
    }
}
