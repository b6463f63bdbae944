package be.meterkast.store;

import be.meterkast.domain.MonthlyPeak;
import io.vertx.junit5.VertxTestContext;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.YearMonth;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class MonthlyPeakRepositoryTest extends DatabaseTestBase {
    private MonthlyPeakRepository peaks;

    @BeforeEach
    void repository() {
        peaks = new MonthlyPeakRepository(pool);
    }

    @Test
    @DisplayName("Peaks are listed in month order, and a recomputed month replaces the stored one")
    void upsertReplacesMonth(VertxTestContext context) {
        MonthlyPeak february = peak("2025-02", "3.250", "2025-02-03T17:00:00Z");
        MonthlyPeak januaryOld = peak("2025-01", "4.000", "2025-01-10T18:00:00Z");
        MonthlyPeak januaryNew = peak("2025-01", "5.125", "2025-01-20T07:45:00Z");
        seed.household().compose(owned -> seed.meter(owned.household().id()))
                .compose(meter -> peaks.upsert(meter.id(), List.of(february, januaryOld))
                        .compose(written -> peaks.upsert(meter.id(), List.of(januaryNew)))
                        .compose(written -> peaks.list(meter.id())))
                .onComplete(context.succeeding(stored -> context.verify(() -> {
                    assertThat(stored).containsExactly(januaryNew, february);
                    context.completeNow();
                })));
    }

    private static MonthlyPeak peak(String month, String kilowatts, String start) {
        Instant from = Instant.parse(start);
        return new MonthlyPeak(YearMonth.parse(month), new BigDecimal(kilowatts), from, from.plusSeconds(900));
    }
}
