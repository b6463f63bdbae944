package be.meterkast.fluvius.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Simulator clock")
class SimClockTest {
    private static final Instant NOW = Instant.parse("2025-11-30T10:00:00Z");

    @Test
    @DisplayName("a fixed clock stands still until advanced or set")
    void fixedClock() {
        SimClock clock = SimClock.fixed(NOW);

        assertThat(clock.instant()).isEqualTo(NOW);
        assertThat(clock.advance(Duration.ofHours(2)).instant()).isEqualTo(NOW.plusSeconds(7200));
        assertThat(clock.set(NOW.minusSeconds(60)).instant()).isEqualTo(NOW.minusSeconds(60));
    }

    @Test
    @DisplayName("a system clock can be shifted and keeps ticking")
    void systemClock() {
        SimClock clock = SimClock.system().set(NOW);

        assertThat(Duration.between(NOW, clock.instant())).isBetween(Duration.ZERO, Duration.ofMinutes(1));
    }

    @Test
    @DisplayName("the clock's zone is Brussels and a view in another zone follows its instant")
    void zone() {
        SimClock clock = SimClock.fixed(Instant.parse("2025-11-30T23:30:00Z"));

        assertThat(clock.getZone()).isEqualTo(SimClock.BRUSSELS);
        assertThat(clock.today()).isEqualTo(LocalDate.of(2025, 12, 1));
        var utc = clock.withZone(ZoneOffset.UTC);
        clock.advance(Duration.ofMinutes(1));
        assertThat(utc.instant()).isEqualTo(clock.instant());
    }
}
