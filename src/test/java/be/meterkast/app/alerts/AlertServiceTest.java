package be.meterkast.app.alerts;

import be.meterkast.config.Environment;
import be.meterkast.domain.Direction;
import be.meterkast.domain.MonthlyPeak;
import be.meterkast.domain.Reading;
import be.meterkast.domain.Unit;
import be.meterkast.fluvius.sim.MeterDataGenerator;
import be.meterkast.fluvius.sim.SimAccounts;
import be.meterkast.fluvius.sim.SimMeter;
import be.meterkast.store.AccountStatus;
import be.meterkast.store.AlertSettings;
import be.meterkast.store.Database;
import be.meterkast.store.DatabaseConfig;
import be.meterkast.store.FluviusAccount;
import be.meterkast.store.Meter;
import be.meterkast.store.Repositories;
import be.meterkast.store.SecretBox;
import be.meterkast.store.StoredAlert;
import be.meterkast.store.TestDatabases;
import be.meterkast.store.User;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.math.BigDecimal;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiFunction;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The alert rules against stored readings built from the simulator's generator, and their delivery to a real
 * SMTP server (GreenMail), a local webhook and a recording MQTT publisher, on a clock the test moves.
 */
@ExtendWith(VertxExtension.class)
@DisplayName("Alerts")
class AlertServiceTest {
    /** Thursday 20 November 2025, 11:00 in Brussels: the rules look at 17, 18 and 19 November. */
    private static final Instant NOW = Instant.parse("2025-11-20T10:00:00Z");
    private static final LocalDate TODAY = LocalDate.of(2025, 11, 20);
    private static final LocalDate FIRST = TODAY.minusDays(40);
    private static final SimMeter SOLAR = SimAccounts.DEMO_SOLAR;
    private static final String HASH = "$argon2id$v=19$m=19456,t=2,p=1$c2FsdA$aGFzaA";

    @TempDir
    java.nio.file.Path dataDirectory;

    private Vertx vertx;
    private TestDatabases.Fresh fresh;
    private Database database;
    private Repositories store;
    private final MovableClock clock = new MovableClock(NOW);
    private GreenMail smtp;
    private int smtpPort;
    private HttpServer webhook;
    private final List<JsonObject> webhookBodies = new CopyOnWriteArrayList<>();
    private final List<String> webhookPaths = new CopyOnWriteArrayList<>();
    private volatile int webhookStatus = 200;
    private final RecordingPublisher mqtt = new RecordingPublisher();
    private final List<AlertService> services = new ArrayList<>();

