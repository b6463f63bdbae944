package be.meterkast.cli;

import be.meterkast.fluvius.sim.DayFault;
import be.meterkast.fluvius.sim.FluviusSimulator;
import be.meterkast.fluvius.sim.MeterDataGenerator;
import be.meterkast.fluvius.sim.SimAccounts;
import be.meterkast.fluvius.sim.SimClock;
import be.meterkast.fluvius.sim.SimMeter;
import be.meterkast.fluvius.sim.SimulatorOptions;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The {@code meterkast fetch} and {@code token} commands end to end against the simulator. The simulator's
 * clock is the real one here, because the command picks "yesterday" from the real clock; expected numbers
 * come from the simulator's generator.
 */
class FetchCommandTest {
    private static Vertx vertx;
    private static FluviusSimulator simulator;

    @TempDir
    Path dir;

    @BeforeAll
    static void startSimulator() {
        vertx = Vertx.vertx();
        simulator = FluviusSimulator.start(vertx, 0, new SimulatorOptions(), SimAccounts.withDefaults(),
                SimClock.system()).await();
    }

    @AfterAll
    static void stopSimulator() {
        simulator.close().await();
        vertx.close().await();
    }

    @BeforeEach
    void resetStats() {
        simulator.stats().reset();
    }

    record Result(int exitCode, String out, String err) {
    }

