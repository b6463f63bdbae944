package be.meterkast.fluvius;

import be.meterkast.analysis.DailyAnalysis;
import be.meterkast.analysis.DailyUsage;
import be.meterkast.domain.Direction;
import be.meterkast.domain.MeterKind;
import be.meterkast.domain.MeterRef;
import be.meterkast.domain.Reading;
import be.meterkast.domain.Tariff;
import be.meterkast.domain.Unit;
import be.meterkast.fluvius.sim.ConfigShape;
import be.meterkast.fluvius.sim.FluviusSimulator;
import be.meterkast.fluvius.sim.MeterDataGenerator;
import be.meterkast.fluvius.sim.SimAccounts;
import be.meterkast.fluvius.sim.SimClock;
import be.meterkast.fluvius.sim.SimMeter;
import be.meterkast.fluvius.sim.SimulatorOptions;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The client against the simulator, over real HTTP. Expected numbers come from the simulator's data
 * generator, never from the client's own parsing. Tests run on the JUnit thread and wait with
 * {@code await()}, which is allowed off the event loop.
 */
@ExtendWith(VertxExtension.class)
class FluviusClientTest {
    private static final ZoneId BRUSSELS = ZoneId.of("Europe/Brussels");
    /** 30 November 2025, 11:00 in Brussels: electricity up to 29 November, gas up to about the 26th. */
    private static final Instant NOW = Instant.parse("2025-11-30T10:00:00Z");
    private static final LocalDate TODAY = LocalDate.of(2025, 11, 30);

    private FluviusSimulator simulator;
    private FluviusClient client;
    private SimClock clock;

    @BeforeEach
    void start(Vertx vertx) {
        clock = SimClock.fixed(NOW);
        simulator = FluviusSimulator.start(vertx, 0, new SimulatorOptions(), SimAccounts.withDefaults(), clock).await();
        client = new FluviusClient(vertx, FluviusOptions.forPortal(simulator.baseUrl()).withTimeout(Duration.ofSeconds(5)));
    }

    @AfterEach
    void stop() {
        client.close().await();
        simulator.close().await();
    }

    private Tokens signInDemo() {
        return client.signIn(new Credentials(SimAccounts.DEMO_EMAIL, SimAccounts.DEMO_PASSWORD), false).await();
    }

    private static MeterRef ref(SimMeter meter) {
        return new MeterRef(meter.ean(), meter.serial());
    }

    @Test
    @DisplayName("signs in with one password attempt and gets a token that lives as long as Fluvius says")
    void signsIn() {
        simulator.options().tokenLifetime(Duration.ofMinutes(40));
        Instant before = Instant.now();

        Tokens tokens = signInDemo();

        assertThat(tokens.accessToken()).startsWith("eyJ");
        assertThat(tokens.refreshToken()).isNotBlank();
        assertThat(tokens.expiresAt()).isBetween(before.plus(Duration.ofMinutes(39)), Instant.now().plus(Duration.ofMinutes(41)));
        assertThat(simulator.stats().passwordAttempts(SimAccounts.DEMO_EMAIL)).isEqualTo(1);
    }

    @Test
    @DisplayName("signs in whether the MSAL config is nested under auth or flat")
    void flatConfig() {
        simulator.options().configShape(ConfigShape.FLAT);

        assertThat(signInDemo().accessToken()).isNotBlank();
    }

    @Test
    @DisplayName("a wrong password fails as InvalidCredentials after exactly one attempt")
    void wrongPassword() {
        assertThatThrownBy(() -> client.signIn(new Credentials(SimAccounts.DEMO_EMAIL, "wrong"), false).await())
                .isInstanceOf(FluviusException.InvalidCredentials.class)
                .satisfies(e -> assertThat(((FluviusException) e).credentialsRejected()).isTrue())
                .hasMessageNotContaining("wrong");
        assertThat(simulator.stats().passwordAttempts(SimAccounts.DEMO_EMAIL)).isEqualTo(1);
    }

