package be.meterkast.web;

import be.meterkast.app.Messages;
import io.vertx.core.Vertx;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.templ.thymeleaf.ThymeleafTemplateEngine;
import org.thymeleaf.context.ITemplateContext;
import org.thymeleaf.messageresolver.AbstractMessageResolver;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Renders the Thymeleaf pages under {@code templates/} with texts from {@code i18n/messages*.properties}.
 * One instance per verticle: the Vert.x engine renders one page at a time.
 */
public final class Templates {
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
        return Messages.text(locale, key, args);
    }

    private static final class BundleMessages extends AbstractMessageResolver {
        @Override
        public String resolveMessage(ITemplateContext context, Class<?> origin, String key, Object[] parameters) {
            Locale locale = context.getLocale() == null ? Locale.ENGLISH : context.getLocale();
            return Messages.find(locale, key, parameters).orElse(null);
        }

        @Override
        public String createAbsentMessageRepresentation(ITemplateContext context, Class<?> origin, String key,
                                                        Object[] parameters) {
            return "??" + key + "??";
        }
    }
}
