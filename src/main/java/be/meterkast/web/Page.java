package be.meterkast.web;

import be.meterkast.app.users.Language;
import be.meterkast.domain.time.LocalDays;
import be.meterkast.store.User;
import be.meterkast.web.auth.CsrfGuard;
import be.meterkast.web.auth.CurrentUser;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.CookieSameSite;
import io.vertx.ext.web.LanguageHeader;
import io.vertx.ext.web.RoutingContext;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * What every page starts from: the signed-in user, the language, the CSRF token for its forms and the
 * one-time message left by the previous action, and the portal's URLs ({@code paths}) and
 * the message keys of enum values ({@code keys}).
 */
public final class Page {
    public static final String FLASH_COOKIE = "meterkast_flash";
    /** Before a flash key in the cookie: the message says something went wrong (a red banner, not a green one). */
    private static final String ERROR_MARK = "error:";
    /**
     * Context key: whether cookies get Secure. Put on every request by the portal, from the same setting as the
     * session and CSRF cookies ({@link WebSettings#secureCookies()}: METERKAST_PUBLIC_URL is https).
     */
    public static final String SECURE_COOKIES = "secureCookies";
    public static final Locale DUTCH = Language.DUTCH.locale();
    public static final Locale FRENCH = Language.FRENCH.locale();

    private Page() {
    }

    public static Map<String, Object> model(RoutingContext ctx, String titleKey) {
        Map<String, Object> model = new HashMap<>();
        User user = CurrentUser.user(ctx);
        Locale locale = locale(ctx);
        model.put("user", user);
        model.put("lang", locale.toLanguageTag());
        model.put("language", LanguageChoice.of(locale));
        model.put("keys", MessageKeys.INSTANCE);
        model.put("fmt", new Format(locale, LocalDays.BRUSSELS));
        model.put("csrf", ctx.get(CsrfGuard.TOKEN_KEY));
        model.put("csrfField", CsrfGuard.FIELD);
        model.put("titleKey", titleKey);
        model.put("path", ctx.request().path());
        model.put("paths", Paths.VIEW);
        Cookie flash = ctx.request().getCookie(FLASH_COOKIE);
        if (flash != null && !flash.getValue().isBlank()) {
            String value = URLDecoder.decode(flash.getValue(), StandardCharsets.UTF_8);
            boolean error = value.startsWith(ERROR_MARK);
            model.put("flash", error ? value.substring(ERROR_MARK.length()) : value);
            model.put("flashError", error);
            ctx.response().addCookie(flashCookie(ctx, "").setMaxAge(0));
        }
        return model;
    }

    /** The user's chosen language; before sign-in, or when they chose none, the browser's (else English). */
    public static Locale locale(RoutingContext ctx) {
        return language(ctx).locale();
    }

    /** See {@link #locale}. */
    public static Language language(RoutingContext ctx) {
        User user = CurrentUser.user(ctx);
        if (user != null) {
            Optional<Language> chosen = Language.of(user.locale());
            if (chosen.isPresent()) {
                return chosen.get();
            }
        }
        return browserLanguage(ctx);
    }

    /** The first of the browser's languages (Accept-Language, in its order of preference) the portal speaks. */
    public static Language browserLanguage(RoutingContext ctx) {
        for (LanguageHeader language : ctx.acceptableLanguages()) {
            Optional<Language> spoken = Language.of(language.tag());
            if (spoken.isPresent()) {
                return spoken.get();
            }
        }
        return Language.ENGLISH;
    }

    /** Redirect after a successful POST, leaving a message key for the next page (post/redirect/get). */
    public static void redirect(RoutingContext ctx, String location, String flashKey) {
        if (flashKey != null) {
            ctx.response().addCookie(flashCookie(ctx, URLEncoder.encode(flashKey, StandardCharsets.UTF_8)));
        }
        ctx.redirect(location);
    }

    /** As {@link #redirect}, with a message that something went wrong: the next page shows it as an error. */
    public static void redirectWithError(RoutingContext ctx, String location, String flashKey) {
        redirect(ctx, location, ERROR_MARK + flashKey);
    }

    private static Cookie flashCookie(RoutingContext ctx, String value) {
        return Cookie.cookie(FLASH_COOKIE, value).setPath("/").setHttpOnly(true).setSameSite(CookieSameSite.LAX)
                .setSecure(Boolean.TRUE.equals(ctx.get(SECURE_COOKIES)));
    }
}
