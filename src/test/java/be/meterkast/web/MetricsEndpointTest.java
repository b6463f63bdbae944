package be.meterkast.web;

import be.meterkast.ops.Monitoring;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class MetricsEndpointTest extends PortalTestBase {

    @Override
    protected Monitoring monitoring() {
        return Monitoring.prometheus();
    }

    @Test
    @DisplayName("/metrics serves Prometheus text with Vert.x HTTP server, pool and JVM meters, without login")
    void vertxMeters() {
        Browser b = browser();
        b.get("/login");
        b.get("/login");
        var r = b.get("/metrics");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.getHeader("Content-Type")).startsWith("text/plain");
        String text = r.bodyAsString();
        assertThat(text).contains("vertx_http_server_requests_total{");
        assertThat(text).containsPattern("vertx_http_server_requests_total\\{[^}]*route=\"[^\"]*\"[^}]*\\} ");
        assertThat(text).contains("vertx_pool_");
        assertThat(text).contains("jvm_memory_used_bytes");
    }

    @Test
    @DisplayName("/metrics shows Fluvius requests by outcome, sign-ins, token cache hits and the sync lag per meter")
    void portalMeters() {
        sql("INSERT INTO households (id, name) VALUES (7, 'Thuis')");
        sql("INSERT INTO meters (id, household_id, ean, serial, kind, label) VALUES "
                + "(41, 7, '541448820000000015', 'S1', 'ELECTRICITY', 'Zon'), "
                + "(42, 7, '541448820000000022', 'S2', 'ELECTRICITY', 'Auto')");
        sql("INSERT INTO meter_sync (meter_id, last_success_at) VALUES (41, now() - interval '2 hours')");
        server.meters().orElseThrow().refresh().await();

        String text = browser().get("/metrics").bodyAsString();
        assertThat(text).contains("meterkast_fluvius_requests_total{outcome=\"ok\"} 0.0");
        assertThat(text).contains("meterkast_fluvius_requests_total{outcome=\"unavailable\"}");
        assertThat(text).contains("meterkast_fluvius_sign_ins_total 0.0");
        assertThat(text).contains("meterkast_fluvius_token_cache_hits_total 0.0");
        assertThat(text).containsPattern("meterkast_sync_lag_seconds\\{meter=\"41\"} 72\\d\\d\\.\\d+");
        assertThat(text).doesNotContain("meterkast_sync_lag_seconds{meter=\"42\"}");
    }
}
