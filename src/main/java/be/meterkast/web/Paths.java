package be.meterkast.web;

import java.time.LocalDate;

/**
 * Every URL of the portal in one place, so templates, redirects and tests agree. Templates reach the same
 * builders through {@link #VIEW} (model key {@code paths}), as they cannot call static methods.
 */
public final class Paths {
    public static final String HOME = "/";
    public static final String SETUP = "/setup";
    public static final String LOGIN = "/login";
    public static final String LOGOUT = "/logout";
    public static final String REGISTER = "/register";
    public static final String INVITE = "/invite/:token";
    public static final String ACCOUNT = "/account";
    public static final String HOUSEHOLDS = "/households";
    public static final String METERS = "/meters";
    public static final String ADMIN = "/admin";
    public static final String COMPARE = "/compare";
    public static final String EXPORT = "/export";
    public static final String API = "/api/v1";
    public static final String STATIC = "/static";
    public static final String WEBJARS = "/webjars";
    /** GET: the alerts form and recent alerts, POST: save the settings. */
    public static final String ALERTS = "/alerts";
    /** POST {@code channel}: send a test on one channel. */
    public static final String ALERTS_TEST = ALERTS + "/test";
    public static final String ACCOUNT_PASSWORD = ACCOUNT + "/password";
    public static final String ACCOUNT_LANGUAGE = ACCOUNT + "/language";
    public static final String ADMIN_USERS = ADMIN + "/users";
    public static final String ADMIN_INVITES = ADMIN + "/invites";
    public static final String ADMIN_HOUSEHOLDS = ADMIN + "/households";
    /** Where Mijn Fluvius files are uploaded to: routes with their own body handling (size limit, to disk). */
    public static final String METER_IMPORTS = METERS + "/:meterId/imports";
    public static final String HOUSEHOLD_METER_FROM_FILE = HOUSEHOLDS + "/:householdId/meters/from-file";
    /** Day-ahead price files, uploaded from a household's tariffs page. */
    public static final String HOUSEHOLD_TARIFF_PRICES = HOUSEHOLDS + "/:householdId/tariffs/prices";
    /** The version of the uPlot WebJar in the pom. */
    static final String UPLOT = "uplot/1.6.30";

    /** The builders below as instance methods, for templates. */
    public static final View VIEW = new View();

    private Paths() {
    }

    /** A positive id from a URL, or empty: a malformed id is treated like an unknown one (404). */
    public static java.util.Optional<Long> id(String text) {
        try {
            long id = Long.parseLong(text);
            return id > 0 ? java.util.Optional.of(id) : java.util.Optional.empty();
        } catch (NumberFormatException | NullPointerException e) {
            return java.util.Optional.empty();
        }
    }

    public static String household(long id) {
        return HOUSEHOLDS + "/" + id;
    }

    public static String meter(long id) {
        return METERS + "/" + id;
    }

    /** The export of one meter in a format: {@code long.csv}, {@code wide.csv} or {@code daily.json}. */
    public static String export(long meterId, String file) {
        return EXPORT + "/meters/" + meterId + "/" + file;
    }

    public static String invite(String token) {
        return "/invite/" + token;
    }

    public static String householdInvites(long householdId) {
        return household(householdId) + "/invites";
    }

    public static String householdAccounts(long householdId) {
        return household(householdId) + "/accounts";
    }

    public static String householdAccountPassword(long householdId, long accountId) {
        return householdAccounts(householdId) + "/" + accountId + "/password";
    }

    public static String householdAccountDiagnostics(long householdId, long accountId) {
        return householdAccounts(householdId) + "/" + accountId + "/diagnostics";
    }

    public static String householdMeters(long householdId) {
        return household(householdId) + "/meters";
    }

    public static String householdAccountUnlink(long householdId, long accountId) {
        return householdAccounts(householdId) + "/" + accountId + "/unlink";
    }

    /** GET: what goes, POST: delete. */
    public static String householdDelete(long householdId) {
        return household(householdId) + "/delete";
    }

    /** GET: the choice for a sole owner, POST: leave. */
    public static String householdLeave(long householdId) {
        return household(householdId) + "/leave";
    }

    /** POST: an owner adds someone who has an account already. */
    public static String householdMembers(long householdId) {
        return household(householdId) + "/members";
    }

    /** POST: the administrator puts a user in a household. */
    public static String adminMembers() {
        return ADMIN + "/members";
    }

    /** A meter's page for a period, {@code query} as {@link Period#query()} writes it (or {@code days=30}). */
    public static String meter(long id, String query) {
        return meter(id) + "?" + query;
    }

    public static String meterDay(long meterId, LocalDate day) {
        return meter(meterId) + "/day/" + day;
    }

    public static String meterRefresh(long meterId) {
        return meter(meterId) + "/refresh";
    }

    /** Where a meter's Mijn Fluvius files are uploaded. */
    public static String meterImports(long meterId) {
        return meter(meterId) + "/imports";
    }

    /** Where a household's owner uploads a Mijn Fluvius file to add its meter. */
    public static String householdMeterFromFile(long householdId) {
        return householdMeters(householdId) + "/from-file";
    }

    /** A meter's costs; {@code query} {@code month=2025-06} or {@code year=2025}, or empty for this month. */
    public static String meterCosts(long meterId, String query) {
        return meter(meterId) + "/costs" + (query.isEmpty() ? "" : "?" + query);
    }