    @Test
    @DisplayName("a locked account fails as AccountLocked, even with the right password")
    void lockedAccount() {
        simulator.options().lockoutThreshold(2);
        for (int i = 0; i < 2; i++) {
            assertThatThrownBy(() -> client.signIn(new Credentials(SimAccounts.DEMO_EMAIL, "wrong"), false).await())
                    .isInstanceOf(FluviusException.InvalidCredentials.class);
        }

        assertThatThrownBy(this::signInDemo).isInstanceOf(FluviusException.AccountLocked.class);
    }

    @Test
    @DisplayName("an account with two-step verification fails as InteractionRequired and says so")
    void mfa() {
        assertThatThrownBy(() -> client.signIn(new Credentials(SimAccounts.MFA_EMAIL, SimAccounts.MFA_PASSWORD), false).await())
                .isInstanceOf(FluviusException.InteractionRequired.class)
                .hasMessageContaining("two-step verification");
    }

    @Test
    @DisplayName("B2C's error page at confirmation is a SignInError quoting its AADB2C code, not a rejected password")
    void errorPageAtConfirmation() {
        simulator.options().loseSessionAtConfirmation(1);
        SignInTrace trace = client.newTrace();

        assertThatThrownBy(() -> client.signIn(new Credentials(SimAccounts.DEMO_EMAIL, SimAccounts.DEMO_PASSWORD), false,
                trace).await())
                .isInstanceOfSatisfying(FluviusException.SignInError.class, e -> {
                    assertThat(e.step()).isEqualTo("sign-in confirmation");
                    assertThat(e.error().code()).isEqualTo("AADB2C90077");
                    assertThat(e.credentialsRejected()).isFalse();
                })
                .hasMessageContaining("HTTP 400")
                .hasMessageContaining("AADB2C90077: User does not have an existing session");
        var confirmation = trace.toJson().getJsonArray("steps").getJsonObject(3);
        assertThat(confirmation.getString("step")).isEqualTo("sign-in confirmation");
        assertThat(confirmation.getJsonObject("request").getJsonArray("cookiesSent")).contains(
                "x-ms-cpim-sso:klanten.onmicrosoft.com/b2c_1a_customer_signup_signin_0");
        assertThat(confirmation.getJsonObject("response").getJsonObject("b2cError").getString("code"))
                .isEqualTo("AADB2C90077");
        assertThat(trace.toJson().getString("outcome")).isEqualTo("failed");
    }

    @Test
    @DisplayName("the sign-in sends back B2C's cookies under their own names: csrf, trans, cache|id_0 and sso:tenant/policy_0")
    void cookieFormsAtConfirmation() {
        SignInTrace trace = client.newTrace();

        client.signIn(new Credentials(SimAccounts.DEMO_EMAIL, SimAccounts.DEMO_PASSWORD), false, trace).await();

        var confirmation = trace.toJson().getJsonArray("steps").getJsonObject(3);
        assertThat(confirmation.getJsonObject("request").getJsonArray("cookiesSent").getList())
                .contains("x-ms-cpim-csrf", "x-ms-cpim-trans",
                        "x-ms-cpim-sso:klanten.onmicrosoft.com/b2c_1a_customer_signup_signin_0")
                .anySatisfy(name -> assertThat(name.toString()).isEqualTo("x-ms-cpim-cache|…_0"));
        assertThat(trace.toJson().getString("outcome")).isEqualTo("signed in");
    }

    @Test
    @DisplayName("an expired token gets 401 as Unauthorized; the refresh grant gives a working one and rotates")
    void expiredTokenThenRefresh() {
        simulator.options().tokenLifetime(Duration.ofMinutes(10));
        Tokens tokens = signInDemo();
        MeterRef meter = ref(SimAccounts.DEMO_SOLAR);
        clock.advance(Duration.ofMinutes(11));

        assertThatThrownBy(() -> client.historyRange(tokens.accessToken(), meter, MeterKind.ELECTRICITY, TODAY.minusDays(2).atStartOfDay(BRUSSELS),
                TODAY.minusDays(1).atStartOfDay(BRUSSELS), "4").await())
                .isInstanceOf(FluviusException.Unauthorized.class);

        Tokens refreshed = client.refresh(tokens.refreshToken()).await();
        History history = client.historyRange(refreshed.accessToken(), meter, MeterKind.ELECTRICITY, TODAY.minusDays(2).atStartOfDay(BRUSSELS),
                TODAY.minusDays(1).atStartOfDay(BRUSSELS), "4").await();

        assertThat(history.measurements().readings()).isNotEmpty();
        assertThat(refreshed.refreshToken()).isNotEqualTo(tokens.refreshToken());
        assertThatThrownBy(() -> client.refresh(tokens.refreshToken()).await())
                .isInstanceOf(FluviusException.Unauthorized.class);
    }

