package be.meterkast.store;

import be.meterkast.domain.Direction;
import be.meterkast.domain.Reading;
import be.meterkast.domain.Tariff;
import be.meterkast.domain.Unit;
import io.vertx.junit5.VertxTestContext;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ReadingRepositoryTest extends DatabaseTestBase {
    private static final Instant JAN_1 = Instant.parse("2024-12-31T23:00:00Z");
    private static final Duration QUARTER = Duration.ofMinutes(15);

    private ReadingRepository readings;

    @BeforeEach
    void repository() {
        readings = new ReadingRepository(pool);
    }

    @Test
    @DisplayName("Upserting the same readings twice leaves one row per reading")
    void upsertIsIdempotent(VertxTestContext context) {
        List<Reading> day = quarterHours(JAN_1, 96, "0.125");
        seed.household().compose(owned -> seed.meter(owned.household().id()))
                .compose(meter -> readings.upsert(meter.id(), day)
                        .compose(first -> readings.upsert(meter.id(), day).map(second -> {
                            assertThat(first).as("rows written by the first upsert").isEqualTo(96);
                            assertThat(second).as("rows written by the repeat").isZero();
                            return second;
                        }))
                        .compose(second -> readings.count(meter.id())))
                .onComplete(context.succeeding(count -> context.verify(() -> {
                    assertThat(count).isEqualTo(96L);
                    context.completeNow();
                })));
    }

    @Test
    @DisplayName("A corrected value replaces the stored one, and an estimate becomes validated")
    void correctionReplaces(VertxTestContext context) {
        Reading estimated = new Reading(JAN_1, JAN_1.plus(QUARTER), Tariff.NIGHT, Direction.OFFTAKE, Unit.KWH,
                new BigDecimal("0.2500"), true);
        Reading corrected = new Reading(JAN_1, JAN_1.plus(QUARTER), Tariff.NIGHT, Direction.OFFTAKE, Unit.KWH,
                new BigDecimal("0.3125"), false);
        seed.household().compose(owned -> seed.meter(owned.household().id()))
                .compose(meter -> readings.upsert(meter.id(), List.of(estimated))
                        .compose(first -> readings.upsert(meter.id(), List.of(corrected)))
                        .compose(second -> readings.readings(meter.id(), JAN_1, JAN_1.plus(Duration.ofDays(1)))))
                .onComplete(context.succeeding(stored -> context.verify(() -> {
                    assertThat(stored).containsExactly(corrected);
                    context.completeNow();
                })));
    }

    @Test
    @DisplayName("Readings differing only in tariff, direction or unit are separate rows")
    void keyIncludesTariffDirectionUnit(VertxTestContext context) {
        Instant end = JAN_1.plus(QUARTER);
        List<Reading> four = List.of(
                new Reading(JAN_1, end, Tariff.DAY, Direction.OFFTAKE, Unit.KWH, BigDecimal.ONE, false),
                new Reading(JAN_1, end, Tariff.NIGHT, Direction.OFFTAKE, Unit.KWH, BigDecimal.ONE, false),
                new Reading(JAN_1, end, Tariff.DAY, Direction.INJECTION, Unit.KWH, BigDecimal.ONE, false),
                new Reading(JAN_1, end, Tariff.DAY, Direction.OFFTAKE, Unit.M3, BigDecimal.ONE, false));
        seed.household().compose(owned -> seed.meter(owned.household().id()))
                .compose(meter -> readings.upsert(meter.id(), four).compose(written -> readings.count(meter.id())))
                .onComplete(context.succeeding(count -> context.verify(() -> {
                    assertThat(count).isEqualTo(4L);
                    context.completeNow();
                })));
    }

    @Test
    @DisplayName("Within one upsert the last of two readings with the same key wins")
    void lastOfEqualKeysWins(VertxTestContext context) {
        Reading first = new Reading(JAN_1, JAN_1.plus(QUARTER), Tariff.DAY, Direction.OFFTAKE, Unit.KWH, new BigDecimal("1.0000"), true);
        Reading last = new Reading(JAN_1, JAN_1.plus(QUARTER), Tariff.DAY, Direction.OFFTAKE, Unit.KWH, new BigDecimal("2.0000"), false);
        seed.household().compose(owned -> seed.meter(owned.household().id()))
                .compose(meter -> readings.upsert(meter.id(), List.of(first, last))
                        .compose(written -> readings.readings(meter.id(), JAN_1, JAN_1.plus(QUARTER))))
                .onComplete(context.succeeding(stored -> context.verify(() -> {
                    assertThat(stored).containsExactly(last);
                    context.completeNow();
                })));
    }

    @Test
    @DisplayName("readings returns the periods starting in [from, to), in time order")
    void readingsInRange(VertxTestContext context) {
        List<Reading> day = quarterHours(JAN_1, 96, "0.1");
        Instant from = JAN_1.plus(QUARTER.multipliedBy(10));
        Instant to = JAN_1.plus(QUARTER.multipliedBy(14));
        seed.household().compose(owned -> seed.meter(owned.household().id()))
                .compose(meter -> readings.upsert(meter.id(), day).compose(written -> readings.readings(meter.id(), from, to)))
                .onComplete(context.succeeding(stored -> context.verify(() -> {
                    assertThat(stored).containsExactlyElementsOf(day.subList(10, 14));
                    context.completeNow();
                })));
    }

    @Test
    @Tag("slow")
    @DisplayName("35 000 readings are stored in one statement (time printed, not asserted)")
    void bulkUpsert(VertxTestContext context) {
        List<Reading> year = quarterHours(JAN_1, 35_000, "0.0625");
        long[] started = new long[1];
        seed.household().compose(owned -> seed.meter(owned.household().id()))
                .compose(meter -> {
                    started[0] = System.nanoTime();
                    return readings.upsert(meter.id(), year)
                            .map(written -> {
                                System.out.println("ReadingRepository: upsert of " + year.size() + " new readings took "
                                        + (System.nanoTime() - started[0]) / 1_000_000 + " ms");
                                return written;
                            })
                            .compose(written -> {
                                started[0] = System.nanoTime();
                                return readings.upsert(meter.id(), year);
                            })
                            .map(rewritten -> {
                                System.out.println("ReadingRepository: repeat upsert of " + year.size()
                                        + " unchanged readings took " + (System.nanoTime() - started[0]) / 1_000_000 + " ms");
                                return rewritten;
                            })
                            .compose(rewritten -> readings.count(meter.id()));
                })
                .onComplete(context.succeeding(count -> context.verify(() -> {
                    assertThat(count).isEqualTo(35_000L);
                    context.completeNow();
                })));
    }

    @Test
    @DisplayName("lastPeriodEnd is the end of the latest stored period, empty without readings")
    void lastPeriodEnd(VertxTestContext context) {
        seed.household().compose(owned -> seed.meter(owned.household().id()))
                .compose(meter -> readings.lastPeriodEnd(meter.id())
                        .compose(none -> {
                            assertThat(none).isEmpty();
                            return readings.upsert(meter.id(), quarterHours(JAN_1, 4, "1"));
                        })
                        .compose(written -> readings.lastPeriodEnd(meter.id())))
                .onComplete(context.succeeding(last -> context.verify(() -> {
                    assertThat(last).contains(JAN_1.plus(QUARTER.multipliedBy(4)));
                    context.completeNow();
                })));
    }

    /** {@code count} consecutive quarter-hour day-tariff offtake readings. */
    private static List<Reading> quarterHours(Instant start, int count, String value) {
        List<Reading> result = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            Instant from = start.plus(QUARTER.multipliedBy(i));
            result.add(new Reading(from, from.plus(QUARTER), Tariff.DAY, Direction.OFFTAKE, Unit.KWH,
                    new BigDecimal(value).setScale(4), i % 7 == 0));
        }
        return result;
    }
}
