package be.meterkast.store;

import be.meterkast.domain.MeterKind;
import be.meterkast.domain.MeterRef;
import be.meterkast.domain.Unit;
import io.vertx.junit5.VertxTestContext;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class MeterRepositoryTest extends DatabaseTestBase {
    private MeterRepository meters;

    @BeforeEach
    void repository() {
        meters = new MeterRepository(pool);
    }

    @Test
    @DisplayName("A second meter with the same EAN in one household fails with DuplicateMeter")
    void duplicateMeter(VertxTestContext context) {
        String ean = Seed.ean(Seed.unique());
        seed.household()
                .compose(owned -> meters.create(owned.household().id(), Optional.empty(), new MeterRef(ean, "A"),
                                MeterKind.ELECTRICITY, "Elektriciteit", Optional.empty())
                        .compose(first -> meters.create(owned.household().id(), Optional.empty(), new MeterRef(ean, "B"),
                                MeterKind.ELECTRICITY, "Again", Optional.empty())))
                .onComplete(context.failing(failure -> context.verify(() -> {
                    assertThat(failure).isInstanceOf(DuplicateMeter.class);
                    assertThat(((DuplicateMeter) failure).ean()).isEqualTo(ean);
                    context.completeNow();
                })));
    }

    @Test
    @DisplayName("The same EAN may exist in two households")
    void sameEanOtherHousehold(VertxTestContext context) {
        String ean = Seed.ean(Seed.unique());
        seed.household()
                .compose(first -> meters.create(first.household().id(), Optional.empty(), new MeterRef(ean, "A"),
                        MeterKind.ELECTRICITY, "Here", Optional.empty()))
                .compose(meter -> seed.household())
                .compose(second -> meters.create(second.household().id(), Optional.empty(), new MeterRef(ean, "A"),
                        MeterKind.ELECTRICITY, "There", Optional.empty()))
                .onComplete(context.succeeding(meter -> context.verify(() -> {
                    assertThat(meter.ean()).isEqualTo(ean);
                    context.completeNow();
                })));
    }

    @Test
    @DisplayName("findForUser finds nothing for a user outside the meter's household")
    void findForUserIsolation(VertxTestContext context) {
        seed.household()
                .compose(owned -> seed.meter(owned.household().id()))
                .compose(meter -> seed.user().compose(outsider -> meters.findForUser(outsider.id(), meter.id())))
                .onComplete(context.succeeding(found -> context.verify(() -> {
                    assertThat(found).isEmpty();
                    context.completeNow();
                })));
    }

    @Test
    @DisplayName("listForUser lists the meters of all the user's households and no others")
    void listForUserAcrossHouseholds(VertxTestContext context) {
        seed.household().compose(mine -> seed.meter(mine.household().id())
                        .compose(first -> seed.household()
                                .compose(other -> seed.meter(other.household().id()))
                                .compose(foreign -> seed.households.create("Second home", mine.owner().id()))
                                .compose(second -> seed.meter(second.id()))
                                .compose(secondMeter -> meters.listForUser(mine.owner().id())
                                        .map(listed -> new Listed(listed, List.of(first.id(), secondMeter.id()))))))
                .onComplete(context.succeeding(result -> context.verify(() -> {
                    assertThat(result.listed()).extracting(Meter::id).containsExactlyInAnyOrderElementsOf(result.expectedIds());
                    context.completeNow();
                })));
    }

    private record Listed(List<Meter> listed, List<Long> expectedIds) {
    }

    @Test
    @DisplayName("A gas meter keeps its unit and kind")
    void gasMeter(VertxTestContext context) {
        seed.household()
                .compose(owned -> meters.create(owned.household().id(), Optional.empty(),
                        new MeterRef(Seed.ean(Seed.unique()), "G1"), MeterKind.GAS, "Gas", Optional.of(Unit.M3)))
                .compose(meter -> meters.findById(meter.id()))
                .onComplete(context.succeeding(found -> context.verify(() -> {
                    assertThat(found.orElseThrow().kind()).isEqualTo(MeterKind.GAS);
                    assertThat(found.orElseThrow().gasUnit()).contains(Unit.M3);
                    context.completeNow();
                })));
    }

    @Test
    @DisplayName("A meter cannot be tied to a Fluvius account of another household")
    void accountOfOtherHouseholdRefused(VertxTestContext context) {
        FluviusAccountRepository accounts = new FluviusAccountRepository(pool, SecretBox.withNewKey());
        seed.household()
                .compose(other -> accounts.create(other.household().id(), "ander@example.be", "pw"))
                .compose(foreignAccount -> seed.household().compose(mine -> meters.create(mine.household().id(),
                        Optional.of(foreignAccount.id()), new MeterRef(Seed.ean(Seed.unique()), "X"),
                        MeterKind.ELECTRICITY, "Stolen", Optional.empty())))
                .onComplete(context.failing(failure -> context.verify(() -> {
                    assertThat(failure).isInstanceOf(IllegalArgumentException.class);
                    context.completeNow();
                })));
    }

    @Test
    @DisplayName("listForAccount lists the meters tied to that account")
    void listForAccount(VertxTestContext context) {
        FluviusAccountRepository accounts = new FluviusAccountRepository(pool, SecretBox.withNewKey());
        seed.household()
                .compose(owned -> accounts.create(owned.household().id(), "gezin@example.be", "pw")
                        .compose(account -> meters.create(owned.household().id(), Optional.of(account.id()),
                                        new MeterRef(Seed.ean(Seed.unique()), "S"), MeterKind.ELECTRICITY, "E", Optional.empty())
                                .compose(meter -> meters.listForAccount(account.id())
                                        .map(listed -> listed.stream().map(Meter::id).toList().equals(List.of(meter.id()))))))
                .onComplete(context.succeeding(matches -> context.verify(() -> {
                    assertThat(matches).isTrue();
                    context.completeNow();
                })));
    }
}
