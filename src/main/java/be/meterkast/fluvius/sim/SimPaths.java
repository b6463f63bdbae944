package be.meterkast.fluvius.sim;

/** Every path and fixed identifier the simulated portal and its B2C tenant answer on, in one place. */
final class SimPaths {
    static final String POLICY = "B2C_1A_customer_signup_signin";
    static final String TENANT_NAME = "klanten.onmicrosoft.com";
    static final String TENANT = "/" + TENANT_NAME + "/" + POLICY;
    static final String CLIENT_ID = "9d1c7a0e-3f4b-4c7e-9a43-5b2e8f6d1a27";
    static final String TENANT_ID = "0f2b4c6d-8e1a-4b3c-9d5e-7f6a8b9c0d1e";
    static final String API_SCOPE = "https://klanten.onmicrosoft.com/MijnFluvius/user_impersonation";

    static final String MSAL_CONFIG = "/api/global/msal/config";
    static final String AUTHORIZE = TENANT + "/oauth2/v2.0/authorize";
    static final String RESUME = AUTHORIZE + "/resume";
    static final String TOKEN = TENANT + "/oauth2/v2.0/token";
    static final String SELF_ASSERTED = TENANT + "/SelfAsserted";
    static final String SIGN_IN_API = "CombinedSigninAndSignup";
    static final String MFA_API = "PhoneFactor-InputOrVerify";
    static final String CONFIRMED = TENANT + "/api/" + SIGN_IN_API + "/confirmed";

    static final String DATA_API = "/verbruik/api";
    static final String HISTORY = DATA_API + "/meter-measurement-history/:ean";
    static final String SPIKES = DATA_API + "/meter-measurement-spikes/:ean";

    static final String CONTROL = "/_sim";
    static final String CONTROL_STATS = CONTROL + "/stats";

    private SimPaths() {
    }
}