    private Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new Result(code, out.toString(), err.toString());
    }

    private List<String> demoArgs(String... more) {
        List<String> args = new ArrayList<>(List.of("fetch", "--portal-url", simulator.baseUrl(),
                "--email", SimAccounts.DEMO_EMAIL, "--password", SimAccounts.DEMO_PASSWORD, "--quiet"));
        args.addAll(List.of(more));
        return args;
    }

    private static String kwh(BigDecimal value) {
        return value.setScale(3).toPlainString() + " kWh";
    }

    @Test
    @DisplayName("fetch prints each day's registers and the period totals, and saves the records as received")
    void fetchDaily() throws IOException {
        SimMeter meter = SimAccounts.DEMO_SOLAR;
        LocalDate end = LocalDate.of(2025, 6, 30);
        Path output = dir.resolve("out.json");

        Result r = run(demoArgs("--ean", meter.ean(), "--meter-serial", meter.serial(), "--days-back", "3",
                "--end-date", end.toString(), "--output", output.toString()).toArray(String[]::new));

        assertThat(r.exitCode()).as(r.err()).isZero();
        BigDecimal offtake = BigDecimal.ZERO;
        BigDecimal injection = BigDecimal.ZERO;
        for (LocalDate day = end.minusDays(2); !day.isAfter(end); day = day.plusDays(1)) {
            var expected = MeterDataGenerator.dailyTotals(meter, day, false);
            String block = r.out().substring(r.out().indexOf(day.toString()));
            assertThat(block).containsPattern("Offtake day:\\s+" + kwh(expected.offtakeDay()))
                    .containsPattern("Offtake night:\\s+" + kwh(expected.offtakeNight()))
                    .containsPattern("Injection day:\\s+" + kwh(expected.injectionDay()))
                    .containsPattern("Injection night:\\s+" + kwh(expected.injectionNight()))
                    .containsPattern("Net:\\s+" + kwh(expected.net()));
            offtake = offtake.add(expected.totalOfftake());
            injection = injection.add(expected.totalInjection());
        }
        String period = r.out().substring(r.out().indexOf("Period "));
        assertThat(period).containsPattern("Total offtake:\\s+" + kwh(offtake))
                .containsPattern("Total injection:\\s+" + kwh(injection))
                .containsPattern("Net:\\s+" + kwh(offtake.subtract(injection)));

        JsonArray saved = new JsonArray(Files.readString(output));
        assertThat(saved).hasSize(3);
        assertThat(saved.getJsonObject(0).getString("d")).isEqualTo("2025-06-27T22:00:00Z");
        assertThat(saved.getJsonObject(0).getJsonArray("v").getJsonObject(0).fieldNames())
                .contains("dc", "t", "v", "u", "vs");
    }

    @Test
    @DisplayName("fetch says which days Fluvius did not send whole, daily and per quarter-hour")
    void incompleteDays() {
        SimMeter meter = SimAccounts.DEMO_SOLAR;
        LocalDate end = LocalDate.of(2025, 6, 30);
        simulator.options().spoilDay(end.minusDays(1), DayFault.MISSING_REGISTER).spoilDay(end, DayFault.MISSING_INTERVALS);
        try {
            Result daily = run(demoArgs("--ean", meter.ean(), "--meter-serial", meter.serial(), "--days-back", "3",
                    "--end-date", end.toString(), "--output", dir.resolve("d.json").toString()).toArray(String[]::new));
            Result quarters = run(demoArgs("--ean", meter.ean(), "--meter-serial", meter.serial(), "--days-back", "2",
                    "--end-date", end.toString(), "--granularity", "quarter-hour",
                    "--output", dir.resolve("q.json").toString()).toArray(String[]::new));

            assertThat(daily.exitCode()).as(daily.err()).isZero();
            assertThat(daily.out()).contains("2025-06-29 (Sunday) - incomplete (missing register): Fluvius did not send the day whole")
                    .doesNotContain("2025-06-28 (Saturday) - incomplete").doesNotContain("2025-06-30 (Monday) - incomplete");
            assertThat(quarters.out()).contains("2025-06-30 (Monday) - incomplete (missing intervals)")
                    .doesNotContain("2025-06-29 (Sunday) - incomplete");
        } finally {
            simulator.options().healAllDays();
        }
    }

    @Test
    @DisplayName("quarter-hour fetches one request per day and sums to the same daily figures")
    void fetchQuarterHours() throws IOException {
        SimMeter meter = SimAccounts.DEMO_EV;
        LocalDate end = LocalDate.of(2025, 10, 26);
        Path output = dir.resolve("qh.json");

        Result r = run(demoArgs("--ean", meter.ean(), "--meter-serial", meter.serial(), "--days-back", "2",
                "--end-date", end.toString(), "--granularity", "quarter-hour", "--output", output.toString())
                .toArray(String[]::new));

        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(simulator.stats().dataRequests()).isEqualTo(2);
        assertThat(new JsonArray(Files.readString(output))).hasSize(96 + 100);
        var expected = MeterDataGenerator.dailyTotals(meter, end, false);
        assertThat(r.out().substring(r.out().indexOf(end.toString())))
                .containsPattern("Total offtake:\\s+" + kwh(expected.totalOfftake()));
    }

    @Test
    @DisplayName("gas is shown in the unit asked for, per gas day")
    void fetchGas() {
        SimMeter meter = SimAccounts.DEMO_GAS;
        LocalDate end = LocalDate.of(2025, 11, 18);

        Result r = run(demoArgs("--ean", meter.ean(), "--meter-serial", meter.serial(), "--days-back", "1",
                "--end-date", end.toString(), "--kind", "gas", "--gas-unit", "kwh",
                "--output", dir.resolve("gas.json").toString()).toArray(String[]::new));

        assertThat(r.exitCode()).as(r.err()).isZero();
        var expected = MeterDataGenerator.gasDay(meter, end, false);
        assertThat(r.out()).containsPattern("Offtake:\\s+" + ConsoleReport.format(expected.kwh()) + " kWh")
                .doesNotContain("m³");
    }

    /** One printed hour: its local start and end, offset, register (empty for gas) and amounts. */
    record PrintedHour(String from, String to, String offset, String register, BigDecimal offtake, BigDecimal injection) {
    }

    private static final Pattern HOUR_LINE = Pattern.compile(
            "^\\s+(\\d\\d:\\d\\d)\u2013(\\d\\d:\\d\\d) ([+-]\\d\\d:\\d\\d)\\s+(day|night)?\\s*offtake\\s+(-?[\\d.]+) \\S+"
                    + "(?:\\s+injection\\s+(-?[\\d.]+) \\S+)?$");
    private static final Pattern DAY_HEADER = Pattern.compile("^Day \\d+: (\\d{4}-\\d\\d-\\d\\d) .*");

    /** The printed hours per day, in the order printed. */
    private static Map<LocalDate, List<PrintedHour>> printedHours(String out) {
        Map<LocalDate, List<PrintedHour>> days = new TreeMap<>();
        LocalDate day = null;
        for (String line : out.split("\\R")) {
            Matcher header = DAY_HEADER.matcher(line);
            Matcher hour = HOUR_LINE.matcher(line);
            if (line.startsWith("Period ")) {
                break;
            } else if (header.matches()) {
                day = LocalDate.parse(header.group(1));
            } else if (hour.matches()) {
                days.computeIfAbsent(day, d -> new ArrayList<>()).add(new PrintedHour(hour.group(1), hour.group(2),
                        hour.group(3), hour.group(4) == null ? "" : hour.group(4), new BigDecimal(hour.group(5)),
                        hour.group(6) == null ? BigDecimal.ZERO : new BigDecimal(hour.group(6))));
            }
        }
        return days;
    }

    /** A figure of one day's block, e.g. "Offtake night", as printed. */
    private static BigDecimal printedFigure(String out, LocalDate day, String label) {
        String block = out.substring(out.indexOf(": " + day + " ("));
        Matcher m = Pattern.compile("^\\s+" + label + ":\\s+(-?[\\d.]+) ", Pattern.MULTILINE).matcher(block);
        assertThat(m.find()).as("%s of %s printed", label, day).isTrue();
        return new BigDecimal(m.group(1));
    }

    private static BigDecimal sum(List<PrintedHour> hours, String register, boolean offtake) {
        return hours.stream().filter(h -> h.register().equals(register))
                .map(offtake ? PrintedHour::offtake : PrintedHour::injection).reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    @Test
    @DisplayName("hourly electricity prints each day's hours, one request per day, and they sum to the daily run's figures")
    void fetchHourlyElectricity() {
        SimMeter meter = SimAccounts.DEMO_SOLAR;
        LocalDate end = LocalDate.of(2025, 10, 27);
        List<String> common = List.of("--ean", meter.ean(), "--meter-serial", meter.serial(), "--days-back", "3",
                "--end-date", end.toString());

        Result hourly = run(withArgs(common, "--granularity", "hourly", "--output", dir.resolve("h.json").toString()));
        long hourlyRequests = simulator.stats().dataRequests();
        Result daily = run(withArgs(common, "--granularity", "daily", "--output", dir.resolve("d.json").toString()));

        assertThat(hourly.exitCode()).as(hourly.err()).isZero();
        assertThat(daily.exitCode()).as(daily.err()).isZero();
        assertThat(hourlyRequests).isEqualTo(3);
        Map<LocalDate, List<PrintedHour>> hours = printedHours(hourly.out());
        assertThat(hours).containsOnlyKeys(end.minusDays(2), end.minusDays(1), end);
        assertThat(hours.get(end.minusDays(2))).hasSize(24).first().satisfies(h -> {
            assertThat(h.from()).isEqualTo("00:00");
            assertThat(h.offset()).isEqualTo("+02:00");
        });
        assertThat(hours.get(end.minusDays(1))).as("the last Sunday of October").hasSize(25)
                .filteredOn(h -> h.from().equals("02:00")).extracting(PrintedHour::offset)
                .containsExactly("+02:00", "+01:00");
        hours.forEach((day, dayHours) -> {
            assertThat(sum(dayHours, "day", true)).as("offtake day %s", day)
                    .isEqualByComparingTo(printedFigure(daily.out(), day, "Offtake day"))
                    .isEqualByComparingTo(printedFigure(hourly.out(), day, "Offtake day"));
            assertThat(sum(dayHours, "night", true)).as("offtake night %s", day)
                    .isEqualByComparingTo(printedFigure(daily.out(), day, "Offtake night"))
                    .isEqualByComparingTo(printedFigure(hourly.out(), day, "Offtake night"));
            assertThat(sum(dayHours, "day", false)).as("injection day %s", day)
                    .isEqualByComparingTo(printedFigure(daily.out(), day, "Injection day"));
            assertThat(sum(dayHours, "night", false)).as("injection night %s", day)
                    .isEqualByComparingTo(printedFigure(daily.out(), day, "Injection night"));
            assertThat(printedFigure(hourly.out(), day, "Net")).isEqualByComparingTo(printedFigure(daily.out(), day, "Net"))
                    .isEqualByComparingTo(MeterDataGenerator.dailyTotals(meter, day, false).net());
        });
    }

    @Test
    @DisplayName("hourly gas prints each gas day's hours from 06:00, in the unit asked for, summing to the daily run's figures")
    void fetchHourlyGas() {
        SimMeter meter = SimAccounts.DEMO_GAS;
        LocalDate end = LocalDate.of(2025, 10, 26);
        for (String unit : List.of("m3", "kwh")) {
            List<String> common = List.of("--ean", meter.ean(), "--meter-serial", meter.serial(), "--days-back", "3",
                    "--end-date", end.toString(), "--kind", "gas", "--gas-unit", unit);

            Result hourly = run(withArgs(common, "--granularity", "hourly", "--output", dir.resolve("gh.json").toString()));
            Result daily = run(withArgs(common, "--granularity", "daily", "--output", dir.resolve("gd.json").toString()));

            assertThat(hourly.exitCode()).as(hourly.err()).isZero();
            Map<LocalDate, List<PrintedHour>> hours = printedHours(hourly.out());
            assertThat(hours).as(unit).containsOnlyKeys(end.minusDays(2), end.minusDays(1), end);
            assertThat(hours.get(end.minusDays(1))).as("the gas day of the October clock change").hasSize(25);
            hours.forEach((day, dayHours) -> {
                assertThat(dayHours.get(0).from()).isEqualTo("06:00");
                assertThat(dayHours.get(dayHours.size() - 1).to()).isEqualTo("06:00");
                var expected = MeterDataGenerator.gasDay(meter, day, false);
                assertThat(sum(dayHours, "", true)).as("%s of gas day %s", unit, day)
                        .isEqualByComparingTo(printedFigure(daily.out(), day, "Offtake"))
                        .isEqualByComparingTo(printedFigure(hourly.out(), day, "Offtake"))
                        .isEqualByComparingTo(unit.equals("m3") ? expected.m3() : expected.kwh());
            });
            assertThat(hourly.out()).doesNotContain(unit.equals("m3") ? "kWh" : "m³");
        }
    }

    @Test
    @DisplayName("gas quarter-hours are refused before signing in, with a message that names the alternatives")
    void gasQuarterHoursRefused() {
        SimMeter m = SimAccounts.DEMO_GAS;

        Result r = run(demoArgs("--ean", m.ean(), "--meter-serial", m.serial(), "--kind", "gas",
                "--granularity", "quarter-hour").toArray(String[]::new));

        assertThat(r.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(r.err()).contains("quarter-hours").contains("hourly");
        assertThat(simulator.stats().dataRequests()).isZero();
    }

    private String[] withArgs(List<String> common, String... more) {
        List<String> args = demoArgs(common.toArray(String[]::new));
        args.addAll(List.of(more));
        return args.toArray(String[]::new);
    }

    @Test
    @DisplayName("a wrong password exits 3 with one line, after one attempt, and saves nothing")
    void wrongPassword() {
        SimMeter meter = SimAccounts.DEMO_SOLAR;
        Path output = dir.resolve("none.json");

        Result r = run("fetch", "--portal-url", simulator.baseUrl(), "--email", SimAccounts.DEMO_EMAIL,
                "--password", "not-my-password", "--ean", meter.ean(), "--meter-serial", meter.serial(), "--quiet",
                "--output", output.toString());

        assertThat(r.exitCode()).isEqualTo(ExitCode.SIGN_IN);
        assertThat(r.err().strip().lines()).hasSize(1);
        assertThat(r.err()).contains("rejected the email or password").doesNotContain("not-my-password");
        assertThat(simulator.stats().passwordAttempts(SimAccounts.DEMO_EMAIL)).isEqualTo(1);
        assertThat(output).doesNotExist();
    }

    @Test
    @DisplayName("an EAN with a wrong check digit exits 2 before any sign-in")
    void badEan() {
        Result r = run(demoArgs("--ean", "541448820000000010", "--meter-serial", "X").toArray(String[]::new));

        assertThat(r.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(r.err()).contains("--ean").contains("check digit");
        assertThat(simulator.stats().passwordAttempts(SimAccounts.DEMO_EMAIL)).isZero();
    }

    @Test
    @DisplayName("bad option values are explained: days, granularity, time zone, dates, missing password")
    void badOptions() {
        SimMeter m = SimAccounts.DEMO_SOLAR;
        assertThat(run(demoArgs("--ean", m.ean(), "--meter-serial", m.serial(), "--days-back", "0").toArray(String[]::new)))
                .satisfies(r -> assertThat(r.exitCode()).isEqualTo(ExitCode.USAGE))
                .satisfies(r -> assertThat(r.err()).contains("--days-back"));
        assertThat(run(demoArgs("--ean", m.ean(), "--meter-serial", m.serial(), "--granularity", "weekly").toArray(String[]::new)))
                .satisfies(r -> assertThat(r.exitCode()).isEqualTo(ExitCode.USAGE))
                .satisfies(r -> assertThat(r.err()).contains("--granularity").contains("hourly").contains("'weekly'"));
        assertThat(run(demoArgs("--ean", m.ean(), "--meter-serial", m.serial(), "--timezone", "Mars/Olympus").toArray(String[]::new)).err())
                .contains("--timezone");
        assertThat(run(demoArgs("--ean", m.ean(), "--meter-serial", m.serial(), "--end-date", "30/06/2025").toArray(String[]::new)).err())
                .contains("--end-date");
        assertThat(run(demoArgs("--ean", m.ean(), "--meter-serial", m.serial(), "--days-back", "seven").toArray(String[]::new)).exitCode())
                .isEqualTo(ExitCode.USAGE);
        Result noPassword = run("fetch", "--portal-url", simulator.baseUrl(), "--email", SimAccounts.DEMO_EMAIL,
                "--ean", m.ean(), "--meter-serial", m.serial());
        assertThat(noPassword.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(noPassword.err()).contains("FLUVIUS_PASSWORD");
        assertThat(simulator.stats().passwordAttempts(SimAccounts.DEMO_EMAIL)).isZero();
    }

    @Test
    @DisplayName("an unreachable Fluvius exits 4")
    void unreachable() throws IOException {
        int closedPort;
        try (var socket = new java.net.ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        SimMeter m = SimAccounts.DEMO_SOLAR;

        Result r = run("fetch", "--portal-url", "http://127.0.0.1:" + closedPort, "--email", "a@b.c", "--password", "x",
                "--ean", m.ean(), "--meter-serial", m.serial(), "--quiet", "--output", dir.resolve("x.json").toString());

        assertThat(r.exitCode()).isEqualTo(ExitCode.UNAVAILABLE);
        assertThat(r.err()).contains("unavailable");
    }

    @Test
    @DisplayName("token prints a bearer token that fetch accepts with --bearer-token, without signing in again")
    void tokenThenBearer() {
        Result token = run("token", "--portal-url", simulator.baseUrl(), "--email", SimAccounts.DEMO_EMAIL,
                "--password", SimAccounts.DEMO_PASSWORD, "--quiet");
        assertThat(token.exitCode()).as(token.err()).isZero();
        String bearer = token.out().strip();
        assertThat(bearer).startsWith("eyJ");
        simulator.stats().reset();

        SimMeter m = SimAccounts.DEMO_SOLAR;
        Result r = run("fetch", "--portal-url", simulator.baseUrl(), "--bearer-token", bearer, "--ean", m.ean(),
                "--meter-serial", m.serial(), "--days-back", "2", "--quiet", "--output", dir.resolve("b.json").toString());

        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(simulator.stats().passwordAttempts(SimAccounts.DEMO_EMAIL)).isZero();
        assertThat(r.out()).contains("Period ");
    }

    @Test
    @DisplayName("a rejected bearer token exits 3 and says to sign in again")
    void badBearer() {
        SimMeter m = SimAccounts.DEMO_SOLAR;

        Result r = run("fetch", "--portal-url", simulator.baseUrl(), "--bearer-token", "eyJnope", "--ean", m.ean(),
                "--meter-serial", m.serial(), "--quiet", "--output", dir.resolve("c.json").toString());

        assertThat(r.exitCode()).isEqualTo(ExitCode.SIGN_IN);
        assertThat(r.err()).contains("sign in again");
    }

    @Test
    @DisplayName("days Fluvius has not published yet are shown as missing, not as zero")
    void missingDaysShown() {
        SimMeter meter = SimAccounts.DEMO_GAS;

        Result r = run(demoArgs("--ean", meter.ean(), "--meter-serial", meter.serial(), "--days-back", "5",
                "--kind", "gas", "--output", dir.resolve("g.json").toString()).toArray(String[]::new));

        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains(LocalDate.now(java.time.ZoneId.of("Europe/Brussels")).minusDays(1) + " (")
                .contains("no data");
    }

    // --trace: the redacted sign-in report a user sends when signing in to the real Fluvius fails.

    @Test
    @DisplayName("a successful sign-in's trace names every step and cookie, and holds none of the secrets used")
    void successfulSignIn() throws IOException {
        Path file = dir.resolve("trace.json");

        Result r = run("token", "--portal-url", simulator.baseUrl(), "--email", SimAccounts.DEMO_EMAIL,
                "--password", SimAccounts.DEMO_PASSWORD, "--quiet", "--trace", file.toString());

        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.err()).contains("Wrote the redacted sign-in trace to " + file);
        String text = Files.readString(file);
        JsonObject trace = new JsonObject(text);
        assertThat(trace.getString("outcome")).isEqualTo("signed in");
        assertThat(trace.getJsonArray("steps").stream().map(s -> ((JsonObject) s).getString("step")))
                .startsWith("sign-in configuration", "sign-in page", "credential check", "sign-in confirmation")
                .endsWith("token exchange");
        assertThat(text).contains("\"x-ms-cpim-csrf\"", "\"x-ms-cpim-trans\"", "\"SETTINGS\"", "\"msalConfig\"");
        String accessToken = r.out().strip();
        assertThat(accessToken).isNotEmpty();
        assertThat(text).doesNotContain(SimAccounts.DEMO_PASSWORD).doesNotContain(SimAccounts.DEMO_EMAIL)
                .doesNotContain(accessToken).doesNotContain(accessToken.split("\\.")[1]);
        assertThat(simulator.stats().issuedSecrets()).hasSizeGreaterThanOrEqualTo(8);
        for (String secret : simulator.stats().issuedSecrets()) {
            assertThat(text).as("a value the simulator issued (cookie, CSRF, transaction, code or token)")
                    .doesNotContain(secret);
        }
    }

    @Test
    @DisplayName("a refused sign-in still writes its trace, with B2C's error code, and fetch exits 3")
    void refusedSignIn() throws IOException {
        Path file = dir.resolve("refused.json");

        Result r = run("fetch", "--portal-url", simulator.baseUrl(), "--email", SimAccounts.DEMO_EMAIL,
                "--password", "Not+the/password=", "--ean", SimAccounts.DEMO_SOLAR.ean(),
                "--meter-serial", SimAccounts.DEMO_SOLAR.serial(), "--quiet", "--trace", file.toString(),
                "--output", dir.resolve("out.json").toString());

        assertThat(r.exitCode()).isEqualTo(ExitCode.SIGN_IN);
        JsonObject trace = new JsonObject(Files.readString(file));
        assertThat(trace.getString("outcome")).isEqualTo("failed");
        assertThat(trace.getString("failure")).contains("rejected the email or password");
        JsonObject check = trace.getJsonArray("steps").getJsonObject(2);
        assertThat(check.getString("step")).isEqualTo("credential check");
        assertThat(check.getJsonObject("response").getJsonObject("b2cError").getString("code")).isEqualTo("AADB2C90054");
        assertThat(Files.readString(file)).doesNotContain("Not+the/password=").doesNotContain(SimAccounts.DEMO_EMAIL);
    }

    @Test
    @DisplayName("--trace with --bearer-token is refused: there is no sign-in to trace")
    void traceWithoutSignIn() {
        Result r = run("fetch", "--portal-url", simulator.baseUrl(), "--bearer-token", "eyJx", "--ean",
                SimAccounts.DEMO_SOLAR.ean(), "--meter-serial", SimAccounts.DEMO_SOLAR.serial(),
                "--trace", dir.resolve("t.json").toString());

        assertThat(r.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(r.err()).contains("--trace records the sign-in");
    }
}