    @Test
    @DisplayName("a token Fluvius never issued is refused as Unauthorized")
    void forgedToken() {
        assertThatThrownBy(() -> client.historyRange("eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.c2ln", ref(SimAccounts.DEMO_SOLAR),
                MeterKind.ELECTRICITY, TODAY.minusDays(2).atStartOfDay(BRUSSELS), TODAY.minusDays(1).atStartOfDay(BRUSSELS), "4").await())
                .isInstanceOf(FluviusException.Unauthorized.class);
    }

    @Test
    @DisplayName("daily electricity matches the simulator's generator to the Wh, per register and direction")
    void dailyElectricity() {
        String token = signInDemo().accessToken();
        SimMeter meter = SimAccounts.DEMO_SOLAR;
        LocalDate first = LocalDate.of(2025, 6, 24);
        LocalDate last = LocalDate.of(2025, 6, 30);

        History history = client.history(token, new HistoryQuery(ref(meter), MeterKind.ELECTRICITY, first, last, BRUSSELS,
                Granularity.DAILY)).await();
        List<DailyUsage> days = DailyAnalysis.daily(history.measurements().readings(), BRUSSELS, Unit.KWH);

        assertThat(history.raw()).hasSize(7);
        assertThat(days).hasSize(7);
        for (DailyUsage day : days) {
            var expected = MeterDataGenerator.dailyTotals(meter, day.day(), false);
            assertThat(day.offtake(Tariff.DAY)).as("offtake day %s", day.day()).isEqualByComparingTo(expected.offtakeDay());
            assertThat(day.offtake(Tariff.NIGHT)).as("offtake night %s", day.day()).isEqualByComparingTo(expected.offtakeNight());
            assertThat(day.injection(Tariff.DAY)).as("injection day %s", day.day()).isEqualByComparingTo(expected.injectionDay());
            assertThat(day.injection(Tariff.NIGHT)).as("injection night %s", day.day()).isEqualByComparingTo(expected.injectionNight());
        }
        assertThat(days.stream().map(DailyUsage::totalInjection).reduce(BigDecimal.ZERO, BigDecimal::add))
                .as("a June week of a solar meter injects").isPositive();
    }

    @Test
    @DisplayName("quarter-hours come one local day per request; DST days have 92 and 100 of them and sum to the day")
    void dstQuarterHours() {
        String token = signInDemo().accessToken();
        SimMeter meter = SimAccounts.DEMO_EV;
        for (var expectation : List.of(new Object[]{LocalDate.of(2025, 3, 30), 92},
                new Object[]{LocalDate.of(2025, 10, 26), 100}, new Object[]{LocalDate.of(2025, 10, 27), 96})) {
            LocalDate day = (LocalDate) expectation[0];
            History history = client.history(token, new HistoryQuery(ref(meter), MeterKind.ELECTRICITY, day, day, BRUSSELS,
                    Granularity.QUARTER_HOUR)).await();

            assertThat(history.raw()).as("quarter-hour records on %s", day).hasSize((Integer) expectation[1]);
            DailyUsage usage = DailyAnalysis.daily(history.measurements().readings(), BRUSSELS, Unit.KWH).get(0);
            var expected = MeterDataGenerator.dailyTotals(meter, day, false);
            assertThat(usage.totalOfftake()).as("offtake on %s", day).isEqualByComparingTo(expected.totalOfftake());
            assertThat(usage.totalInjection()).isEqualByComparingTo(expected.totalInjection());
        }
    }

