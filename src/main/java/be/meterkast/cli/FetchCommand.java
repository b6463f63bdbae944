package be.meterkast.cli;

import be.meterkast.domain.time.LocalDays;
import be.meterkast.analysis.DailyAnalysis;
import be.meterkast.analysis.IntervalUsage;
import be.meterkast.analysis.PeriodSummary;
import be.meterkast.analysis.DayCompleteness;
import be.meterkast.domain.Defect;
import be.meterkast.domain.IncompleteDay;
import be.meterkast.domain.Measurements;
import be.meterkast.domain.Resolution;
import be.meterkast.domain.Ean;
import be.meterkast.domain.MeterKind;
import be.meterkast.domain.MeterRef;
import be.meterkast.domain.Unit;
import be.meterkast.fluvius.Credentials;
import be.meterkast.fluvius.FluviusClient;
import be.meterkast.fluvius.Granularity;
import be.meterkast.fluvius.History;
import be.meterkast.fluvius.HistoryQuery;
import be.meterkast.fluvius.SignInTrace;
import io.vertx.core.Future;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

@Command(name = "fetch", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Sign in to Fluvius, fetch the last N days of one meter, print the analysis per day and "
                + "for the period, and save the raw JSON exactly as Fluvius sent it.")
final class FetchCommand implements Callable<Integer> {
    static final int MAX_DAYS = 3 * 366;

    @Mixin
    FluviusConnection connection;

    @Option(names = "--ean", defaultValue = "${env:FLUVIUS_EAN}", paramLabel = "EAN",
            description = "The connection's 18-digit EAN (env FLUVIUS_EAN).")
    String ean;

    @Option(names = "--meter-serial", defaultValue = "${env:FLUVIUS_METER_SERIAL}", paramLabel = "SERIAL",
            description = "The meter's serial number, e.g. 1SAG1100000001 (env FLUVIUS_METER_SERIAL).")
    String serial;

    @Option(names = "--days-back", defaultValue = "7", paramLabel = "N",
            description = "How many days to fetch, ending with --end-date (default ${DEFAULT-VALUE}).")
    int daysBack;

    @Option(names = "--end-date", paramLabel = "YYYY-MM-DD",
            description = "Last day to fetch (default: yesterday; Fluvius has no electricity data for today).")
    String endDate;

    @Option(names = "--bearer-token", defaultValue = "${env:FLUVIUS_BEARER_TOKEN}", paramLabel = "TOKEN",
            description = "Skip the sign-in and use this access token.")
    String bearerToken;

    @Option(names = "--output", defaultValue = "fluvius_consumption_data.json", paramLabel = "FILE",
            description = "Where to save the raw JSON (default ${DEFAULT-VALUE}).")
    Path output;

    @Option(names = "--timezone", defaultValue = "${env:FLUVIUS_TIMEZONE:-Europe/Brussels}", paramLabel = "ZONE",
            description = "Time zone whose local days are fetched (env FLUVIUS_TIMEZONE, default ${DEFAULT-VALUE}).")
    String timezone;

    @Option(names = "--granularity", defaultValue = "${env:FLUVIUS_GRANULARITY:-daily}", paramLabel = "G",
            description = "quarter-hour, hourly, daily, or a raw Fluvius code (env FLUVIUS_GRANULARITY, "
                    + "default ${DEFAULT-VALUE}). Quarter-hours and hours are fetched one day per request (gas: one "
                    + "gas day; gas has no quarter-hours); hourly prints each day's hours above its totals.")
    String granularity;

    @Option(names = "--kind", defaultValue = "electricity", paramLabel = "KIND",
            description = "electricity or gas (default ${DEFAULT-VALUE}); gas days run 06:00-06:00.")
    String kind;

    @Option(names = "--gas-unit", defaultValue = "m3", paramLabel = "UNIT",
            description = "Show gas in m3 or kWh (default ${DEFAULT-VALUE}); the two are never added.")
    String gasUnit;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        Quiet.apply(connection.quiet);
        MeterRef meter = meter();
        ZoneId zone = zone();
        MeterKind meterKind = kind();
        Unit unit = meterKind == MeterKind.GAS ? gasUnit() : Unit.KWH;
        String code = granularityCode();
        if (meterKind == MeterKind.GAS && Granularity.QUARTER_HOUR.code().equals(code)) {
            throw new BadInput("gas has no quarter-hours at Fluvius; use --granularity hourly or daily");
        }
        if (daysBack < 1 || daysBack > MAX_DAYS) {
            throw new BadInput("--days-back must be between 1 and " + MAX_DAYS + ", not " + daysBack);
        }
        LocalDate last = lastDay(zone);
        LocalDate first = last.minusDays(daysBack - 1L);
        boolean useToken = bearerToken != null && !bearerToken.isBlank();
        if (!useToken) {
            connection.requireCredentials();
        } else if (connection.trace != null) {
            throw new BadInput("--trace records the sign-in, and with --bearer-token there is none");
        }
        checkOutputWritable();
        var options = connection.options();
        HistoryQuery query = new HistoryQuery(meter, meterKind, first, last, zone, code);

        SignInTrace trace = connection.newTrace(options);
        History history;
        try {
            history = VertxRunner.run(vertx -> {
                FluviusClient client = new FluviusClient(vertx, options);
                Future<String> token = useToken ? Future.succeededFuture(bearerToken.strip())
                        : client.signIn(new Credentials(connection.email, connection.password), connection.rememberMe,
                        trace).map(t -> t.accessToken());
                return token.compose(t -> client.history(t, query)).eventually(client::close);
            });
        } finally {
            if (!useToken) {
                connection.writeTrace(trace, spec.commandLine().getErr());
            }
        }

