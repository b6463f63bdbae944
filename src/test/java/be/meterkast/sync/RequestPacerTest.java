package be.meterkast.sync;

import be.meterkast.store.AccountSyncRepository;
import io.vertx.core.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The per-account pace, kept in PostgreSQL so that every instance on the database keeps to one pace. */
class RequestPacerTest extends SyncTestBase {
    private AccountSyncRepository shared;
    private long account;
    private long otherAccount;

    @BeforeEach
    void accounts() {
        shared = new AccountSyncRepository(database.pool());
        long household = household();
        account = accounts.create(household, "a@example.com", "pw").await().id();
        otherAccount = accounts.create(household, "b@example.com", "pw").await().id();
    }

    private RequestPacer pacer(Duration spacing, String instance) {
        return new RequestPacer(vertx, shared, spacing, new SyncInstance(instance));
    }

    @Test
    @DisplayName("permits of one account are spaced: five at 10 per second take at least 400 ms")
    void spacesOneAccount() {
        RequestPacer pacer = pacer(Duration.ofMillis(100), "one");
        long start = System.nanoTime();

        List<Future<Void>> permits = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            permits.add(pacer.permit(account));
        }
        Future.all(permits).await();

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(400));
    }

    @Test
    @DisplayName("two instances share an account's pace: five permits taken in turn take at least 400 ms")
    void sharedByInstances() {
        RequestPacer first = pacer(Duration.ofMillis(100), "first");
        RequestPacer second = pacer(Duration.ofMillis(100), "second");
        long start = System.nanoTime();

        List<Future<Void>> permits = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            permits.add((i % 2 == 0 ? first : second).permit(account));
        }
        Future.all(permits).await();

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(400));
    }

    @Test
    @DisplayName("the first permit of each account is granted at once: accounts do not wait for each other")
    void accountsIndependent() throws Exception {
        RequestPacer pacer = pacer(Duration.ofHours(1), "one");

        pacer.permit(account).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        pacer.permit(otherAccount).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);

        assertThat(shared.nextRequest(account, Duration.ofHours(1)).await().delay())
                .as("the account's next request waits its turn").isGreaterThan(Duration.ofMinutes(59));
    }

    @Test
    @DisplayName("a request of an account another instance has taken over is not sent")
    void fencedByTheClaim() {
        shared.claim(account, "other", 1, NOW, NOW.plus(DueWork.LEASE)).await();

        assertThatThrownBy(() -> pacer(Duration.ofMillis(1), "one").permit(account).await())
                .isInstanceOf(AccountGate.ClaimLost.class).hasMessageContaining("other");
        pacer(Duration.ofMillis(1), "other").permit(account).await();
    }
}
