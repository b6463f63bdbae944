package be.meterkast.store;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PasswordHasherTest {
    private final PasswordHasher hasher = new PasswordHasher();

    @Test
    @DisplayName("A hash verifies the password it was made from")
    void verifiesRightPassword() {
        String hash = hasher.hash("correct horse battery staple");

        assertThat(hash).startsWith("$argon2id$");
        assertThat(hasher.verify("correct horse battery staple", hash)).isTrue();
    }

    @Test
    @DisplayName("A hash does not verify another password")
    void rejectsWrongPassword() {
        String hash = hasher.hash("correct horse battery staple");

        assertThat(hasher.verify("correct horse battery stapler", hash)).isFalse();
    }

    @Test
    @DisplayName("The same password hashes differently each time (random salt)")
    void saltedHashesDiffer() {
        assertThat(hasher.hash("wachtwoord")).isNotEqualTo(hasher.hash("wachtwoord"));
    }

    @Test
    @DisplayName("A malformed stored hash verifies nothing, without throwing")
    void malformedHashVerifiesNothing() {
        assertThat(hasher.verify("wachtwoord", "not-a-hash")).isFalse();
    }

    @Test
    @DisplayName("A hash made with other parameters needs rehashing; a current one does not")
    void needsRehash() {
        String weak = new PasswordHasher(8 * 1024, 1, 1).hash("wachtwoord");

        assertThat(hasher.needsRehash(weak)).isTrue();
        assertThat(hasher.needsRehash(hasher.hash("wachtwoord"))).isFalse();
    }

    @Test
    @DisplayName("Hashing cost is reported (measurement, no assertion on time)")
    void reportsCost() {
        hasher.hash("warm-up");
        int rounds = 5;
        long start = System.nanoTime();
        for (int i = 0; i < rounds; i++) {
            hasher.verify("wachtwoord", hasher.hash("wachtwoord"));
        }
        long perHashMs = (System.nanoTime() - start) / 1_000_000 / (rounds * 2L);
        System.out.println("PasswordHasher: Argon2id m=" + PasswordHasher.MEMORY_KIB + "KiB t=" + PasswordHasher.ITERATIONS
                + " p=" + PasswordHasher.PARALLELISM + ": " + perHashMs + " ms per hash or verify");
        assertThat(perHashMs).isNotNegative();
    }
}
