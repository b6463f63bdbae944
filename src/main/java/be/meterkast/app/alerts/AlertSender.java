package be.meterkast.app.alerts;

import be.meterkast.store.AlertSettings;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.mail.LoginOption;
import io.vertx.ext.mail.MailClient;
import io.vertx.ext.mail.MailConfig;
import io.vertx.ext.mail.MailMessage;
import io.vertx.ext.mail.StartTLSOptions;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;

/**
 * Sends one message on one channel, without blocking: e-mail through the configured SMTP server, a JSON POST
 * to the user's webhook (plain, or ntfy's JSON publishing), or an MQTT event. Every channel has a time limit, so
 * a server that never answers fails the attempt rather than holding it.
 */
final class AlertSender {
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);
    static final Duration SMTP_IDLE_TIMEOUT = Duration.ofSeconds(30);

    /** What goes out: the texts, the link (empty without METERKAST_PUBLIC_URL) and the JSON for webhooks and MQTT. */
    record Message(String title, String text, Optional<String> link, JsonObject json) {
    }

    private final Optional<MailClient> mail;
    private final Optional<String> from;
    private final WebClient web;
    private final EventPublisher events;

    AlertSender(Vertx vertx, AlertConfig config, EventPublisher events) {
        this.mail = config.smtp().map(smtp -> MailClient.create(vertx, mailConfig(smtp)));
        this.from = config.smtp().map(AlertConfig.Smtp::from);
        this.web = WebClient.create(vertx, new WebClientOptions().setUserAgent("Meterkast")
                .setConnectTimeout((int) CONNECT_TIMEOUT.toMillis()).setFollowRedirects(false));
        this.events = events;
    }

    private static MailConfig mailConfig(AlertConfig.Smtp smtp) {
        MailConfig config = new MailConfig().setHostname(smtp.host()).setPort(smtp.port())
                .setConnectTimeout((int) CONNECT_TIMEOUT.toMillis()).setIdleTimeout((int) SMTP_IDLE_TIMEOUT.toSeconds())
                .setKeepAlive(false);
        switch (smtp.tls()) {
            case STARTTLS -> config.setStarttls(StartTLSOptions.REQUIRED);
            case TLS -> config.setSsl(true).setStarttls(StartTLSOptions.DISABLED);
            case NONE -> config.setStarttls(StartTLSOptions.DISABLED);
        }
        if (smtp.username().isPresent()) {
            config.setLogin(LoginOption.REQUIRED).setUsername(smtp.username().get()).setPassword(smtp.password().orElse(""));
        } else {
            config.setLogin(LoginOption.DISABLED);
        }
        return config;
    }

    boolean emailAvailable() {
        return mail.isPresent();
    }

    boolean mqttAvailable() {
        return events.enabled();
    }

    /** Whether the user's settings give {@code channel} somewhere to go (and the instance has it). */
    boolean configured(Channel channel, AlertSettings settings) {
        return switch (channel) {
            case EMAIL -> mail.isPresent() && settings.email().isPresent();
            case WEBHOOK -> settings.webhookUrl().isPresent();
            case MQTT -> events.enabled() && settings.mqtt();
        };
    }

    Future<Void> send(Channel channel, long userId, AlertSettings settings, Message message) {
        if (!configured(channel, settings)) {
            return Future.failedFuture(new NotConfigured(channel));
        }
        return switch (channel) {
            case EMAIL -> email(settings.email().orElseThrow(), message);
            case WEBHOOK -> webhook(settings.webhookUrl().orElseThrow(), settings.webhookFormat(), message);
            case MQTT -> events.publish(topic(userId), message.json().encode());
        };
    }

    /** The MQTT topic of a user's alerts, under the instance's prefix: the id, as names may hold + # and /. */
    static String topic(long userId) {
        return "alerts/" + userId;
    }

    private Future<Void> email(String to, Message message) {
        MailMessage mailMessage = new MailMessage().setFrom(from.orElseThrow()).setTo(to)
                .setSubject("Meterkast: " + message.title())
                .setText(message.text() + message.link().map(link -> "\n\n" + link).orElse("") + "\n");
        return mail.orElseThrow().sendMail(mailMessage).mapEmpty();
    }

    private Future<Void> webhook(String url, String format, Message message) {
        URI uri = URI.create(url);
        JsonObject body = message.json();
        String target = url;
        if (AlertSettings.NTFY.equals(format)) {
            // ntfy's JSON publishing: the body goes to the server's root and names the topic
            target = uri.getScheme() + "://" + uri.getRawAuthority() + "/";
            JsonObject ntfy = new JsonObject().put("topic", AlertInput.ntfyTopic(uri).orElse(""))
                    .put("title", message.title()).put("message", message.text())
                    .put("tags", new JsonArray().add("zap"));
            message.link().ifPresent(link -> ntfy.put("click", link));
            body = ntfy;
        }
        return web.postAbs(target).timeout(REQUEST_TIMEOUT.toMillis()).sendJsonObject(body).compose(response -> {
            if (response.statusCode() / 100 == 2) {
                return Future.succeededFuture();
            }
            return Future.failedFuture(new DeliveryRefused("HTTP " + response.statusCode() + " from the webhook"));
        });
    }

    Future<Void> close() {
        web.close();
        return mail.map(MailClient::close).orElse(Future.succeededFuture());
    }

    /** The channel has nowhere to go: no address saved, or the instance has no SMTP server or MQTT broker. */
    static final class NotConfigured extends RuntimeException {
        final Channel channel;

        NotConfigured(Channel channel) {
            super(channel.code() + " is not set up");
            this.channel = channel;
        }
    }

    /** The receiving end answered, but not with success. */
    static final class DeliveryRefused extends RuntimeException {
        DeliveryRefused(String message) {
            super(message);
        }
    }
}
