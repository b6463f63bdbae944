package be.meterkast.app.alerts;

import be.meterkast.analysis.DailyUsage;
import be.meterkast.analysis.alerts.AlertRules;
import be.meterkast.app.readings.DailyData;
import be.meterkast.app.readings.ReadingService;
import be.meterkast.domain.Direction;
import be.meterkast.domain.MonthlyPeak;
import be.meterkast.domain.Reading;
import be.meterkast.domain.time.LocalDays;
import be.meterkast.store.AccountStatus;
import be.meterkast.store.AlertSettings;
import be.meterkast.store.FluviusAccount;
import be.meterkast.store.Meter;
import be.meterkast.store.Repositories;
import be.meterkast.store.StoredAlert;
import be.meterkast.store.User;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.math.BigDecimal;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Alerts: each user's settings, the rules checked against what PostgreSQL holds (never Fluvius), each
 * occurrence stored once and delivered once per channel, failed deliveries retried with a backoff.
 *
 * <p>A round (at start, then every {@link AlertConfig#interval()} by the portal's clock) raises what the rules
 * find for every user with settings, then sends what is due. Only meters and accounts of households the user
 * belongs to are looked at. Several instances may run rounds on one database: an occurrence is unique in the
 * database, and a delivery is claimed by one instance before it is sent.
 */
public final class AlertService {
    private static final Logger LOG = LoggerFactory.getLogger(AlertService.class);
    /** The rules look at the newest few days, so data that arrives a day or two late is still looked at. */
    static final int DAYS_LOOKED_AT = 3;
    /** How many recent alerts the page lists. */
    public static final int RECENT = 50;
    /** After this many failed attempts (about four days with the backoff) a delivery is given up. */
    public static final int MAX_ATTEMPTS = 20;
    static final Duration FIRST_RETRY = Duration.ofMinutes(5);
    static final Duration LONGEST_RETRY = Duration.ofHours(6);
    /** Longer than any channel's time limits: a delivery under way is not claimed again. */
    static final Duration LEASE = Duration.ofMinutes(2);
    static final int CLAIM_BATCH = 100;
    private static final Set<AccountStatus> NEEDS_ATTENTION = Set.of(AccountStatus.NEEDS_PASSWORD,
            AccountStatus.LOCKED, AccountStatus.MFA_REQUIRED);

    /** What one round did. */
    public record Round(int raised, int delivered, int failed) {
    }

    private final Clock clock;
    private final Repositories store;
    private final ReadingService readings;
    private final AlertConfig config;
    private final AlertLinks links;
    private final Optional<URI> publicUrl;
    private final AlertSender sender;
    /** Guarded by {@code this}. */
    private Instant nextRound;
    private Future<Round> current = Future.succeededFuture(new Round(0, 0, 0));
    private Vertx timerVertx;
    private long timerId = -1;

    public AlertService(Vertx vertx, Clock clock, Repositories store, AlertConfig config, AlertLinks links,
                        Optional<URI> publicUrl, EventPublisher events) {
        this.clock = clock;
        this.store = store;
        this.readings = new ReadingService(clock, store);
        this.config = config;
        this.links = links;
        this.publicUrl = publicUrl;
        this.sender = new AlertSender(vertx, config, events);
    }

    // --- settings and the page -------------------------------------------------------------------------

    public Future<AlertSettings> settings(long userId) {
        return store.alerts().settings(userId).map(found -> found.orElse(AlertSettings.NONE));
    }

    public Future<Void> save(long userId, AlertSettings settings) {
        return store.alerts().saveSettings(userId, settings, clock.instant());
    }

    public Future<List<StoredAlert>> recent(long userId) {
        return store.alerts().recent(userId, RECENT);
    }

    public boolean emailAvailable() {
        return sender.emailAvailable();
    }

    public boolean mqttAvailable() {
        return sender.mqttAvailable();
    }

    /** Whether alerts carry a link (METERKAST_PUBLIC_URL is set). */
    public boolean linksAvailable() {
        return publicUrl.isPresent();
    }

    /** The path of the page that explains an alert. */
    public String path(StoredAlert alert) {
        AlertRule rule = AlertRule.ofCode(alert.rule()).orElse(AlertRule.NO_DATA);
        if (rule == AlertRule.ACCOUNT) {
            return alert.householdId().map(links::household).orElse(links.alerts());
        }
        if (alert.meterId().isEmpty()) {
            return links.alerts();
        }
        long meter = alert.meterId().get();
        return switch (rule) {
            case PEAK_LEVEL, PEAK_AVERAGE -> links.meterCosts(meter, YearMonth.parse(alert.args().get(1)));
            case BASE_LOAD, UNUSUAL_DAY -> alert.day().map(day -> links.meterDay(meter, day)).orElse(links.meter(meter));
            default -> links.meter(meter);
        };
    }

    /**
     * Sends a test message on one channel now, with the saved settings; fails with the reason (not set up,
     * the server's refusal, a time-out) for the page to show.
     */
    public Future<Void> sendTest(User user, Channel channel) {
        Locale locale = AlertTexts.locale(user.locale());
        return settings(user.id()).compose(settings -> {
            String title = AlertTexts.text(locale, "alerts.test.title");
            String text = AlertTexts.text(locale, "alerts.test.text", user.displayName());
            Optional<String> link = absolute(links.alerts());
            JsonObject json = new JsonObject().put("source", "meterkast").put("rule", "test").put("test", true)
                    .put("title", title).put("message", text).put("link", link.orElse(null))
                    .put("raisedAt", clock.instant().toString());
            return sender.send(channel, user.id(), settings, new AlertSender.Message(title, text, link, json));
        });
    }

    /** Whether a test failed because the channel is not set up (a 400 for the form), not because sending failed. */
    public static boolean notConfigured(Throwable failure) {
        return failure instanceof AlertSender.NotConfigured;
    }

    // --- rounds ------------------------------------------------------------------------------------------

    /** Checks every user's rules, then sends every delivery that is due. */
    public Future<Round> runOnce() {
        return evaluate().compose(raised -> deliver().map(sent -> new Round(raised, sent[0], sent[1])));
    }

    /** Runs a round when one is due (the first at once) and none is under way; empty when none was started. */
    public Future<Optional<Round>> runIfDue() {
        Instant now = clock.instant();
        synchronized (this) {
            // A slow round (many users, a slow SMTP server) is not overtaken by the next one
            if (!current.isComplete() || nextRound != null && now.isBefore(nextRound)) {
                return Future.succeededFuture(Optional.empty());
            }
            nextRound = now.plus(config.interval());
            current = runOnce();
            return current.map(Optional::of);
        }
    }

    /** Looks every minute whether a round is due (so a moved clock is followed), until {@link #stop}. */
    public synchronized void schedule(Vertx vertx) {
        timerVertx = vertx;
        timerId = vertx.setPeriodic(1, Duration.ofMinutes(1).toMillis(), id -> runIfDue()
                .onSuccess(round -> round.filter(r -> r.raised() + r.delivered() + r.failed() > 0)
                        .ifPresent(r -> LOG.info("Alerts: {} raised, {} delivered, {} failed", r.raised(), r.delivered(),
                                r.failed())))
                .onFailure(err -> LOG.warn("Alert round failed; the next runs in {}: {}", config.interval(), err.toString())));
    }

    public synchronized Future<Void> stop() {
        if (timerId >= 0) {
            timerVertx.cancelTimer(timerId);
            timerId = -1;
        }
        return current.<Void>mapEmpty().recover(err -> Future.succeededFuture()).eventually(sender::close);
    }

    /** Raises what the rules find; the number of new occurrences. */
    Future<Integer> evaluate() {
        return store.alerts().allSettings().compose(all -> {
            Future<Integer> chain = Future.succeededFuture(0);
            for (Map.Entry<Long, AlertSettings> entry : all.entrySet()) {
                if (entry.getValue().anyRule()) {
                    // One user's failure (a query that failed) does not keep the others' alerts back
                    chain = chain.compose(n -> evaluateUser(entry.getKey(), entry.getValue()).map(m -> n + m)
                            .recover(err -> {
                                LOG.warn("Alert rules of user {} not checked this round: {}", entry.getKey(), err.toString());
                                return Future.succeededFuture(n);
                            }));
                }
            }
            return chain;
        });
    }

    private Future<Integer> evaluateUser(long userId, AlertSettings settings) {
        LocalDate today = readings.today();
        List<String> channels = new ArrayList<>();
        for (Channel channel : Channel.values()) {
            if (sender.configured(channel, settings)) {
                channels.add(channel.code());
            }
        }
        Future<List<Meter>> meters = store.meters().listForUser(userId);
        Future<List<FluviusAccount>> accounts = store.accounts().listForUser(userId);
        return Future.all(meters, accounts).compose(all -> {
            List<Future<List<StoredAlert.New>>> found = new ArrayList<>();
            for (Meter meter : meters.result()) {
                found.add(meterAlerts(userId, meter, settings, today, channels));
            }
            if (settings.accountAttention()) {
                found.add(Future.succeededFuture(accountAlerts(userId, accounts.result(), channels)));
            }
            return Future.all(found).compose(done -> {
                Future<Integer> chain = Future.succeededFuture(0);
                for (Future<List<StoredAlert.New>> list : found) {
                    for (StoredAlert.New alert : list.result()) {
                        chain = chain.compose(n -> store.alerts().raise(alert, clock.instant()).map(stored -> n + (stored ? 1 : 0)));
                    }
                }
                return chain;
            });
        });
    }

    private List<StoredAlert.New> accountAlerts(long userId, List<FluviusAccount> accounts, List<String> channels) {
        List<StoredAlert.New> out = new ArrayList<>();
        for (FluviusAccount account : accounts) {
            if (NEEDS_ATTENTION.contains(account.status())) {
                // A new sign-in that worked makes a later failure a new occurrence
                String since = account.lastSignInAt().orElse(account.createdAt()).toString();
                out.add(new StoredAlert.New(userId, AlertRule.ACCOUNT.code(),
                        "account:" + account.id() + ":" + account.status().dbValue() + ":" + since, Optional.empty(),
                        Optional.of(account.id()), Optional.of(account.householdId()),
                        List.of(account.email(), account.status().dbValue()), Optional.empty(), channels));
            }
        }
        return out;
    }

    private Future<List<StoredAlert.New>> meterAlerts(long userId, Meter meter, AlertSettings s, LocalDate today,
                                                      List<String> channels) {
        List<Future<List<StoredAlert.New>>> parts = new ArrayList<>();
        List<LocalDate> looked = new ArrayList<>();
        for (int i = DAYS_LOOKED_AT; i >= 1; i--) {
            looked.add(today.minusDays(i));
        }
        if (meter.electricity() && (s.peakKw().isPresent() || s.peakAboveAverage())) {
            parts.add(readings.peaks(meter).map(peaks -> peakAlerts(userId, meter, s, peaks,
                    YearMonth.from(today.minusDays(1)), channels)));
        }
        if (meter.electricity() && s.baseLoadPercent().isPresent()) {
            LocalDate first = today.minusDays(AlertRules.USUAL_DAYS + DAYS_LOOKED_AT + 1L);
            parts.add(store.readings().quarterHours(meter.id(), DailyData.from(first), DailyData.from(today))
                    .map(quarters -> baseLoadAlerts(userId, meter, s.baseLoadPercent().get(), quarters, looked, channels)));
        }
        if (s.unusualDayFactor().isPresent()) {
            LocalDate first = today.minusDays(AlertRules.USUAL_DAYS + DAYS_LOOKED_AT + 1L);
            parts.add(readings.days(meter, first, today.minusDays(1)).map(stored -> unusualDayAlerts(userId, meter,
                    s.unusualDayFactor().get(), DailyData.summary(stored, first, today.minusDays(1),
                            DailyData.unitOf(meter)).days(), looked, channels)));
        }
        if (s.noDataDays().isPresent() && meter.accountId().isPresent() && !meter.filesOnly()) {
            parts.add(store.readings().lastPeriodEnd(meter.id()).map(last -> last
                    .filter(end -> AlertRules.daysWithoutData(end, today, LocalDays.BRUSSELS) >= s.noDataDays().get())
                    .map(end -> {
                        LocalDate endDay = end.atZone(LocalDays.BRUSSELS).toLocalDate();
                        long missing = AlertRules.daysWithoutData(end, today, LocalDays.BRUSSELS);
                        return List.of(meterAlert(userId, meter, AlertRule.NO_DATA, endDay.toString(), Optional.empty(),
                                List.of(meter.label(), Long.toString(missing), endDay.minusDays(1).toString()), channels));
                    }).orElse(List.of())));
        }
        return Future.all(parts).map(done -> {
            List<StoredAlert.New> out = new ArrayList<>();
            parts.forEach(p -> out.addAll(p.result()));
            return out;
        });
    }

    private static List<StoredAlert.New> peakAlerts(long userId, Meter meter, AlertSettings s, List<MonthlyPeak> peaks,
                                                    YearMonth month, List<String> channels) {
        List<StoredAlert.New> out = new ArrayList<>();
        s.peakKw().flatMap(level -> AlertRules.peakAboveLevel(peaks, month, level)).ifPresent(peak ->
                out.add(meterAlert(userId, meter, AlertRule.PEAK_LEVEL, month.toString(), Optional.of(localDay(peak.start())),
                        List.of(meter.label(), month.toString(), plain(peak.kilowatts()), plain(s.peakKw().get()),
                                peak.start().toString()), channels)));
        if (s.peakAboveAverage()) {
            AlertRules.peakAboveAverage(peaks, month).ifPresent(found ->
                    out.add(meterAlert(userId, meter, AlertRule.PEAK_AVERAGE, month.toString(),
                            Optional.of(localDay(found.peak().start())), List.of(meter.label(), month.toString(),
                                    plain(found.peak().kilowatts()), plain(found.average()), found.peak().start().toString()),
                            channels)));
        }
        return out;
    }

    private static List<StoredAlert.New> baseLoadAlerts(long userId, Meter meter, int percent, List<Reading> quarters,
                                                        List<LocalDate> looked, List<String> channels) {
        var loads = AlertRules.nightBaseLoads(quarters, LocalDays.BRUSSELS);
        List<StoredAlert.New> out = new ArrayList<>();
        for (LocalDate day : looked) {
            AlertRules.baseLoadJump(loads, day, percent).ifPresent(jump -> out.add(meterAlert(userId, meter,
                    AlertRule.BASE_LOAD, day.toString(), Optional.of(day), List.of(meter.label(), day.toString(),
                            plain(jump.kilowatts()), plain(jump.usual())), channels)));
        }
        return out;
    }

    private static List<StoredAlert.New> unusualDayAlerts(long userId, Meter meter, BigDecimal factor,
                                                          List<DailyUsage> days, List<LocalDate> looked,
                                                          List<String> channels) {
        List<StoredAlert.New> out = new ArrayList<>();
        List<Direction> directions = meter.electricity() ? List.of(Direction.OFFTAKE, Direction.INJECTION)
                : List.of(Direction.OFFTAKE);
        for (LocalDate day : looked) {
            for (Direction direction : directions) {
                AlertRules.unusualDay(days, day, direction, factor).ifPresent(found -> {
                    String code = direction == Direction.OFFTAKE ? "offtake" : "injection";
                    out.add(meterAlert(userId, meter, AlertRule.UNUSUAL_DAY, day + ":" + code, Optional.of(day),
                            List.of(meter.label(), day.toString(), code, plain(found.value()), plain(found.lowest()),
                                    plain(found.highest()), DailyData.unitOf(meter).symbol(), found.high() ? "high" : "low"),
                            channels));
                });
            }
        }
        return out;
    }

    private static StoredAlert.New meterAlert(long userId, Meter meter, AlertRule rule, String when,
                                              Optional<LocalDate> day, List<String> args, List<String> channels) {
        return new StoredAlert.New(userId, rule.code(), "meter:" + meter.id() + ":" + when, Optional.of(meter.id()),
                Optional.empty(), Optional.of(meter.householdId()), args, day, channels);
    }

    private static LocalDate localDay(Instant instant) {
        return instant.atZone(LocalDays.BRUSSELS).toLocalDate();
    }

    private static String plain(BigDecimal value) {
        return value.stripTrailingZeros().toPlainString();
    }

    // --- deliveries ----------------------------------------------------------------------------------------

    /** Sends every due delivery; {delivered, failed}. */
    Future<int[]> deliver() {
        Instant now = clock.instant();
        return store.alerts().claimDue(now, now.plus(LEASE), MAX_ATTEMPTS, CLAIM_BATCH).compose(claimed -> {
            int[] counts = new int[2];
            List<Future<Void>> sends = new ArrayList<>();
            for (StoredAlert.Claimed c : claimed) {
                sends.add(deliverOne(c).map(ok -> {
                    synchronized (counts) {
                        counts[ok ? 0 : 1]++;
                    }
                    return null;
                }));
            }
            return Future.join(sends).transform(done -> Future.succeededFuture(counts));
        });
    }

    private Future<Boolean> deliverOne(StoredAlert.Claimed claimed) {
        StoredAlert alert = claimed.alert();
        Channel channel = Channel.ofCode(claimed.channel()).orElseThrow();
        Future<Optional<User>> user = store.users().findById(alert.userId());
        Future<AlertSettings> settings = settings(alert.userId());
        return Future.all(user, settings).compose(all -> {
            if (user.result().isEmpty() || !sender.configured(channel, settings.result())) {
                return store.alerts().abandon(alert.id(), channel.code(), "turned off", MAX_ATTEMPTS).map(false);
            }
            AlertSender.Message message = message(user.result().get(), alert);
            return sender.send(channel, alert.userId(), settings.result(), message)
                    .compose(sent -> store.alerts().delivered(alert.id(), channel.code(), clock.instant()).map(true),
                            err -> {
                                LOG.info("Alert {} not delivered by {} (attempt {}): {}", alert.id(), channel.code(),
                                        claimed.attempts() + 1, err.toString());
                                return store.alerts().failed(alert.id(), channel.code(), reason(err),
                                        clock.instant().plus(retryAfter(claimed.attempts() + 1))).map(false);
                            });
        });
    }

    /** 5 minutes after the first failure, doubling, at most 6 hours. */
    static Duration retryAfter(int failures) {
        Duration wait = FIRST_RETRY.multipliedBy(1L << Math.min(failures - 1, 10));
        return wait.compareTo(LONGEST_RETRY) > 0 ? LONGEST_RETRY : wait;
    }

    private static String reason(Throwable err) {
        String text = err.getMessage() == null ? err.getClass().getSimpleName() : err.getMessage();
        return text.length() > 300 ? text.substring(0, 300) : text;
    }

    AlertSender.Message message(User user, StoredAlert alert) {
        Locale locale = AlertTexts.locale(user.locale());
        String title = AlertTexts.title(locale, alert);
        String text = AlertTexts.text(locale, alert);
        Optional<String> link = absolute(path(alert));
        JsonObject json = new JsonObject().put("source", "meterkast").put("rule", alert.rule()).put("test", false)
                .put("title", title).put("message", text).put("link", link.orElse(null))
                .put("raisedAt", alert.raisedAt().toString())
                .put("day", alert.day().map(LocalDate::toString).orElse(null))
                .put("meterId", alert.meterId().orElse(null)).put("householdId", alert.householdId().orElse(null));
        return new AlertSender.Message(title, text, link, json);
    }

    private Optional<String> absolute(String path) {
        return publicUrl.map(base -> base.toString().replaceAll("/+$", "") + path);
    }
}
