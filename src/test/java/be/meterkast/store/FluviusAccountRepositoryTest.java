package be.meterkast.store;

import be.meterkast.store.FluviusAccountRepository.StoredTokens;
import io.vertx.junit5.VertxTestContext;
import io.vertx.sqlclient.Tuple;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class FluviusAccountRepositoryTest extends DatabaseTestBase {
    private static final String PASSWORD = "Fluvius-Wachtwoord-2024";

    private final SecretBox secrets = SecretBox.withNewKey();
    private FluviusAccountRepository accounts;

    @BeforeEach
    void repository() {
        accounts = new FluviusAccountRepository(pool, secrets);
    }

    @Test
    @DisplayName("The stored Fluvius password is ciphertext that contains no byte run of the plaintext")
    void passwordStoredEncrypted(VertxTestContext context) {
        seed.household()
                .compose(owned -> accounts.create(owned.household().id(), "gezin@example.be", PASSWORD))
                .compose(account -> pool.preparedQuery("SELECT password_secret FROM fluvius_accounts WHERE id = $1")
                        .execute(Tuple.of(account.id())))
                .map(rows -> rows.iterator().next().getBuffer("password_secret").getBytes())
                .onComplete(context.succeeding(stored -> context.verify(() -> {
                    byte[] plain = PASSWORD.getBytes(StandardCharsets.UTF_8);
                    assertThat(stored.length).isGreaterThan(plain.length);
                    // no 4-byte window of the password appears anywhere in what is stored
                    for (int i = 0; i + 4 <= plain.length; i++) {
                        assertThat(indexOf(stored, java.util.Arrays.copyOfRange(plain, i, i + 4))).as("window at %d", i).isEqualTo(-1);
                    }
                    context.completeNow();
                })));
    }

    @Test
    @DisplayName("Password and tokens decrypt back for the sync")
    void secretsRoundTrip(VertxTestContext context) {
        Instant expires = Instant.now().plus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);
        StoredTokens tokens = new StoredTokens("access-abc", "refresh-def", "id-ghi", "Bearer", expires);
        seed.household()
                .compose(owned -> accounts.create(owned.household().id(), "gezin@example.be", PASSWORD))
                .compose(account -> accounts.storeTokens(account.id(), tokens)
                        .compose(stored -> accounts.secrets(account.id()))
                        .compose(found -> accounts.findById(account.id()).map(reloaded -> {
                            assertThat(reloaded.orElseThrow().tokenExpiresAt()).contains(expires);
                            return found;
                        })))
                .onComplete(context.succeeding(found -> context.verify(() -> {
                    assertThat(found).map(FluviusAccountRepository.Secrets::password).contains(PASSWORD);
                    assertThat(found.orElseThrow().tokens()).contains(tokens);
                    context.completeNow();
                })));
    }

    @Test
    @DisplayName("Tokens keep when they were issued, so their lifetime survives a restart")
    void issueTimeRoundTrip(VertxTestContext context) {
        Instant issued = Instant.parse("2025-11-30T10:00:00Z");
        StoredTokens tokens = new StoredTokens("access-abc", "refresh-def", null, "Bearer", issued.plusSeconds(60),
                issued);
        seed.household()
                .compose(owned -> accounts.create(owned.household().id(), "gezin@example.be", PASSWORD))
                .compose(account -> accounts.storeTokens(account.id(), tokens).compose(v -> accounts.secrets(account.id())))
                .onComplete(context.succeeding(found -> context.verify(() -> {
                    assertThat(found.orElseThrow().tokens()).contains(tokens);
                    context.completeNow();
                })));
    }

    @Test
    @DisplayName("Tokens stored before the issue time was kept still read back, with the issue time unknown")
    void tokensWithoutIssueTime(VertxTestContext context) {
        String before = "{\"accessToken\":\"access-abc\",\"refreshToken\":\"refresh-def\",\"idToken\":null,"
                + "\"tokenType\":\"Bearer\",\"expiresAt\":\"2025-11-30T11:00:00Z\"}";
        seed.household()
                .compose(owned -> accounts.create(owned.household().id(), "gezin@example.be", PASSWORD))
                .compose(account -> pool.preparedQuery("UPDATE fluvius_accounts SET tokens_secret = $2 WHERE id = $1")
                        .execute(Tuple.of(account.id(), io.vertx.core.buffer.Buffer.buffer(secrets.encrypt(before,
                                FluviusAccountRepository.tokensContext(account.id())))))
                        .compose(v -> accounts.secrets(account.id())))
                .onComplete(context.succeeding(found -> context.verify(() -> {
                    StoredTokens read = found.orElseThrow().tokens().orElseThrow();
                    assertThat(read.accessToken()).isEqualTo("access-abc");
                    assertThat(read.expiresAt()).isEqualTo(Instant.parse("2025-11-30T11:00:00Z"));
                    assertThat(read.issuedAt()).isNull();
                    context.completeNow();
                })));
    }

    @Test
    @DisplayName("findForUser finds nothing for a user outside the account's household")
    void findForUserIsolation(VertxTestContext context) {
        seed.household()
                .compose(owned -> accounts.create(owned.household().id(), "gezin@example.be", PASSWORD))
                .compose(account -> seed.user().compose(outsider -> accounts.findForUser(outsider.id(), account.id())))
                .onComplete(context.succeeding(found -> context.verify(() -> {
                    assertThat(found).isEmpty();
                    context.completeNow();
                })));
    }

    @Test
    @DisplayName("findForUser finds the account for a member of its household")
    void findForUserMember(VertxTestContext context) {
        seed.household()
                .compose(owned -> accounts.create(owned.household().id(), "gezin@example.be", PASSWORD)
                        .compose(account -> accounts.findForUser(owned.owner().id(), account.id())))
                .onComplete(context.succeeding(found -> context.verify(() -> {
                    assertThat(found).map(FluviusAccount::email).contains("gezin@example.be");
                    assertThat(found).map(FluviusAccount::status).contains(AccountStatus.PENDING);
                    context.completeNow();
                })));
    }

    @Test
    @DisplayName("A failed sign-in counts a failure; a successful one links the account and resets the count")
    void failureThenLinked(VertxTestContext context) {
        Instant now = Instant.parse("2025-01-10T10:00:00Z");
        seed.household()
                .compose(owned -> accounts.create(owned.household().id(), "gezin@example.be", PASSWORD))
                .compose(account -> accounts.markFailed(account.id(), AccountStatus.UNAVAILABLE, "timeout", now.plusSeconds(600))
                        .compose(count -> {
                            assertThat(count).contains(1);
                            return accounts.markLinked(account.id(), now.plusSeconds(700));
                        })
                        .compose(linked -> accounts.findById(account.id())))
                .onComplete(context.succeeding(found -> context.verify(() -> {
                    FluviusAccount account = found.orElseThrow();
                    assertThat(account.status()).isEqualTo(AccountStatus.LINKED);
                    assertThat(account.failureCount()).isZero();
                    assertThat(account.statusMessage()).isEmpty();
                    assertThat(account.lastSignInAt()).contains(now.plusSeconds(700));
                    context.completeNow();
                })));
    }

    @Test
    @DisplayName("Secrets stored under one key are unreadable under another, with a clear failure")
    void otherKeyCannotRead(VertxTestContext context) {
        seed.household()
                .compose(owned -> accounts.create(owned.household().id(), "gezin@example.be", PASSWORD))
                .compose(account -> new FluviusAccountRepository(pool, SecretBox.withNewKey()).secrets(account.id()))
                .onComplete(context.failing(failure -> context.verify(() -> {
                    assertThat(failure).isInstanceOf(SecretBox.SecretUnreadable.class);
                    context.completeNow();
                })));
    }

    @Test
    @DisplayName("The same e-mail twice in one household is refused, whatever its case")
    void emailUniquePerHousehold(VertxTestContext context) {
        seed.household()
                .compose(owned -> accounts.create(owned.household().id(), "gezin@example.be", PASSWORD)
                        .compose(first -> accounts.create(owned.household().id(), "Gezin@Example.be", PASSWORD)))
                .onComplete(context.failing(failure -> context.verify(() -> {
                    assertThat(failure).isInstanceOf(DuplicateAccount.class);
                    assertThat(Sql.isUniqueViolation(failure.getCause())).isTrue();
                    context.completeNow();
                })));
    }

    @Test
    @DisplayName("updateStatus sets status, message and next attempt")
    void updateStatus(VertxTestContext context) {
        Instant next = Instant.parse("2025-02-01T06:00:00Z");
        seed.household()
                .compose(owned -> accounts.create(owned.household().id(), "gezin@example.be", PASSWORD))
                .compose(account -> accounts.updateStatus(account.id(), AccountStatus.MFA_REQUIRED,
                                Optional.of("Fluvius asks for a code"), Optional.of(next))
                        .compose(updated -> accounts.findById(account.id())))
                .onComplete(context.succeeding(found -> context.verify(() -> {
                    assertThat(found.orElseThrow().status()).isEqualTo(AccountStatus.MFA_REQUIRED);
                    assertThat(found.orElseThrow().nextAttemptAt()).contains(next);
                    context.completeNow();
                })));
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
