package be.meterkast.fluvius;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class B2cPageTest {
    private static final String PAGE = """
            <html><head><script>var CONTENT = {"x":"a } b"};</script>
            <script data-container="true">
              var SETTINGS = {"remoteResource":"https://x/y.html","csrf":"Y3NyZg==","transId":"StateProperties=eyJUSUQiOiJhYmMifQ",
                 "pageViewId":"p","api":"CombinedSigninAndSignup","hosts":{"tenant":"/klanten.onmicrosoft.com/B2C_1A_customer_signup_signin",
                 "policy":"B2C_1A_customer_signup_signin","static":"https://static/"},"locale":{"lang":"nl"},
                 "text":"quote \\" and brace } inside a string"};
              var SA_FIELDS = {"AttributeFields":[{"ID":"email","IS_PASSWORD":false,"IS_REQ":true},
                 {"ID":"pwd","IS_PASSWORD":true}]};
            </script></head><body></body></html>""";

    @Test
    @DisplayName("takes csrf, transaction, tenant, policy and api from SETTINGS")
    void settings() {
        B2cPage page = B2cPage.parse(PAGE);

        assertThat(page.csrf()).isEqualTo("Y3NyZg==");
        assertThat(page.transId()).isEqualTo("StateProperties=eyJUSUQiOiJhYmMifQ");
        assertThat(page.tenant()).isEqualTo("/klanten.onmicrosoft.com/B2C_1A_customer_signup_signin");
        assertThat(page.policy()).isEqualTo("B2C_1A_customer_signup_signin");
        assertThat(page.api()).isEqualTo("CombinedSigninAndSignup");
    }

    @Test
    @DisplayName("takes the login and password field names from SA_FIELDS")
    void fields() {
        B2cPage page = B2cPage.parse(PAGE);

        assertThat(page.loginField()).isEqualTo("email");
        assertThat(page.passwordField()).isEqualTo("pwd");
    }

    @Test
    @DisplayName("a page without SETTINGS means the portal changed, at the sign-in page step")
    void noSettings() {
        assertThatThrownBy(() -> B2cPage.parse("<html>maintenance</html>"))
                .isInstanceOf(FluviusException.PortalChanged.class)
                .hasMessageContaining("sign-in page").hasMessageContaining("SETTINGS");
    }

    @Test
    @DisplayName("a SETTINGS object without csrf names the missing key")
    void missingCsrf() {
        assertThatThrownBy(() -> B2cPage.parse("<script>var SETTINGS = {\"transId\":\"t\",\"api\":\"a\","
                + "\"hosts\":{\"tenant\":\"/t\",\"policy\":\"p\"}};</script>"))
                .isInstanceOf(FluviusException.PortalChanged.class)
                .hasMessageContaining("SETTINGS.csrf");
    }
}