    @BeforeEach
    void start(Vertx vertx) throws IOException {
        this.vertx = vertx;
        fresh = TestDatabases.create();
        database = Database.start(vertx, DatabaseConfig.external(fresh.url(), dataDirectory)).await();
        store = new Repositories(database.pool(), SecretBox.withNewKey());
        try (ServerSocket socket = new ServerSocket(0)) {
            smtpPort = socket.getLocalPort();
        }
        smtp = new GreenMail(new ServerSetup(smtpPort, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        webhook = vertx.createHttpServer().requestHandler(request -> request.body().onSuccess(body -> {
            webhookPaths.add(request.path());
            webhookBodies.add(body.toJsonObject());
            request.response().setStatusCode(webhookStatus).end();
        })).listen(0, "127.0.0.1").await();
    }

    @AfterEach
    void stop() {
        services.forEach(s -> s.stop().await());
        webhook.close().await();
        smtp.stop();
        database.close().await();
        TestDatabases.drop(fresh);
    }

    // --- the world the tests build ------------------------------------------------------------------

    private AlertService service() {
        Map<String, String> env = Map.of("METERKAST_SMTP_HOST", "127.0.0.1", "METERKAST_SMTP_PORT",
                Integer.toString(smtpPort), "METERKAST_SMTP_TLS", "none", "METERKAST_SMTP_FROM", "meterkast@example.be");
        AlertService service = new AlertService(vertx, clock, store, AlertConfig.fromEnvironment(new Environment(env)),
                new TestLinks(), Optional.of(URI.create("https://meterkast.example.be")), mqtt);
        services.add(service);
        return service;
    }

    private String webhookUrl() {
        return "http://127.0.0.1:" + webhook.actualPort() + "/api/webhook/meterkast-alerts";
    }

    private User user(String name) {
        return store.users().create(name, name.toUpperCase(), HASH, false).await();
    }

    private long household(User owner) {
        return store.households().create("Thuis " + owner.username(), owner.id()).await().id();
    }

    private Meter meter(long household, Optional<Long> account) {
        return store.meters().create(household, account, SOLAR.ref(), SOLAR.kind(), "Zonnepanelen", Optional.empty())
                .await();
    }

    /** Quarter-hours as the generator makes them, from FIRST to {@code last}, each with {@code extraWh} added. */
    private void quarterHours(Meter meter, LocalDate last, BiFunction<Instant, Direction, Long> extraWh) {
        List<Reading> readings = new ArrayList<>();
        for (LocalDate day = FIRST; !day.isAfter(last); day = day.plusDays(1)) {
            for (Instant start : MeterDataGenerator.quarterHours(day)) {
                for (Direction direction : Direction.values()) {
                    long wh = MeterDataGenerator.quarterHourWh(SOLAR, start, direction, false) + extraWh.apply(start, direction);
                    readings.add(new Reading(start, start.plus(Duration.ofMinutes(15)), MeterDataGenerator.tariffAt(start),
                            direction, Unit.KWH, BigDecimal.valueOf(wh, 3), false));
                }
            }
        }
        store.readings().upsert(meter.id(), readings).await();
    }

    private void normalQuarterHours(Meter meter) {
        quarterHours(meter, TODAY.minusDays(1), (start, direction) -> 0L);
    }

    private static boolean on(Instant start, LocalDate day, int fromHour, int toHour) {
        var local = start.atZone(ZoneId.of("Europe/Brussels"));
        return local.toLocalDate().equals(day) && local.getHour() >= fromHour && local.getHour() < toHour;
    }

    private void save(User user, Map<String, String> fields) {
        AlertInput.Result parsed = AlertInput.parse(fields);
        assertThat(parsed.errors()).isEmpty();
        store.alerts().saveSettings(user.id(), parsed.settings().orElseThrow(), NOW).await();
    }

    private static Map<String, String> rule(String field, String value) {
        Map<String, String> fields = new HashMap<>();
        fields.put(field, value);
        return fields;
    }

    private List<StoredAlert> alerts(User user) {
        return store.alerts().recent(user.id(), 100).await();
    }

    // --- the rules ------------------------------------------------------------------------------------

    @Nested
    @DisplayName("this month's peak")
    class Peaks {
        private void peaks(Meter meter, String november) {
            List<MonthlyPeak> peaks = new ArrayList<>();
            for (int m = 11; m >= 1; m--) {
                YearMonth month = YearMonth.of(2025, 11).minusMonths(m);
                Instant at = month.atDay(10).atTime(18, 0).atZone(ZoneId.of("Europe/Brussels")).toInstant();
                peaks.add(new MonthlyPeak(month, new BigDecimal("3.000"), at, at.plus(Duration.ofMinutes(15))));
            }
            Instant at = Instant.parse("2025-11-18T17:00:00Z");
            peaks.add(new MonthlyPeak(YearMonth.of(2025, 11), new BigDecimal(november), at, at.plus(Duration.ofMinutes(15))));
            store.peaks().upsert(meter.id(), peaks).await();
        }

        @Test
        @DisplayName("above the user's level raises one alert for the month, linking to the month's costs")
        void aboveLevel() {
            User user = user("ann");
            Meter meter = meter(household(user), Optional.empty());
            peaks(meter, "6.200");
            save(user, rule(AlertInput.PEAK_KW, "5"));

            assertThat(service().runOnce().await().raised()).isEqualTo(1);

            StoredAlert alert = alerts(user).get(0);
            assertThat(alert.rule()).isEqualTo("peak_level");
            assertThat(alert.args()).containsExactly("Zonnepanelen", "2025-11", "6.2", "5", "2025-11-18T17:00:00Z");
            assertThat(service().path(alert)).isEqualTo("/meters/" + meter.id() + "/costs?month=2025-11");
        }

        @Test
        @DisplayName("below the user's level raises nothing")
        void belowLevel() {
            User user = user("ann");
            peaks(meter(household(user), Optional.empty()), "6.200");
            save(user, rule(AlertInput.PEAK_KW, "6.5"));

            assertThat(service().runOnce().await().raised()).isZero();
        }

        @Test
        @DisplayName("above the 12-month average of the months before raises an alert; at or below it, none")
        void aboveAverage() {
            User ann = user("ann");
            peaks(meter(household(ann), Optional.empty()), "3.400");
            save(ann, rule(AlertInput.PEAK_ABOVE_AVERAGE, "true"));
            User bob = user("bob");
            peaks(meter(household(bob), Optional.empty()), "2.900");
            save(bob, rule(AlertInput.PEAK_ABOVE_AVERAGE, "true"));

            service().runOnce().await();

            assertThat(alerts(ann)).extracting(StoredAlert::rule).containsExactly("peak_average");
            assertThat(alerts(ann).get(0).args()).contains("3.4", "3");
            assertThat(alerts(bob)).isEmpty();
        }
    }

    @Nested
    @DisplayName("the night base load")
    class BaseLoad {
        @Test
        @DisplayName("jumping well above its 30-night usual (a heater left on) raises one alert for that night")
        void jump() {
            User user = user("ann");
            Meter meter = meter(household(user), Optional.empty());
            // 1.2 kW more from the night of 19 November on: a jump on the 19th, still high after it
            quarterHours(meter, TODAY.minusDays(1), (start, direction) -> direction == Direction.OFFTAKE
                    && !start.isBefore(Instant.parse("2025-11-18T23:00:00Z")) ? 300L : 0L);
            save(user, rule(AlertInput.BASE_LOAD_PERCENT, "50"));

            assertThat(service().runOnce().await().raised()).isEqualTo(1);

            StoredAlert alert = alerts(user).get(0);
            assertThat(alert.rule()).isEqualTo("base_load");
            assertThat(alert.day()).contains(LocalDate.of(2025, 11, 19));
            assertThat(service().path(alert)).isEqualTo("/meters/" + meter.id() + "/day/2025-11-19");
        }

        @Test
        @DisplayName("the generator's ordinary nights raise nothing")
        void ordinary() {
            User user = user("ann");
            normalQuarterHours(meter(household(user), Optional.empty()));
            save(user, rule(AlertInput.BASE_LOAD_PERCENT, "50"));

            assertThat(service().runOnce().await().raised()).isZero();
        }
    }

    @Nested
    @DisplayName("a day far outside its usual range")
    class UnusualDay {
        @Test
        @DisplayName("offtake several times the highest day of the month before raises an alert for that day and direction")
        void high() {
            User user = user("ann");
            Meter meter = meter(household(user), Optional.empty());
            quarterHours(meter, TODAY.minusDays(1), (start, direction) -> direction == Direction.OFFTAKE
                    && on(start, LocalDate.of(2025, 11, 18), 8, 20) ? 2000L : 0L);
            save(user, rule(AlertInput.UNUSUAL_DAY_FACTOR, "3"));

            service().runOnce().await();

            assertThat(alerts(user)).extracting(StoredAlert::occurrence)
                    .containsExactly("meter:" + meter.id() + ":2025-11-18:offtake");
            assertThat(alerts(user).get(0).args()).contains("offtake", "high");
        }

        @Test
        @DisplayName("the generator's ordinary days raise nothing")
        void ordinary() {
            User user = user("ann");
            normalQuarterHours(meter(household(user), Optional.empty()));
            save(user, rule(AlertInput.UNUSUAL_DAY_FACTOR, "3"));

            assertThat(service().runOnce().await().raised()).isZero();
        }
    }

    @Nested
    @DisplayName("no new data")
    class NoData {
        @Test
        @DisplayName("a synced meter without data for three days (17 to 19 November) raises an alert at two days, not at four")
        void stale() {
            User ann = user("ann");
            long household = household(ann);
            FluviusAccount account = store.accounts().create(household, "ann@example.be", "secret").await();
            Meter meter = meter(household, Optional.of(account.id()));
            quarterHours(meter, TODAY.minusDays(4), (start, direction) -> 0L);
            save(ann, rule(AlertInput.NO_DATA_DAYS, "4"));
            assertThat(service().runOnce().await().raised()).isZero();

            save(ann, rule(AlertInput.NO_DATA_DAYS, "2"));
            assertThat(service().runOnce().await().raised()).isEqualTo(1);
            assertThat(alerts(ann).get(0).args()).containsExactly("Zonnepanelen", "3", "2025-11-16");
        }

        @Test
        @DisplayName("a meter with yesterday's data raises nothing")
        void upToDate() {
            User ann = user("ann");
            long household = household(ann);
            FluviusAccount account = store.accounts().create(household, "ann@example.be", "secret").await();
            normalQuarterHours(meter(household, Optional.of(account.id())));
            save(ann, rule(AlertInput.NO_DATA_DAYS, "1"));

            assertThat(service().runOnce().await().raised()).isZero();
        }
    }

    @Nested
    @DisplayName("a Fluvius account")
    class Accounts {
        @Test
        @DisplayName("whose password Fluvius refused raises an alert for the household's members, not for others")
        void needsPassword() {
            User ann = user("ann");
            long household = household(ann);
            FluviusAccount account = store.accounts().create(household, "ann@example.be", "secret").await();
            store.accounts().updateStatus(account.id(), AccountStatus.NEEDS_PASSWORD, Optional.of("refused"),
                    Optional.empty()).await();
            save(ann, rule(AlertInput.ACCOUNT_ATTENTION, "true"));
            User other = user("other");
            household(other);
            save(other, rule(AlertInput.ACCOUNT_ATTENTION, "true"));

            service().runOnce().await();

            assertThat(alerts(ann)).extracting(StoredAlert::rule).containsExactly("account");
            assertThat(service().path(alerts(ann).get(0))).isEqualTo("/households/" + household);
            assertThat(alerts(other)).isEmpty();
        }

        @Test
        @DisplayName("that is linked raises nothing")
        void linked() {
            User ann = user("ann");
            long household = household(ann);
            FluviusAccount account = store.accounts().create(household, "ann@example.be", "secret").await();
            store.accounts().markLinked(account.id(), NOW).await();
            save(ann, rule(AlertInput.ACCOUNT_ATTENTION, "true"));

            assertThat(service().runOnce().await().raised()).isZero();
        }
    }

    // --- delivery -----------------------------------------------------------------------------------------

    /** Ann, in Dutch, with a locked account, and every channel set. */
    private User lockedAccountEverywhere() {
        User ann = user("ann");
        store.users().setLocale(ann.id(), "nl").await();
        long household = household(ann);
        FluviusAccount account = store.accounts().create(household, "ann@example.be", "secret").await();
        store.accounts().updateStatus(account.id(), AccountStatus.LOCKED, Optional.empty(), Optional.empty()).await();
        Map<String, String> fields = rule(AlertInput.ACCOUNT_ATTENTION, "true");
        fields.put(AlertInput.EMAIL, "ann@example.be");
        fields.put(AlertInput.WEBHOOK_URL, webhookUrl());
        fields.put(AlertInput.MQTT, "true");
        save(ann, fields);
        return ann;
    }

    @Test
    @DisplayName("an alert arrives once by e-mail, webhook and MQTT, in the user's language, with its link")
    void deliveredEverywhere() throws Exception {
        User ann = lockedAccountEverywhere();

        AlertService.Round round = service().runOnce().await();

        assertThat(round).isEqualTo(new AlertService.Round(1, 3, 0));
        MimeMessage[] mails = smtp.getReceivedMessages();
        assertThat(mails).hasSize(1);
        assertThat(mails[0].getAllRecipients()[0].toString()).isEqualTo("ann@example.be");
        assertThat(mails[0].getSubject()).isEqualTo("Meterkast: Fluvius-account ann@example.be heeft je nodig");
        String text = mails[0].getContent().toString();
        assertThat(text).contains("Fluvius blokkeerde het account ann@example.be")
                .contains("https://meterkast.example.be/households/");
        assertThat(webhookPaths).containsExactly("/api/webhook/meterkast-alerts");
        assertThat(webhookBodies.get(0).getString("rule")).isEqualTo("account");
        assertThat(webhookBodies.get(0).getString("title")).isEqualTo("Fluvius-account ann@example.be heeft je nodig");
        assertThat(webhookBodies.get(0).getString("link")).startsWith("https://meterkast.example.be/households/");
        assertThat(mqtt.published).hasSize(1);
        assertThat(mqtt.published.get(0).topic()).isEqualTo("alerts/" + ann.id());
        assertThat(new JsonObject(mqtt.published.get(0).json()).getString("rule")).isEqualTo("account");
        assertThat(alerts(ann).get(0).deliveries()).allSatisfy(d -> assertThat(d.deliveredAt()).isPresent());
    }

    @Test
    @DisplayName("a new service on the same database (a restart) neither raises nor sends the alert again")
    void noDuplicateAfterRestart() {
        lockedAccountEverywhere();
        service().runOnce().await();

        clock.move(Duration.ofHours(1));
        AlertService.Round again = service().runOnce().await();

        assertThat(again).isEqualTo(new AlertService.Round(0, 0, 0));
        assertThat(smtp.getReceivedMessages()).hasSize(1);
        assertThat(webhookBodies).hasSize(1);
        assertThat(mqtt.published).hasSize(1);
    }

    @Test
    @DisplayName("with the SMTP server down and the webhook answering 500, the failures are recorded and retried"
            + " later, and what was delivered (MQTT) is not sent again")
    void failuresRetried() throws Exception {
        User ann = lockedAccountEverywhere();
        smtp.stop();
        webhookStatus = 500;

        AlertService.Round first = service().runOnce().await();

        assertThat(first).isEqualTo(new AlertService.Round(1, 1, 2));
        Map<String, StoredAlert.Delivery> byChannel = new HashMap<>();
        alerts(ann).get(0).deliveries().forEach(d -> byChannel.put(d.channel(), d));
        assertThat(byChannel.get("email").deliveredAt()).isEmpty();
        assertThat(byChannel.get("email").lastError()).isPresent();
        assertThat(byChannel.get("webhook").lastError()).contains("HTTP 500 from the webhook");
        assertThat(byChannel.get("webhook").nextAttemptAt()).isEqualTo(NOW.plus(Duration.ofMinutes(5)));
        assertThat(byChannel.get("mqtt").deliveredAt()).isPresent();

        // Not due yet: nothing is tried
        assertThat(service().runOnce().await()).isEqualTo(new AlertService.Round(0, 0, 0));

        smtp = new GreenMail(new ServerSetup(smtpPort, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        webhookStatus = 200;
        clock.move(Duration.ofMinutes(6));
        assertThat(service().runOnce().await()).isEqualTo(new AlertService.Round(0, 2, 0));

        clock.move(Duration.ofHours(6));
        assertThat(service().runOnce().await()).isEqualTo(new AlertService.Round(0, 0, 0));
        assertThat(smtp.getReceivedMessages()).hasSize(1);
        assertThat(webhookBodies).hasSize(2);
        assertThat(mqtt.published).hasSize(1);
        assertThat(alerts(ann).get(0).deliveries()).allSatisfy(d -> assertThat(d.deliveredAt()).isPresent());
    }

    @Test
    @DisplayName("an ntfy webhook gets ntfy's JSON publishing: the server's root, the topic, title, message, click")
    void ntfy() {
        User ann = user("ann");
        store.users().setLocale(ann.id(), "en").await();
        ann = store.users().findById(ann.id()).await().orElseThrow();
        String url = "http://127.0.0.1:" + webhook.actualPort() + "/meterkast-ann";
        save(ann, Map.of(AlertInput.WEBHOOK_URL, url, AlertInput.WEBHOOK_FORMAT, "ntfy"));

        service().sendTest(ann, Channel.WEBHOOK).await();

        assertThat(webhookPaths).containsExactly("/");
        JsonObject body = webhookBodies.get(0);
        assertThat(body.getString("topic")).isEqualTo("meterkast-ann");
        assertThat(body.getString("title")).isEqualTo("Test from Meterkast");
        assertThat(body.getString("click")).isEqualTo("https://meterkast.example.be/alerts");
    }

    @Test
    @DisplayName("a test on a channel that is not set up fails as not set up; a refused one with the reason")
    void testFailures() {
        User ann = user("ann");
        save(ann, Map.of(AlertInput.WEBHOOK_URL, webhookUrl()));
        webhookStatus = 500;

        Future<Void> unset = service().sendTest(ann, Channel.EMAIL);
        Future<Void> refused = service().sendTest(ann, Channel.WEBHOOK);

        assertThat(unset.transform(Future::succeededFuture).await().failed()).isTrue();
        assertThat(AlertService.notConfigured(unset.cause())).isTrue();
        refused.transform(Future::succeededFuture).await();
        assertThat(AlertService.notConfigured(refused.cause())).isFalse();
        assertThat(refused.cause()).hasMessage("HTTP 500 from the webhook");
    }

    // --- test doubles -----------------------------------------------------------------------------------------

    static final class MovableClock extends Clock {
        private volatile Instant now;

        MovableClock(Instant now) {
            this.now = now;
        }

        void move(Duration by) {
            now = now.plus(by);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return Clock.fixed(now, zone);
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    record Published(String topic, String json) {
    }

    static final class RecordingPublisher implements EventPublisher {
        final List<Published> published = new CopyOnWriteArrayList<>();

        @Override
        public boolean enabled() {
            return true;
        }

        @Override
        public Future<Void> publish(String topic, String json) {
            published.add(new Published(topic, json));
            return Future.succeededFuture();
        }
    }

    static final class TestLinks implements AlertLinks {
        @Override
        public String meter(long meterId) {
            return "/meters/" + meterId;
        }

        @Override
        public String meterDay(long meterId, LocalDate day) {
            return "/meters/" + meterId + "/day/" + day;
        }

        @Override
        public String meterCosts(long meterId, YearMonth month) {
            return "/meters/" + meterId + "/costs?month=" + month;
        }

        @Override
        public String household(long householdId) {
            return "/households/" + householdId;
        }

        @Override
        public String alerts() {
            return "/alerts";
        }
    }
}
