package be.meterkast.web;

/** Every URL of the portal in one place, so templates, redirects and tests agree. */
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
}
