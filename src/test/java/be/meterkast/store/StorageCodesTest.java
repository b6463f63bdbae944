package be.meterkast.store;

import be.meterkast.domain.Direction;
import be.meterkast.domain.MeterKind;
import be.meterkast.domain.MeterRef;
import be.meterkast.domain.Reading;
import be.meterkast.domain.Tariff;
import be.meterkast.domain.Unit;
import io.vertx.junit5.VertxTestContext;
import io.vertx.sqlclient.Tuple;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** The codes existing databases hold, read back as raw columns: changing one would misread every stored row. */
class StorageCodesTest extends DatabaseTestBase {
    private static final Instant START = Instant.parse("2025-06-30T22:00:00Z");
    private static final Instant END = Instant.parse("2025-07-01T22:00:00Z");

    @Test
    @DisplayName("readings store tariff single 0, day 1, night 2; direction offtake 1, injection 2; unit kWh 3, m³ 5")
    void readingCodes(VertxTestContext context) {
        List<Reading> readings = List.of(
                new Reading(START, END, Tariff.SINGLE, Direction.OFFTAKE, Unit.M3, BigDecimal.ONE, false),
                new Reading(START, END, Tariff.DAY, Direction.OFFTAKE, Unit.KWH, BigDecimal.ONE, false),
                new Reading(START, END, Tariff.NIGHT, Direction.INJECTION, Unit.KWH, BigDecimal.ONE, false));
        seed.household().compose(owned -> seed.meter(owned.household().id()))
                .compose(meter -> new ReadingRepository(pool).upsert(meter.id(), readings)
                        .compose(written -> pool.preparedQuery("""
                                SELECT tariff || '/' || direction || '/' || unit AS codes FROM readings
                                WHERE meter_id = $1 ORDER BY tariff""").execute(Tuple.of(meter.id()))))
                .onComplete(context.succeeding(rows -> context.verify(() -> {
                    assertThat(rows).extracting(row -> row.getString("codes")).containsExactly("0/1/5", "1/1/3", "2/2/3");
                    context.completeNow();
                })));
    }

    @Test
    @DisplayName("meters store kind ELECTRICITY or GAS, and a gas meter's unit as M3 or KWH")
    void meterCodes(VertxTestContext context) {
        MeterRepository meters = new MeterRepository(pool);
        seed.household().compose(owned -> meters.create(owned.household().id(), Optional.empty(),
                        new MeterRef(Seed.ean(Seed.unique()), "1SAG1100042062"), MeterKind.GAS, "Gas", Optional.of(Unit.M3))
                .compose(gas -> meters.create(owned.household().id(), Optional.empty(),
                        new MeterRef(Seed.ean(Seed.unique()), "1SAG1100042063"), MeterKind.GAS, "Gas kWh",
                        Optional.of(Unit.KWH)))
                .compose(gas -> seed.meter(owned.household().id()))
                .compose(electricity -> pool.preparedQuery("""
                        SELECT kind, gas_unit FROM meters WHERE household_id = $1 ORDER BY id""")
                        .execute(Tuple.of(owned.household().id()))))
                .onComplete(context.succeeding(rows -> context.verify(() -> {
                    assertThat(rows).extracting(row -> row.getString("kind") + "/" + row.getString("gas_unit"))
                            .containsExactly("GAS/M3", "GAS/KWH", "ELECTRICITY/null");
                    context.completeNow();
                })));
    }

    @Test
    @DisplayName("stored codes read back as the domain values they were written from")
    void roundTrip(VertxTestContext context) {
        List<Reading> readings = List.of(
                new Reading(START, END, Tariff.SINGLE, Direction.OFFTAKE, Unit.M3, new BigDecimal("5.0830"), false),
                new Reading(START, END, Tariff.DAY, Direction.INJECTION, Unit.KWH, new BigDecimal("12.4210"), true));
        ReadingRepository repository = new ReadingRepository(pool);
        seed.household().compose(owned -> seed.meter(owned.household().id()))
                .compose(meter -> repository.upsert(meter.id(), readings)
                        .compose(written -> repository.readings(meter.id(), START, END)))
                .onComplete(context.succeeding(stored -> context.verify(() -> {
                    assertThat(stored).containsExactlyInAnyOrderElementsOf(readings);
                    context.completeNow();
                })));
    }
}