    @Test
    @DisplayName("several quarter-hour days take one request each")
    void quarterHoursPerDay() {
        String token = signInDemo().accessToken();
        long before = simulator.stats().dataRequests();

        History history = client.history(token, new HistoryQuery(ref(SimAccounts.DEMO_SOLAR), MeterKind.ELECTRICITY,
                LocalDate.of(2025, 11, 3), LocalDate.of(2025, 11, 5), BRUSSELS, Granularity.QUARTER_HOUR)).await();

        assertThat(history.requests()).isEqualTo(3);
        assertThat(simulator.stats().dataRequests() - before).isEqualTo(3);
        assertThat(history.raw()).hasSize(3 * 96);
    }

    @Test
    @DisplayName("hours come one local day per request, 25 of them on the last Sunday of October, summing to each day")
    void hourlyElectricityPerDay() {
        String token = signInDemo().accessToken();
        SimMeter meter = SimAccounts.DEMO_SOLAR;
        long before = simulator.stats().dataRequests();

        History history = client.history(token, new HistoryQuery(ref(meter), MeterKind.ELECTRICITY,
                LocalDate.of(2025, 10, 25), LocalDate.of(2025, 10, 27), BRUSSELS, Granularity.HOURLY)).await();

        assertThat(history.requests()).isEqualTo(3);
        assertThat(simulator.stats().dataRequests() - before).isEqualTo(3);
        assertThat(history.raw()).hasSize(24 + 25 + 24);
        for (DailyUsage day : DailyAnalysis.daily(history.measurements().readings(), BRUSSELS, Unit.KWH)) {
            var expected = MeterDataGenerator.dailyTotals(meter, day.day(), false);
            assertThat(day.offtakeDay()).as("offtake day %s", day.day()).isEqualByComparingTo(expected.offtakeDay());
            assertThat(day.offtakeNight()).as("offtake night %s", day.day()).isEqualByComparingTo(expected.offtakeNight());
            assertThat(day.injectionDay()).as("injection day %s", day.day()).isEqualByComparingTo(expected.injectionDay());
            assertThat(day.injectionNight()).isEqualByComparingTo(expected.injectionNight());
        }
    }

    @Test
    @DisplayName("gas hours come one gas day per request and add up to each gas day in m³ and in kWh")
    void hourlyGasPerGasDay() {
        String token = signInDemo().accessToken();
        SimMeter meter = SimAccounts.DEMO_GAS;
        HistoryQuery query = new HistoryQuery(ref(meter), MeterKind.GAS, LocalDate.of(2025, 10, 24),
                LocalDate.of(2025, 10, 26), BRUSSELS, Granularity.HOURLY);

        History history = client.history(token, query).await();

        assertThat(history.requests()).isEqualTo(3);
        assertThat(history.raw()).as("the gas day of 25 October has 25 hours").hasSize(24 + 25 + 24);
        List<DailyUsage> m3 = DailyAnalysis.daily(history.measurements().readings(), BRUSSELS, Unit.M3, query.dayStart());
        List<DailyUsage> kwh = DailyAnalysis.daily(history.measurements().readings(), BRUSSELS, Unit.KWH, query.dayStart());
        assertThat(m3).extracting(DailyUsage::day).containsExactly(query.firstDay(), query.firstDay().plusDays(1),
                query.lastDay());
        for (int i = 0; i < m3.size(); i++) {
            var expected = MeterDataGenerator.gasDay(meter, m3.get(i).day(), false);
            assertThat(m3.get(i).totalOfftake()).as("m³ of %s", expected.gasDay()).isEqualByComparingTo(expected.m3());
            assertThat(kwh.get(i).totalOfftake()).as("kWh of %s", expected.gasDay()).isEqualByComparingTo(expected.kwh());
        }
    }

    @Test
    @DisplayName("gas comes per gas day in m³ and in kWh, each matching the generator, never added together")
    void gas() {
        String token = signInDemo().accessToken();
        SimMeter meter = SimAccounts.DEMO_GAS;
        LocalDate day = LocalDate.of(2025, 11, 18);

        History history = client.history(token, new HistoryQuery(ref(meter), MeterKind.GAS, day, day, BRUSSELS,
                Granularity.DAILY)).await();
        var expected = MeterDataGenerator.gasDay(meter, day, false);

        assertThat(history.measurements().readings()).hasSize(2)
                .allSatisfy(r -> assertThat(r.start().atZone(BRUSSELS).getHour()).isEqualTo(6));
        assertThat(DailyAnalysis.daily(history.measurements().readings(), BRUSSELS, Unit.M3).get(0).totalOfftake())
                .isEqualByComparingTo(expected.m3());
        assertThat(DailyAnalysis.daily(history.measurements().readings(), BRUSSELS, Unit.KWH).get(0).totalOfftake())
                .isEqualByComparingTo(expected.kwh());
    }

