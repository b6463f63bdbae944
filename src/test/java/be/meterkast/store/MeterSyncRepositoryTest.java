package be.meterkast.store;

import io.vertx.junit5.VertxTestContext;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class MeterSyncRepositoryTest extends DatabaseTestBase {
    private static final Instant NOW = Instant.parse("2025-03-01T12:00:00Z");

    private MeterSyncRepository syncs;

    @BeforeEach
    void repository() {
        syncs = new MeterSyncRepository(pool);
    }

    @Test
    @DisplayName("A meter that was never synced has the initial state and is due")
    void neverSyncedIsDue(VertxTestContext context) {
        seed.household().compose(owned -> seed.meter(owned.household().id()))
                .compose(meter -> syncs.get(meter.id()).compose(state -> {
                    assertThat(state).isEqualTo(MeterSync.initial(meter.id()));
                    return syncs.due(NOW);
                }).map(due -> due.stream().anyMatch(s -> s.meterId() == meter.id())))
                .onComplete(context.succeeding(isDue -> context.verify(() -> {
                    assertThat(isDue).isTrue();
                    context.completeNow();
                })));
    }

    @Test
    @DisplayName("After a success with a later next run, the meter is not due; the error is cleared")
    void successPostponesAndClearsError(VertxTestContext context) {
        seed.household().compose(owned -> seed.meter(owned.household().id()))
                .compose(meter -> syncs.recordError(meter.id(), "Fluvius unavailable", NOW.minusSeconds(60))
                        .compose(v -> syncs.recordSuccess(meter.id(), NOW, NOW.plusSeconds(3600)))
                        .compose(v -> syncs.due(NOW))
                        .compose(due -> {
                            assertThat(due).noneMatch(s -> s.meterId() == meter.id());
                            return syncs.get(meter.id());
                        }))
                .onComplete(context.succeeding(state -> context.verify(() -> {
                    assertThat(state.lastError()).isEmpty();
                    assertThat(state.lastSuccessAt()).contains(NOW);
                    assertThat(state.nextRunAt()).contains(NOW.plusSeconds(3600));
                    context.completeNow();
                })));
    }

    @Test
    @DisplayName("An error keeps the last success and makes the meter due at the retry time")
    void errorKeepsLastSuccess(VertxTestContext context) {
        seed.household().compose(owned -> seed.meter(owned.household().id()))
                .compose(meter -> syncs.recordSuccess(meter.id(), NOW.minusSeconds(7200), NOW.minusSeconds(3600))
                        .compose(v -> syncs.recordError(meter.id(), "timeout", NOW.plusSeconds(300)))
                        .compose(v -> syncs.due(NOW.plusSeconds(300)))
                        .compose(due -> {
                            assertThat(due).anyMatch(s -> s.meterId() == meter.id());
                            return syncs.get(meter.id());
                        }))
                .onComplete(context.succeeding(state -> context.verify(() -> {
                    assertThat(state.lastError()).contains("timeout");
                    assertThat(state.lastSuccessAt()).contains(NOW.minusSeconds(7200));
                    context.completeNow();
                })));
    }

    @Test
    @DisplayName("Backfill progress is saved and read back")
    void progressRoundTrip(VertxTestContext context) {
        LocalDate cursor = LocalDate.of(2024, 6, 1);
        LocalDate newest = LocalDate.of(2025, 11, 29);
        seed.household().compose(owned -> seed.meter(owned.household().id()))
                .compose(meter -> syncs.saveProgress(meter.id(), false, Optional.of(cursor), Optional.of(newest), 150, 365)
                        .compose(v -> syncs.get(meter.id())))
                .onComplete(context.succeeding(state -> context.verify(() -> {
                    assertThat(state.backfillCursor()).contains(cursor);
                    assertThat(state.backfillNewest()).contains(newest);
                    assertThat(state.backfillDone()).isFalse();
                    assertThat(state.progressDone()).isEqualTo(150);
                    assertThat(state.progressTotal()).isEqualTo(365);
                    context.completeNow();
                })));
    }
}
