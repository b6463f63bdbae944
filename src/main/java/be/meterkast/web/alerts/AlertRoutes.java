package be.meterkast.web.alerts;

import be.meterkast.app.alerts.AlertInput;
import be.meterkast.app.alerts.AlertService;
import be.meterkast.app.alerts.AlertTexts;
import be.meterkast.app.alerts.Channel;
import be.meterkast.store.AlertSettings;
import be.meterkast.store.StoredAlert;
import be.meterkast.store.User;
import be.meterkast.web.Feature;
import be.meterkast.web.Forms;
import be.meterkast.web.Page;
import be.meterkast.web.Paths;
import be.meterkast.web.Templates;
import be.meterkast.web.auth.Access;
import be.meterkast.web.auth.CurrentUser;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * One's own alerts: which rules, which channels (with a test message per channel) and the recent alerts with
 * how each was delivered. Every user has their own; nothing here is about another user.
 */
public final class AlertRoutes implements Feature {
    private final AlertService alerts;
    private final Templates templates;

    public AlertRoutes(AlertService alerts, Templates templates) {
        this.alerts = alerts;
        this.templates = templates;
    }

    @Override
    public void mount(Router root) {
        root.get(Paths.ALERTS).handler(Access::requireUser).handler(this::showAlerts);
        root.post(Paths.ALERTS).handler(Access::requireUser).handler(this::saveAlerts);
        root.post(Paths.ALERTS_TEST).handler(Access::requireUser).handler(this::sendTest);
    }

    /** A recent alert as listed: its texts in the reader's language, the page that explains it, its deliveries. */
    public record AlertRow(String title, String text, String path, Instant raisedAt, List<StoredAlert.Delivery> deliveries,
                           int maxAttempts) {
    }

    private void showAlerts(RoutingContext ctx) {
        User user = CurrentUser.user(ctx);
        alerts.settings(user.id()).onSuccess(settings -> render(ctx, 200, form(settings), null, null))
                .onFailure(ctx::fail);
    }

    private static Forms form(AlertSettings settings) {
        Forms form = Forms.empty();
        AlertInput.fields(settings).forEach(form::set);
        return form;
    }

    private void saveAlerts(RoutingContext ctx) {
        Map<String, String> values = new LinkedHashMap<>();
        Forms form = Forms.of(ctx, AlertInput.FIELDS.toArray(String[]::new));
        form.values().forEach(values::put);
        AlertInput.Result result = AlertInput.parse(values);
        if (result.settings().isEmpty()) {
            result.errors().forEach(form::error);
            render(ctx, 400, form, null, null);
            return;
        }
        alerts.save(CurrentUser.user(ctx).id(), result.settings().get())
                .onSuccess(saved -> Page.redirect(ctx, Paths.ALERTS, "alerts.flash.saved"))
                .onFailure(ctx::fail);
    }

    private void sendTest(RoutingContext ctx) {
        User user = CurrentUser.user(ctx);
        Optional<Channel> channel = Channel.ofCode(Optional.ofNullable(ctx.request().getFormAttribute("channel")).orElse(""));
        Locale locale = Page.locale(ctx);
        if (channel.isEmpty()) {
            alerts.settings(user.id()).onSuccess(settings -> render(ctx, 400, form(settings),
                    Templates.text(locale, "alerts.test.unknownChannel"), null)).onFailure(ctx::fail);
            return;
        }
        String name = Templates.text(locale, "alerts.channel." + channel.get().code());
        alerts.sendTest(user, channel.get())
                .onSuccess(sent -> Page.redirect(ctx, Paths.ALERTS, "alerts.flash.testSent"))
                .onFailure(err -> alerts.settings(user.id()).onSuccess(settings -> {
                    boolean unset = AlertService.notConfigured(err);
                    String message = unset ? Templates.text(locale, "alerts.test.notSetUp", name)
                            : Templates.text(locale, "alerts.test.failed", name, String.valueOf(err.getMessage()));
                    // Not set up is the form's fault (400); a server that refused is not: the page says what it said
                    render(ctx, unset ? 400 : 200, form(settings), unset ? message : null, unset ? null : message);
                }).onFailure(ctx::fail));
    }

    private void render(RoutingContext ctx, int status, Forms form, String error, String testFailure) {
        User user = CurrentUser.user(ctx);
        Locale locale = Page.locale(ctx);
        alerts.recent(user.id()).onSuccess(recent -> {
            Map<String, Object> model = Page.model(ctx, "alerts.title");
            model.put("form", form);
            model.put("error", error);
            model.put("testFailure", testFailure);
            model.put("emailAvailable", alerts.emailAvailable());
            model.put("mqttAvailable", alerts.mqttAvailable());
            model.put("linksAvailable", alerts.linksAvailable());
            model.put("testChannels", java.util.Arrays.stream(Channel.values())
                    .filter(c -> c != Channel.MQTT || alerts.mqttAvailable()).map(Channel::code).toList());
            model.put("recent", recent.stream().map(a -> new AlertRow(AlertTexts.title(locale, a),
                    AlertTexts.text(locale, a), alerts.path(a), a.raisedAt(), a.deliveries(), AlertService.MAX_ATTEMPTS))
                    .toList());
            templates.render(ctx, status, "alerts", model);
        }).onFailure(ctx::fail);
    }
}
