package be.meterkast.fluvius;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SignInRejectionTest {

    @Test
    @DisplayName("B2C's invalid-credentials answer becomes InvalidCredentials, marked never to retry")
    void wrongPassword() {
        FluviusException e = B2cAnswers.rejection("AADB2C90054", "Invalid username or password.");

        assertThat(e).isInstanceOf(FluviusException.InvalidCredentials.class);
        assertThat(e.credentialsRejected()).isTrue();
    }

    @Test
    @DisplayName("a lockout message becomes AccountLocked")
    void locked() {
        assertThat(B2cAnswers.rejection(null, "Your account is temporarily locked to prevent unauthorized use."))
                .isInstanceOf(FluviusException.AccountLocked.class);
        assertThat(B2cAnswers.rejection("AADB2C90225", "")).isInstanceOf(FluviusException.AccountLocked.class);
    }

    @Test
    @DisplayName("any other refusal keeps Fluvius' message and is not retried either")
    void other() {
        FluviusException e = B2cAnswers.rejection("AADB2C99999", "Something odd happened");

        assertThat(e).isInstanceOf(FluviusException.SignInRejected.class).hasMessageContaining("Something odd happened");
        assertThat(e.credentialsRejected()).isTrue();
    }

    @Test
    @DisplayName("outages are not credential rejections: they may be retried later")
    void outagesMayBeRetried() {
        assertThat(new FluviusException.Unavailable("x", null).credentialsRejected()).isFalse();
        assertThat(new FluviusException.RateLimited(null).credentialsRejected()).isFalse();
    }

    @Test
    @DisplayName("Retry-After is read as seconds")
    void retryAfter() {
        assertThat(HttpOutcomes.retryAfter("120")).hasSeconds(120);
        assertThat(HttpOutcomes.retryAfter("soon")).isNull();
    }

    @Test
    @DisplayName("secrets never appear in the text of credentials or tokens")
    void redaction() {
        assertThat(new Credentials("a@b.c", "hunter2").toString()).doesNotContain("hunter2").contains("a@b.c");
        assertThat(new Tokens("eyJaccess", "refresh-secret", "id", "Bearer", java.time.Instant.EPOCH).toString())
                .doesNotContain("eyJaccess").doesNotContain("refresh-secret");
        assertThat(Redact.url("https://x/cb?code=secret&state=s")).doesNotContain("secret");
    }
}
