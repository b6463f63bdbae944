package be.meterkast.web;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("METERKAST_PAGE_CACHE=off: every request renders; ETags and 304 stay")
class PageCacheOffTest extends PortalTestBase {
    private Roles roles;

    @Override
    protected Map<String, String> settings() {
        return Map.of("METERKAST_PAGE_CACHE", "off");
    }

    @BeforeEach
    void roles() {
        roles = new Roles(this);
        List.of(roles.admin, roles.member, roles.stranger).forEach(b -> b.get("/account"));
    }

    @Test
    @DisplayName("a repeat is rendered again: a label changed behind the versions' back shows at once")
    void rendersEveryRequest() {
        String page = "/meters/" + roles.meter + "?days=7";
        assertThat(roles.admin.get(page).bodyAsString()).doesNotContain("Onveranderd");
        sql("SET session_replication_role = replica; UPDATE meters SET label = 'Onveranderd' WHERE id = " + roles.meter
                + "; SET session_replication_role = origin");

        assertThat(roles.admin.get(page).bodyAsString()).contains("Onveranderd");
    }

    @Test
    @DisplayName("the ETag still answers 304")
    void notModifiedStill() {
        String page = "/meters/" + roles.meter + "?days=7";
        String etag = roles.admin.get(page).getHeader("ETag");
        var again = roles.admin.client().getAbs("http://127.0.0.1:" + server.port() + page)
                .putHeader("If-None-Match", etag).send().await();
        assertThat(again.statusCode()).isEqualTo(304);
    }
}
