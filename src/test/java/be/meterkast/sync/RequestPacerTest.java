package be.meterkast.sync;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(VertxExtension.class)
class RequestPacerTest {

    @Test
    @DisplayName("permits of one account are spaced: five at 10 per second take at least 400 ms")
    void spacesOneAccount(Vertx vertx) {
        RequestPacer pacer = new RequestPacer(vertx, Duration.ofMillis(100));
        long start = System.nanoTime();

        List<Future<Void>> permits = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            permits.add(pacer.permit(1));
        }
        Future.all(permits).await();

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(400));
    }

    @Test
    @DisplayName("the first permit of each account is granted at once: accounts do not wait for each other")
    void accountsIndependent(Vertx vertx) {
        RequestPacer pacer = new RequestPacer(vertx, Duration.ofHours(1));

        assertThat(pacer.permit(1).isComplete()).isTrue();
        assertThat(pacer.permit(2).isComplete()).isTrue();
        assertThat(pacer.permit(1).isComplete()).isFalse();
    }
}