    @Test
    @DisplayName("no electricity for today and no gas for the last three days")
    void publicationDelays() {
        String token = signInDemo().accessToken();

        History electricity = client.history(token, new HistoryQuery(ref(SimAccounts.DEMO_SOLAR), MeterKind.ELECTRICITY,
                TODAY.minusDays(1), TODAY, BRUSSELS, Granularity.DAILY)).await();
        History gas = client.history(token, new HistoryQuery(ref(SimAccounts.DEMO_GAS), MeterKind.GAS,
                TODAY.minusDays(2), TODAY, BRUSSELS, Granularity.DAILY)).await();

        assertThat(electricity.measurements().readings()).extracting(r -> r.start().atZone(BRUSSELS).toLocalDate())
                .containsOnly(TODAY.minusDays(1));
        assertThat(gas.measurements().readings()).isEmpty();
    }

    @Test
    @DisplayName("recent days arrive estimated, older ones validated")
    void estimatedRecentDays() {
        String token = signInDemo().accessToken();

        History history = client.history(token, new HistoryQuery(ref(SimAccounts.DEMO_SOLAR), MeterKind.ELECTRICITY,
                TODAY.minusDays(4), TODAY.minusDays(1), BRUSSELS, Granularity.DAILY)).await();
        List<DailyUsage> days = DailyAnalysis.daily(history.measurements().readings(), BRUSSELS, Unit.KWH);

        for (DailyUsage day : days) {
            boolean estimated = MeterDataGenerator.isEstimated(day.day(), TODAY);
            assertThat(day.estimated()).as("estimated %s", day.day()).isEqualTo(estimated);
            assertThat(day.totalOfftake()).isEqualByComparingTo(
                    MeterDataGenerator.dailyTotals(SimAccounts.DEMO_SOLAR, day.day(), estimated).totalOfftake());
        }
        assertThat(days).anyMatch(DailyUsage::estimated).anyMatch(d -> !d.estimated());
    }

    @Test
    @DisplayName("malformed values are skipped and counted exactly as many as the simulator spoiled")
    void malformedRecords() {
        String token = signInDemo().accessToken();
        simulator.options().malformedRate(0.2);
        long before = simulator.stats().malformedValues();

        History history = client.history(token, new HistoryQuery(ref(SimAccounts.DEMO_SOLAR), MeterKind.ELECTRICITY,
                LocalDate.of(2025, 11, 10), LocalDate.of(2025, 11, 10), BRUSSELS, Granularity.QUARTER_HOUR)).await();

        long spoiled = simulator.stats().malformedValues() - before;
        assertThat(spoiled).isPositive();
        assertThat(history.measurements().skipped()).isEqualTo(spoiled);
        assertThat(history.measurements().readings()).isNotEmpty();
    }

    @Test
    @DisplayName("monthly peaks equal the month's highest quarter-hour offtake times four")
    void monthlyPeaks() {
        String token = signInDemo().accessToken();
        SimMeter meter = SimAccounts.DEMO_EV;

        var peaks = client.monthlyPeaks(token, ref(meter), LocalDate.of(2025, 9, 1), LocalDate.of(2025, 10, 31), BRUSSELS).await();

        assertThat(peaks.peaks()).hasSize(2);
        for (var peak : peaks.peaks()) {
            var expected = MeterDataGenerator.monthlyPeak(meter, peak.month(), TODAY);
            assertThat(peak.kilowatts()).as("peak of %s", peak.month()).isEqualByComparingTo(expected.kilowatts());
        }
        assertThat(peaks.peaks()).extracting(p -> p.month())
                .containsExactly(YearMonth.of(2025, 9), YearMonth.of(2025, 10));
    }

