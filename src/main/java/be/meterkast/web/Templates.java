package be.meterkast.web;

import io.vertx.core.Vertx;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.templ.thymeleaf.ThymeleafTemplateEngine;
import org.thymeleaf.context.ITemplateContext;
import org.thymeleaf.messageresolver.AbstractMessageResolver;

import java.text.MessageFormat;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.MissingResourceException;
import java.util.ResourceBundle;

/**
 * Renders the Thymeleaf pages under {@code templates/} with texts from {@code i18n/messages*.properties}.
 * One instance per verticle: the Vert.x engine renders one page at a time.
 */
public final class Templates {
    public static final String BUNDLE = "i18n/messages";
    /**
     * English is the base bundle (messages.properties), not a messages_en: without this, a JVM whose default
     * locale is Dutch or French (a Pi set up in Flanders) would answer a request for English with that language.
     */
    private static final ResourceBundle.Control NO_FALLBACK =
            ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES);

    private final ThymeleafTemplateEngine engine;

    public Templates(Vertx vertx) {
        engine = ThymeleafTemplateEngine.create(vertx);
        engine.unwrap().setMessageResolver(new BundleMessages());
    }

    /** Renders {@code templates/<name>.html} with the model and sends it with the given status. */
    public void render(RoutingContext ctx, int status, String name, Map<String, Object> model) {
        engine.render(model, "templates/" + name + ".html")
                .onSuccess(html -> PageCache.respond(ctx, status, "text/html; charset=utf-8", html,
                        Optional.of("no-store")))
                .onFailure(ctx::fail);
    }

    /** A text in the language of {@code locale}, for messages built outside templates. */
    public static String text(Locale locale, String key, Object... args) {
        try {
            String pattern = ResourceBundle.getBundle(BUNDLE, locale, NO_FALLBACK).getString(key);
            return args.length == 0 ? pattern : new MessageFormat(pattern, locale).format(args);
        } catch (MissingResourceException e) {
            return key;
        }
    }

    private static final class BundleMessages extends AbstractMessageResolver {
        @Override
        public String resolveMessage(ITemplateContext context, Class<?> origin, String key, Object[] parameters) {
            Locale locale = context.getLocale() == null ? Locale.ENGLISH : context.getLocale();
            try {
                String pattern = ResourceBundle.getBundle(BUNDLE, locale, NO_FALLBACK).getString(key);
                return parameters == null || parameters.length == 0 ? pattern
                        : new MessageFormat(pattern, locale).format(parameters);
            } catch (MissingResourceException e) {
                return null;
            }
        }

        @Override
        public String createAbsentMessageRepresentation(ITemplateContext context, Class<?> origin, String key,
                                                        Object[] parameters) {
            return "??" + key + "??";
        }
    }
}
