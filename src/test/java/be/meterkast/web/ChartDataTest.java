package be.meterkast.web;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ChartDataTest {
    @Test
    @DisplayName("stacked series keep each register's own figures (charts.js sums them), injection is marked to go below the axis")
    void stackedSeriesKeepTheirFigures() {
        JsonObject json = new JsonObject(ChartData.bars("kWh").daily().stacked().x(List.of(1L, 2L))
                .series("night", "#111", "offtake", List.of(new BigDecimal("1.500"), new BigDecimal("2.000")))
                .series("day", "#222", "offtake", List.of(new BigDecimal("0.500"), BigDecimal.ZERO))
                .seriesBelow("injection", "#333", "injection", Arrays.asList(new BigDecimal("3.250"), null))
                .encode());

        var series = json.getJsonArray("series");
        assertThat(json.getBoolean("stacked")).isTrue();
        assertThat(series.getJsonObject(0).getJsonArray("values").getList()).containsExactly(1.5, 2.0);
        assertThat(series.getJsonObject(0).getString("stack")).isEqualTo("offtake");
        assertThat(series.getJsonObject(0).containsKey("below")).isFalse();
        assertThat(series.getJsonObject(2).getJsonArray("values").getList()).containsExactly(3.25, null);
        assertThat(series.getJsonObject(2).getBoolean("below")).isTrue();
    }

    @Test
    @DisplayName("labels that people typed cannot close the script element the chart's JSON sits in")
    void safeInsideAScriptElement() {
        String encoded = ChartData.lines("kWh").x(List.of(1L)).series("</script><b>&", "#000", List.of(1)).encode();

        assertThat(encoded).doesNotContain("<", ">", "&");
        assertThat(new JsonObject(encoded).getJsonArray("series").getJsonObject(0).getString("label")).isEqualTo("</script><b>&");
    }
}