    /** GET: the form (owners), POST: replace the household's tariff periods. */
    public static String householdTariffs(long householdId) {
        return household(householdId) + "/tariffs";
    }

    /** POST: a day-ahead price file, from the tariffs page. */
    public static String householdTariffPrices(long householdId) {
        return householdTariffs(householdId) + "/prices";
    }

    /** The export of one meter for a period ({@link Period#query()}). */
    public static String export(long meterId, String file, String query) {
        return export(meterId, file) + "?" + query;
    }

    /** One meter's period against the same period a year earlier. */
    public static String compareWithPreviousYear(long meterId, String query) {
        return COMPARE + "?meter=" + meterId + "&" + query + "&against=previous-year";
    }

    /** GET: what becomes of the user's households, POST: remove. */
    public static String adminUserDelete(long userId) {
        return ADMIN_USERS + "/" + userId + "/delete";
    }

    public static String adminHouseholdTakeOver(long householdId) {
        return ADMIN_HOUSEHOLDS + "/" + householdId + "/take-over";
    }

    /** GET: what goes, POST: delete. */
    public static String adminHouseholdDelete(long householdId) {
        return ADMIN_HOUSEHOLDS + "/" + householdId + "/delete";
    }

    /** A file under {@code webroot/}. */
    public static String asset(String file) {
        return STATIC + "/" + file;
    }

    /** A file of the uPlot WebJar, e.g. {@code dist/uPlot.min.css}. */
    public static String uplot(String file) {
        return WEBJARS + "/" + UPLOT + "/" + file;
    }

    /** What templates see as {@code paths}: each method calls the static builder of the same name. */
    public static final class View {
        private View() {
        }

        public String home() {
            return HOME;
        }

        public String setup() {
            return SETUP;
        }

        public String login() {
            return LOGIN;
        }

        public String logout() {
            return LOGOUT;
        }

        public String register() {
            return REGISTER;
        }

        public String account() {
            return ACCOUNT;
        }

        public String accountPassword() {
            return ACCOUNT_PASSWORD;
        }

        public String accountLanguage() {
            return ACCOUNT_LANGUAGE;
        }

        public String households() {
            return HOUSEHOLDS;
        }

        public String household(long id) {
            return Paths.household(id);
        }

        public String householdInvites(long householdId) {
            return Paths.householdInvites(householdId);
        }

        public String householdAccounts(long householdId) {
            return Paths.householdAccounts(householdId);
        }

        public String householdMeterFromFile(long householdId) {
            return Paths.householdMeterFromFile(householdId);
        }

        public String meterImports(long meterId) {
            return Paths.meterImports(meterId);
        }

        public String householdAccountPassword(long householdId, long accountId) {
            return Paths.householdAccountPassword(householdId, accountId);
        }

        public String householdAccountDiagnostics(long householdId, long accountId) {
            return Paths.householdAccountDiagnostics(householdId, accountId);
        }

        public String householdMeters(long householdId) {
            return Paths.householdMeters(householdId);
        }

        public String householdAccountUnlink(long householdId, long accountId) {
            return Paths.householdAccountUnlink(householdId, accountId);
        }

        public String householdDelete(long householdId) {
            return Paths.householdDelete(householdId);
        }

        public String householdLeave(long householdId) {
            return Paths.householdLeave(householdId);
        }

        public String meter(long id) {
            return Paths.meter(id);
        }

        public String meter(long id, String query) {
            return Paths.meter(id, query);
        }

        public String meterDay(long meterId, LocalDate day) {
            return Paths.meterDay(meterId, day);
        }

        public String meterRefresh(long meterId) {
            return Paths.meterRefresh(meterId);
        }

        public String meterCosts(long meterId, String query) {
            return Paths.meterCosts(meterId, query);
        }

        public String householdTariffs(long householdId) {
            return Paths.householdTariffs(householdId);
        }

        public String householdTariffPrices(long householdId) {
            return Paths.householdTariffPrices(householdId);
        }

        public String export(long meterId, String file, String query) {
            return Paths.export(meterId, file, query);
        }

        public String compare() {
            return COMPARE;
        }

        public String compareWithPreviousYear(long meterId, String query) {
            return Paths.compareWithPreviousYear(meterId, query);
        }

        public String admin() {
            return ADMIN;
        }

        public String adminUsers() {
            return ADMIN_USERS;
        }

        public String adminUserDelete(long userId) {
            return Paths.adminUserDelete(userId);
        }

        public String adminInvites() {
            return ADMIN_INVITES;
        }

        public String adminHouseholds() {
            return ADMIN_HOUSEHOLDS;
        }

        public String adminHouseholdTakeOver(long householdId) {
            return Paths.adminHouseholdTakeOver(householdId);
        }

        public String adminHouseholdDelete(long householdId) {
            return Paths.adminHouseholdDelete(householdId);
        }

        public String asset(String file) {
            return Paths.asset(file);
        }

        public String householdMembers(long householdId) {
            return Paths.householdMembers(householdId);
        }

        public String adminMembers() {
            return Paths.adminMembers();
        }

        public String alerts() {
            return ALERTS;
        }

        public String alertsTest() {
            return ALERTS_TEST;
        }

        public String uplot(String file) {
            return Paths.uplot(file);
        }
    }
}
