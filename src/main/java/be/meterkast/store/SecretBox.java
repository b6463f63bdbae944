package be.meterkast.store;

import be.meterkast.config.Setting;
import com.google.crypto.tink.Aead;
import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.Configuration;
import com.google.crypto.tink.TinkJsonProtoKeysetFormat;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.aead.AeadConfig;
import com.google.crypto.tink.aead.PredefinedAeadParameters;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.Map;
import java.util.Objects;

/**
 * Encrypts the secrets we must be able to read back (Fluvius passwords and tokens) with AES256-GCM through
 * Google Tink. The context string is authenticated with the ciphertext (associated data), so a ciphertext
 * copied to another row, or used for another purpose, does not decrypt: use e.g.
 * {@code "fluvius_account:42:password"}.
 *
 * <p>The key is a Tink keyset in Tink's JSON format. It comes from {@value #SECRET_KEY}, holding that JSON
 * base64-encoded (e.g. {@code base64 -w0 data/secret-keyset.json}), or else from {@value #KEYSET_FILE} in the
 * data directory, generated on first start and readable by its owner only. Losing the key means every
 * Fluvius account has to be linked again; it belongs in the backup, apart from the database dump.
 *
 * <p>{@link #load} does file I/O: call it through {@code executeBlocking}. Encrypting and decrypting are
 * cheap and fine on an event loop.
 */
public final class SecretBox {
    public static final String SECRET_KEY = Setting.SECRET_KEY.key();
    public static final String KEYSET_FILE = "secret-keyset.json";

    /** Tink's global registry, with the AEAD key types registered once (below). */
    private static final Configuration TINK = registeredConfiguration();

    private final Aead aead;

    private SecretBox(KeysetHandle keyset) throws GeneralSecurityException {
        this.aead = keyset.getPrimitive(TINK, Aead.class);
    }

    /** Thrown when a ciphertext does not open: another key, another context, or altered bytes. */
    public static final class SecretUnreadable extends RuntimeException {
        SecretUnreadable(String context, Throwable cause) {
            super("cannot decrypt the secret for " + context + ": it was encrypted with another key ("
                    + SECRET_KEY + " or " + KEYSET_FILE + ") or for another row, or it was altered", cause);
        }
    }

    /** Where {@link #load} takes the key from: {@value #SECRET_KEY} when set and not blank, else the keyset file. */
    public static String keySource(Map<String, String> env, Path dataDirectory) {
        return keyFromEnvironment(env) ? SECRET_KEY : dataDirectory.resolve(KEYSET_FILE).toString();
    }

    private static boolean keyFromEnvironment(Map<String, String> env) {
        String fromEnv = env.get(SECRET_KEY);
        return fromEnv != null && !fromEnv.isBlank();
    }

    /** The key from {@value #SECRET_KEY} when set, else from (or newly into) {@code <dataDirectory>/}{@value #KEYSET_FILE}. */
    public static SecretBox load(Map<String, String> env, Path dataDirectory) throws IOException {
        if (keyFromEnvironment(env)) {
            String fromEnv = env.get(SECRET_KEY);
            String json;
            try {
                json = new String(Base64.getDecoder().decode(fromEnv.trim()), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(SECRET_KEY + " must be a base64-encoded Tink JSON keyset (not valid base64)");
            }
            return fromKeysetJson(json, SECRET_KEY);
        }
        return fromFile(dataDirectory.resolve(KEYSET_FILE));
    }

    /** Reads the keyset file, creating it (rw-------) with a new AES256-GCM key when it does not exist yet. */
    public static SecretBox fromFile(Path keysetFile) throws IOException {
        if (!Files.exists(keysetFile)) {
            try {
                writeNewKeyset(keysetFile);
            } catch (FileAlreadyExistsException raced) {
                // another process created it between the check and the write: use theirs
            }
        }
        return fromKeysetJson(Files.readString(keysetFile, StandardCharsets.UTF_8), keysetFile.toString());
    }

    /** A box with a fresh key that lives only in memory (tests, tools). */
    public static SecretBox withNewKey() {
        try {
            return new SecretBox(KeysetHandle.generateNew(PredefinedAeadParameters.AES256_GCM, TINK));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot generate an AES256-GCM key", e);
        }
    }

    public byte[] encrypt(String plaintext, String context) {
        Objects.requireNonNull(plaintext, "plaintext");
        try {
            return aead.encrypt(plaintext.getBytes(StandardCharsets.UTF_8), associatedData(context));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot encrypt the secret for " + context, e);
        }
    }

    /** @throws SecretUnreadable when the key or the context is not the one used to encrypt */
    public String decrypt(byte[] ciphertext, String context) {
        Objects.requireNonNull(ciphertext, "ciphertext");
        try {
            return new String(aead.decrypt(ciphertext, associatedData(context)), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException e) {
            throw new SecretUnreadable(context, e);
        }
    }

    private static byte[] associatedData(String context) {
        if (context == null || context.isBlank()) {
            throw new IllegalArgumentException("a secret needs a context (what row and field it belongs to)");
        }
        return context.getBytes(StandardCharsets.UTF_8);
    }

    private static SecretBox fromKeysetJson(String json, String source) {
        try {
            return new SecretBox(TinkJsonProtoKeysetFormat.parseKeyset(json, TINK, InsecureSecretKeyAccess.get()));
        } catch (GeneralSecurityException | RuntimeException e) {
            throw new IllegalArgumentException(source + " does not hold a usable Tink AEAD keyset: " + e.getMessage(), e);
        }
    }

    private static void writeNewKeyset(Path keysetFile) throws IOException {
        String json;
        try {
            json = TinkJsonProtoKeysetFormat.serializeKeyset(
                    KeysetHandle.generateNew(PredefinedAeadParameters.AES256_GCM, TINK), TINK, InsecureSecretKeyAccess.get());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot generate an AES256-GCM key", e);
        }
        Path parent = keysetFile.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        // Created with owner-only permissions from the start, so the key is never readable by others;
        // createFile fails when the file appeared meanwhile, and a half-written file is removed
        Files.createFile(keysetFile, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        try {
            Files.writeString(keysetFile, json, StandardCharsets.UTF_8);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(keysetFile);
            throw e;
        }
    }

    private static Configuration registeredConfiguration() {
        try {
            AeadConfig.register();
            return RegistryConfiguration.get();
        } catch (GeneralSecurityException e) {
            throw new ExceptionInInitializerError(e);
        }
    }
}