    @Test
    @DisplayName("a 503 is Unavailable and a 429 is RateLimited with Fluvius' Retry-After")
    void outages() {
        String token = signInDemo().accessToken();
        MeterRef meter = ref(SimAccounts.DEMO_SOLAR);
        HistoryQuery query = new HistoryQuery(meter, MeterKind.ELECTRICITY, TODAY.minusDays(3), TODAY.minusDays(3),
                BRUSSELS, Granularity.DAILY);

        simulator.options().failNext(503, 1);
        assertThatThrownBy(() -> client.history(token, query).await()).isInstanceOf(FluviusException.Unavailable.class);

        simulator.options().retryAfter(Duration.ofSeconds(17)).failNext(429, 1);
        assertThatThrownBy(() -> client.history(token, query).await())
                .isInstanceOfSatisfying(FluviusException.RateLimited.class,
                        e -> assertThat(e.retryAfter()).contains(Duration.ofSeconds(17)));

        assertThat(client.history(token, query).await().measurements().readings()).isNotEmpty();
    }

    @Test
    @DisplayName("a Fluvius that does not answer in time is Unavailable, not a hang")
    void slowFluvius(Vertx vertx) {
        FluviusClient impatient = new FluviusClient(vertx, FluviusOptions.forPortal(simulator.baseUrl())
                .withTimeout(Duration.ofMillis(300)));
        simulator.options().latency(Duration.ofSeconds(3));

        assertThatThrownBy(() -> impatient.signIn(new Credentials(SimAccounts.DEMO_EMAIL, SimAccounts.DEMO_PASSWORD), false).await())
                .isInstanceOf(FluviusException.Unavailable.class);
        impatient.close().await();
    }

    @Test
    @DisplayName("a sign-in failing with a server error is Unavailable and no password was rejected")
    void signInOutage() {
        simulator.options().failNext(503, 1);

        assertThatThrownBy(this::signInDemo)
                .isInstanceOfSatisfying(FluviusException.class, e -> assertThat(e.credentialsRejected()).isFalse());
    }

    @Test
    @DisplayName("another account's meter is refused with a message naming EAN and serial")
    void foreignMeter() {
        String token = signInDemo().accessToken();
        SimMeter foreign = SimAccounts.FAMILY_PLAIN;

        assertThatThrownBy(() -> client.history(token, new HistoryQuery(ref(foreign), MeterKind.ELECTRICITY,
                TODAY.minusDays(3), TODAY.minusDays(3), BRUSSELS, Granularity.DAILY)).await())
                .isInstanceOf(FluviusException.RequestRejected.class)
                .hasMessageContaining(foreign.ean()).hasMessageContaining(foreign.serial());
    }

    @Test
    @DisplayName("a range Fluvius refuses is RequestRejected with its message")
    void badRange() {
        String token = signInDemo().accessToken();

        assertThatThrownBy(() -> client.historyRange(token, ref(SimAccounts.DEMO_SOLAR), MeterKind.ELECTRICITY, TODAY.minusDays(1).atStartOfDay(BRUSSELS),
                TODAY.minusDays(5).atStartOfDay(BRUSSELS), "4").await())
                .isInstanceOfSatisfying(FluviusException.RequestRejected.class, e -> assertThat(e.status()).isEqualTo(400));
    }

    @Test
    @DisplayName("readings carry domain names: a solar meter's injection is INJECTION, its registers DAY/NIGHT")
    void domainNames() {
        String token = signInDemo().accessToken();
        LocalDate day = LocalDate.of(2025, 6, 25);

        History history = client.history(token, new HistoryQuery(ref(SimAccounts.DEMO_SOLAR), MeterKind.ELECTRICITY,
                day, day, BRUSSELS, Granularity.QUARTER_HOUR)).await();

        for (Reading r : history.measurements().readings()) {
            assertThat(r.tariff()).isEqualTo(MeterDataGenerator.tariffAt(r.start()));
            long wh = MeterDataGenerator.quarterHourWh(SimAccounts.DEMO_SOLAR, r.start(), r.direction(), false);
            assertThat(r.value()).isEqualByComparingTo(BigDecimal.valueOf(wh, 3));
        }
        assertThat(history.measurements().readings()).anyMatch(r -> r.direction() == Direction.INJECTION && r.value().signum() > 0);
    }
}