        PrintWriter out = spec.commandLine().getOut();
        out.println("Meter " + meter.ean() + " (serial " + meter.serial() + "), " + meterKind.name().toLowerCase(Locale.ROOT)
                + ", " + first + " to " + last + " (" + zone + "), granularity " + describe(code));
        var readings = history.measurements().readings();
        PeriodSummary summary = DailyAnalysis.summarize(DailyAnalysis.markIncomplete(
                DailyAnalysis.daily(readings, zone, unit, query.dayStart()),
                incompleteDays(code, meterKind, unit, zone, first, last, history.measurements())), first, last, unit);
        Map<LocalDate, List<IntervalUsage>> hours = Granularity.HOURLY.code().equals(code)
                ? DailyAnalysis.intervals(readings, unit).stream().collect(Collectors.groupingBy(
                        hour -> LocalDays.dayOf(hour.start(), zone, query.dayStart()), TreeMap::new, Collectors.toList()))
                : Map.of();
        new ConsoleReport(out).print(summary, hours, zone);
        if (history.measurements().skipped() > 0) {
            out.println("Skipped " + history.measurements().skipped() + " unreadable values in Fluvius' answer.");
        }
        save(history);
        out.println("Saved the raw JSON (" + history.raw().size() + " records) to " + output);
        out.flush();
        return ExitCode.OK;
    }

    /** The days Fluvius did not send whole, judged as the sync judges them (without stored days around). */
    private static Map<LocalDate, Defect> incompleteDays(String code, MeterKind kind, Unit unit, ZoneId zone,
                                                         LocalDate first, LocalDate last, Measurements fetched) {
        Map<LocalDate, Defect> incomplete = new TreeMap<>();
        Optional<Granularity> granularity = Granularity.parse(code);
        List<IncompleteDay> days = new ArrayList<>();
        if (granularity.equals(Optional.of(Granularity.DAILY))) {
            days.addAll(DayCompleteness.daily(kind, unit, zone, fetched, List.of()).incomplete());
        } else if (granularity.isPresent()) {
            Resolution resolution = granularity.get() == Granularity.HOURLY ? Resolution.HOUR : Resolution.QUARTER_HOUR;
            for (LocalDate day : LocalDays.between(first, last)) {
                days.addAll(DayCompleteness.intervals(kind, unit, zone, resolution, day, fetched).incomplete());
            }
        }
        days.forEach(d -> incomplete.put(d.day(), d.defect()));
        return incomplete;
    }

    private static String describe(String code) {
        return java.util.Arrays.stream(Granularity.values()).filter(g -> g.code().equals(code)).findFirst()
                .map(g -> g.label() + " (code " + code + ")").orElse("code " + code);
    }

    private MeterRef meter() {
        if (ean == null || ean.isBlank()) {
            throw new BadInput("no EAN: pass --ean or set FLUVIUS_EAN");
        }
        Ean.problem(ean).ifPresent(problem -> {
            throw new BadInput("--ean '" + ean + "': " + problem);
        });
        if (serial == null || serial.isBlank()) {
            throw new BadInput("no meter serial: pass --meter-serial or set FLUVIUS_METER_SERIAL");
        }
        return new MeterRef(Ean.normalize(ean), serial.strip());
    }

    private ZoneId zone() {
        try {
            return ZoneId.of(timezone.strip());
        } catch (DateTimeException e) {
            throw new BadInput("--timezone '" + timezone + "' is not a time zone; use a name like Europe/Brussels");
        }
    }

    private MeterKind kind() {
        return switch (kind.strip().toLowerCase(Locale.ROOT)) {
            case "electricity", "elec", "e" -> MeterKind.ELECTRICITY;
            case "gas", "g" -> MeterKind.GAS;
            default -> throw new BadInput("--kind must be electricity or gas, not '" + kind + "'");
        };
    }

    private Unit gasUnit() {
        return Unit.parse(gasUnit).orElseThrow(() -> new BadInput("--gas-unit must be m3 or kWh, not '" + gasUnit + "'"));
    }

    private String granularityCode() {
        String g = granularity.strip();
        if (g.matches("\\d{1,2}")) {
            return g;
        }
        return Granularity.parse(g).map(Granularity::code).orElseThrow(() -> new BadInput(
                "--granularity must be quarter-hour, hourly, daily or a numeric code, not '" + granularity + "'"));
    }

    private LocalDate lastDay(ZoneId zone) {
        LocalDate yesterday = LocalDate.now(zone).minusDays(1);
        if (endDate == null) {
            return yesterday;
        }
        try {
            LocalDate end = LocalDate.parse(endDate.strip());
            if (end.isAfter(yesterday)) {
                throw new BadInput("--end-date " + end + " is not in the past; Fluvius has data up to yesterday ("
                        + yesterday + ")");
            }
            return end;
        } catch (DateTimeParseException e) {
            throw new BadInput("--end-date '" + endDate + "' is not a date like 2025-06-30");
        }
    }

    /** Fail before signing in, not after a long fetch, when the answer could not be saved anyway. */
    private void checkOutputWritable() {
        Path dir = output.toAbsolutePath().getParent();
        if (dir == null || !Files.isDirectory(dir)) {
            throw new BadInput("--output " + output + ": folder " + dir + " does not exist");
        }
        if (Files.isDirectory(output)) {
            throw new BadInput("--output " + output + " is a folder; name a file");
        }
        if (Files.exists(output) ? !Files.isWritable(output) : !Files.isWritable(dir)) {
            throw new BadInput("--output " + output + " cannot be written (permissions)");
        }
    }

    private void save(History history) {
        try {
            Files.writeString(output, history.raw().encodePrettily() + "\n", StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("could not save the raw JSON to " + output + ": " + e.getMessage(), e);
        }
    }
}
