package be.meterkast.store;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SecretBoxTest {
    private static final String CONTEXT = "fluvius_account:1:password";

    @TempDir
    Path dataDirectory;

    @Test
    @DisplayName("A blank METERKAST_SECRET_KEY counts as unset: the key file is the key to keep")
    void keySource() {
        java.nio.file.Path dir = java.nio.file.Path.of("/srv/meterkast");

        assertThat(SecretBox.keySource(java.util.Map.of(SecretBox.SECRET_KEY, " "), dir))
                .isEqualTo(dir.resolve(SecretBox.KEYSET_FILE).toString());
        assertThat(SecretBox.keySource(java.util.Map.of(SecretBox.SECRET_KEY, "eyJr"), dir)).isEqualTo(SecretBox.SECRET_KEY);
    }

    @Test
    @DisplayName("What is encrypted decrypts to the same text with the same context")
    void roundTrip() {
        SecretBox box = SecretBox.withNewKey();

        byte[] ciphertext = box.encrypt("Zomer2024!é", CONTEXT);

        assertThat(box.decrypt(ciphertext, CONTEXT)).isEqualTo("Zomer2024!é");
    }

    @Test
    @DisplayName("A ciphertext does not decrypt under another context (another row)")
    void wrongContextFails() {
        SecretBox box = SecretBox.withNewKey();
        byte[] ciphertext = box.encrypt("geheim", CONTEXT);

        assertThatThrownBy(() -> box.decrypt(ciphertext, "fluvius_account:2:password"))
                .isInstanceOf(SecretBox.SecretUnreadable.class)
                .hasMessageContaining("fluvius_account:2:password");
    }

    @Test
    @DisplayName("A ciphertext does not decrypt with another key, and the error says to check the key")
    void wrongKeyFails() {
        byte[] ciphertext = SecretBox.withNewKey().encrypt("geheim", CONTEXT);

        assertThatThrownBy(() -> SecretBox.withNewKey().decrypt(ciphertext, CONTEXT))
                .isInstanceOf(SecretBox.SecretUnreadable.class)
                .hasMessageContaining(SecretBox.SECRET_KEY);
    }

    @Test
    @DisplayName("Without METERKAST_SECRET_KEY a keyset file is generated in the data directory, readable by its owner only")
    void generatedKeyFileIsOwnerOnly() throws Exception {
        SecretBox.load(Map.of(), dataDirectory);

        Path keyset = dataDirectory.resolve(SecretBox.KEYSET_FILE);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keyset))).isEqualTo("rw-------");
    }

    @Test
    @DisplayName("The generated keyset is reused at the next start, so stored secrets stay readable")
    void keyFileReused() throws Exception {
        byte[] ciphertext = SecretBox.load(Map.of(), dataDirectory).encrypt("geheim", CONTEXT);

        assertThat(SecretBox.load(Map.of(), dataDirectory).decrypt(ciphertext, CONTEXT)).isEqualTo("geheim");
    }

    @Test
    @DisplayName("METERKAST_SECRET_KEY (the keyset JSON, base64) is used instead of the file")
    void keyFromEnvironment() throws Exception {
        Path other = Files.createDirectory(dataDirectory.resolve("other"));
        byte[] ciphertext = SecretBox.load(Map.of(), other).encrypt("geheim", CONTEXT);
        String base64 = Base64.getEncoder().encodeToString(Files.readAllBytes(other.resolve(SecretBox.KEYSET_FILE)));

        SecretBox fromEnv = SecretBox.load(Map.of(SecretBox.SECRET_KEY, base64), dataDirectory);

        assertThat(fromEnv.decrypt(ciphertext, CONTEXT)).isEqualTo("geheim");
        assertThat(dataDirectory.resolve(SecretBox.KEYSET_FILE)).doesNotExist();
    }

    @Test
    @DisplayName("A METERKAST_SECRET_KEY that is not a keyset fails naming the key")
    void badEnvironmentKeyFails() {
        assertThatThrownBy(() -> SecretBox.load(Map.of(SecretBox.SECRET_KEY, "bm90IGEga2V5c2V0"), dataDirectory))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith(SecretBox.SECRET_KEY);
    }
}
