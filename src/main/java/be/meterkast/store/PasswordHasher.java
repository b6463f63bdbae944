package be.meterkast.store;

import com.password4j.Argon2Function;
import com.password4j.Password;
import com.password4j.types.Argon2;

import java.util.Objects;

/**
 * Argon2id password hashes in the PHC string format ({@code $argon2id$v=19$m=...,t=...,p=...$salt$hash}),
 * through password4j (pure Java: no native library to build for the Raspberry Pi).
 *
 * <p>Hashing and verifying are deliberately slow and memory-hard: callers run them with
 * {@code vertx.executeBlocking}, never on an event loop.
 *
 * <p>Parameters: 19 MiB, 2 passes, 1 lane, OWASP's Argon2id baseline (its cheaper-looking alternatives,
 * 12 MiB × 3 or 7 MiB × 5, cost the same). Measured on the 2-core x86-64 development machine: about 80 ms per
 * hash when idle, up to ~200 ms while other builds shared the cores. A Raspberry Pi 4 runs this pure-Java
 * Argon2 roughly 3-4 times slower, so about 250-300 ms: fine for a sign-in, too slow for every request.
 * The parameters are stored in each hash, so raising them later keeps old hashes verifiable
 * ({@link #needsRehash} tells when to re-hash at the next sign-in).
 */
public final class PasswordHasher {
    public static final int MEMORY_KIB = 19 * 1024;
    public static final int ITERATIONS = 2;
    public static final int PARALLELISM = 1;
    private static final int HASH_BYTES = 32;
    private static final int SALT_BYTES = 16;

    private final Argon2Function argon2;

    public PasswordHasher() {
        this(MEMORY_KIB, ITERATIONS, PARALLELISM);
    }

    /** Other parameters than today's: hashes made with them are re-hashed at the next sign-in. */
    public PasswordHasher(int memoryKib, int iterations, int parallelism) {
        this.argon2 = Argon2Function.getInstance(memoryKib, iterations, parallelism, HASH_BYTES, Argon2.ID);
    }

    /** Blocking: a new random salt and the Argon2id hash, as one PHC string. */
    public String hash(String password) {
        Objects.requireNonNull(password, "password");
        return Password.hash(password).addRandomSalt(SALT_BYTES).with(argon2).getResult();
    }

    /** Blocking: whether {@code password} matches {@code hash}; false for a malformed hash. */
    public boolean verify(String password, String hash) {
        if (password == null || hash == null || !hash.startsWith("$argon2")) {
            return false;
        }
        try {
            return Password.check(password, hash).with(Argon2Function.getInstanceFromHash(hash));
        } catch (RuntimeException malformed) {
            return false;
        }
    }

    /** Whether {@code hash} was made with other parameters than the current ones. */
    public boolean needsRehash(String hash) {
        try {
            return !Argon2Function.getInstanceFromHash(hash).equals(argon2);
        } catch (RuntimeException malformed) {
            return true;
        }
    }
}
