package be.meterkast.fluvius;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MsalConfigTest {

    @Test
    @DisplayName("reads clientId, authority and redirectUri nested under auth")
    void nested() {
        MsalConfig c = MsalConfig.parse(new JsonObject("""
                {"auth":{"clientId":"abc","authority":"https://login.example/t/P/","redirectUri":"https://portal/"},
                 "protectedResourceMap":[["https://portal/verbruik/api",["https://klanten.onmicrosoft.com/X/read"]]]}"""));

        assertThat(c.clientId()).isEqualTo("abc");
        assertThat(c.authority()).isEqualTo("https://login.example/t/P");
        assertThat(c.redirectUri()).isEqualTo("https://portal/");
        assertThat(c.scopes()).contains("https://klanten.onmicrosoft.com/X/read")
                .doesNotContain("https://portal/verbruik/api");
        assertThat(c.authorizeEndpoint()).isEqualTo("https://login.example/t/P/oauth2/v2.0/authorize");
        assertThat(c.authorityOrigin()).isEqualTo("https://login.example");
    }

    @Test
    @DisplayName("reads the same keys at top level, with scopes as a space-separated string")
    void flat() {
        MsalConfig c = MsalConfig.parse(new JsonObject("""
                {"clientId":"abc","authority":"https://login.example/t/P","redirectUri":"https://portal/",
                 "scopes":"openid profile"}"""));

        assertThat(c.clientId()).isEqualTo("abc");
        assertThat(c.scopes()).contains("profile");
    }

    @Test
    @DisplayName("always asks for openid, offline_access and the MijnFluvius API scope")
    void requiredScopes() {
        MsalConfig c = MsalConfig.parse(new JsonObject("{\"clientId\":\"abc\"}"));

        assertThat(c.scopes()).containsAll(MsalConfig.REQUIRED_SCOPES);
        assertThat(c.scopes()).doesNotHaveDuplicates();
    }

    @Test
    @DisplayName("falls back to Fluvius' known authority and redirect when the config omits them")
    void fallbacks() {
        MsalConfig c = MsalConfig.parse(new JsonObject("{\"auth\":{\"clientId\":\"abc\"}}"));

        assertThat(c.authority()).isEqualTo(MsalConfig.DEFAULT_AUTHORITY);
        assertThat(c.redirectUri()).isEqualTo(MsalConfig.DEFAULT_REDIRECT_URI);
    }

    @Test
    @DisplayName("a config without client id means the portal changed")
    void noClientId() {
        assertThatThrownBy(() -> MsalConfig.parse(new JsonObject("{\"auth\":{}}")))
                .isInstanceOf(FluviusException.PortalChanged.class)
                .hasMessageContaining("MSAL config");
    }
}
