package be.meterkast.app.costs;

import be.meterkast.domain.DayAheadPrice;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PriceFileTest {

    @Test
    @DisplayName("quarter-hourly prices with offsets: each lasts until the next, the last as long as the one before")
    void quarterHoursWithOffsets() {
        List<DayAheadPrice> prices = read("start;price", "2025-10-01T00:00:00+02:00;85.12", "2025-10-01T00:15:00+02:00;-3,5",
                "2025-09-30T22:30:00Z;0");

        assertThat(prices).containsExactly(
                new DayAheadPrice(Instant.parse("2025-09-30T22:00:00Z"), Instant.parse("2025-09-30T22:15:00Z"), new java.math.BigDecimal("85.12")),
                new DayAheadPrice(Instant.parse("2025-09-30T22:15:00Z"), Instant.parse("2025-09-30T22:30:00Z"), new java.math.BigDecimal("-3.5")),
                new DayAheadPrice(Instant.parse("2025-09-30T22:30:00Z"), Instant.parse("2025-09-30T22:45:00Z"), new java.math.BigDecimal("0")));
    }

    @Test
    @DisplayName("hourly local times through the autumn night: 02:00 twice, first summer time then winter time; 25 prices")
    void autumnNightLocal() {
        String[] lines = new String[25];
        int i = 0;
        for (int hour = 0; hour < 24; hour++) {
            lines[i++] = "2025-10-26 %02d:00;%d".formatted(hour, hour);
            if (hour == 2) {
                lines[i++] = "2025-10-26 02:00;2.5";
            }
        }
        List<DayAheadPrice> prices = read(lines);

        assertThat(prices).hasSize(25);
        assertThat(prices.get(2).start()).isEqualTo(Instant.parse("2025-10-26T00:00:00Z"));
        assertThat(prices.get(3).start()).isEqualTo(Instant.parse("2025-10-26T01:00:00Z"));
        assertThat(prices.get(3).eurPerMwh()).isEqualByComparingTo("2.5");
        assertThat(prices.get(24).end()).isEqualTo(Instant.parse("2025-10-26T23:00:00Z"));
        assertThat(prices).allMatch(p -> Duration.between(p.start(), p.end()).equals(Duration.ofHours(1)));
    }

    @Test
    @DisplayName("hours then quarter-hours in one file (the market's change on 1 October 2025); a gap keeps the step before it")
    void hoursThenQuarters() {
        List<DayAheadPrice> prices = read("2025-09-30T21:00:00Z;10", "2025-09-30T22:00:00Z;20", "2025-09-30T22:15:00Z;30",
                "2025-09-30T23:00:00Z;40");

        assertThat(prices.get(0).end()).isEqualTo(Instant.parse("2025-09-30T22:00:00Z"));
        assertThat(prices.get(1).end()).isEqualTo(Instant.parse("2025-09-30T22:15:00Z"));
        assertThat(prices.get(2).end()).as("before a gap: as long as the one before").isEqualTo(Instant.parse("2025-09-30T22:30:00Z"));
        assertThat(prices.get(3).end()).isEqualTo(Instant.parse("2025-09-30T23:15:00Z"));
    }

    @Test
    @DisplayName("a wrong line refuses the file, naming the line and what is wrong")
    void refusals() {
        assertRefused(2, "costs.prices.error.dstGap", "2025-03-30 01:00;1", "2025-03-30 02:00;1");
        assertRefused(3, "costs.prices.error.order", "start;price", "2025-06-01T00:00:00Z;1", "2025-06-01T00:00:00Z;2");
        assertRefused(2, "costs.prices.error.price", "2025-06-01T00:00:00Z;1", "2025-06-01T00:15:00Z;cheap");
        assertRefused(1, "costs.prices.error.priceRange", "2025-06-01T00:00:00Z;20000");
        assertRefused(1, "costs.prices.error.start", "2025-06-01T25:00:00Z;1");
        assertRefused(2, "costs.prices.error.start", "start;price", "soon;1");
        assertRefused(1, "costs.prices.error.fields", "2025-06-01T00:00:00Z;1;2");
        assertRefused(1, "costs.prices.error.quarter", "2025-06-01T00:10:00Z;1");
        assertRefused(1, "costs.prices.error.range", "1999-06-01T00:00:00Z;1");
        assertRefused(2, "costs.prices.error.step", "2025-06-01T00:00:00Z;1", "2025-06-01T03:00:00Z;1");
        assertRefused(1, "costs.prices.error.hourStart", "2025-06-01T00:15:00Z;1", "2025-06-01T01:15:00Z;1");
        assertRefused(1, "costs.prices.error.empty", "start;price");
    }

    private static List<DayAheadPrice> read(String... lines) {
        PriceFile file = new PriceFile();
        for (String line : lines) {
            file.line(line);
        }
        return file.prices();
    }

    private static void assertRefused(int line, String key, String... lines) {
        assertThatThrownBy(() -> read(lines)).isInstanceOfSatisfying(PriceFile.Refused.class, refused -> {
            assertThat(refused.messageKey()).isEqualTo(key);
            assertThat(refused.line()).isEqualTo(line);
        });
    }
}
