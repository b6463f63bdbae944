package be.meterkast.cli;

import be.meterkast.domain.Direction;
import be.meterkast.domain.Ean;
import be.meterkast.domain.MeterKind;
import be.meterkast.domain.MeterRef;
import be.meterkast.domain.MonthlyPeak;
import be.meterkast.domain.Reading;
import be.meterkast.domain.Tariff;
import be.meterkast.domain.Unit;
import be.meterkast.fluvius.sim.DayTotals;
import be.meterkast.fluvius.sim.GasDay;
import be.meterkast.fluvius.sim.GasHour;
import be.meterkast.fluvius.sim.MeterDataGenerator;
import be.meterkast.fluvius.sim.MonthlyPeakValue;
import be.meterkast.fluvius.sim.Profile;
import be.meterkast.fluvius.sim.SimMeter;
import be.meterkast.config.Setting;
import be.meterkast.server.ServerConfig;
import be.meterkast.store.Database;
import be.meterkast.store.Meter;
import be.meterkast.store.PasswordHasher;
import be.meterkast.store.Repositories;
import be.meterkast.store.SecretBox;
import io.vertx.core.Vertx;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * Writes a household with years of simulated readings straight into PostgreSQL, through the repositories (one
 * set-based statement per batch, daily totals in its transaction), for benchmarks: no sync, no Fluvius, no
 * simulator server. Prints how fast the rows went in.
 */
@Command(name = "seed", mixinStandardHelpOptions = true,
        description = {"Write a benchmark household into the database 'serve' uses: a user who owns it, and meters",
                "(electricity with solar, without, gas, in turn) with years of days and recent quarter-hours (hours for",
                "gas) from the simulator's generator. Prints the rows written per second. Refuses a user that exists."})
final class SeedCommand implements Callable<Integer> {
    /** The most rows one statement writes: a meter-year of quarter-hours on one register. */
    static final int BATCH = 35_040;
    private static final ZoneId BRUSSELS = MeterDataGenerator.ZONE;
    private static final Profile[] PROFILES = {Profile.SOLAR, Profile.PLAIN, Profile.GAS};

    @Option(names = "--database-url", description = "PostgreSQL to write into (overrides DATABASE_URL; "
            + "without either, the embedded database in METERKAST_DATA_DIR).")
    String databaseUrl;

    @Option(names = "--meters", defaultValue = "6", description = "Meters in the household (default ${DEFAULT-VALUE}).")
    int meters;

    @Option(names = "--years", defaultValue = "3", description = "Years of days, ending yesterday (default ${DEFAULT-VALUE}).")
    int years;

    @Option(names = "--quarter-hour-days", defaultValue = "90",
            description = "Days of quarter-hours (gas: hours), ending yesterday (default ${DEFAULT-VALUE}).")
    int quarterHourDays;

    @Option(names = "--username", defaultValue = "bench", description = "The user to create (default ${DEFAULT-VALUE}).")
    String username;

    @Option(names = "--password", defaultValue = "bench-password", description = "Their password (default ${DEFAULT-VALUE}).")
    String password;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        if (meters < 1 || meters > 100 || years < 0 || years > 20 || quarterHourDays < 0 || quarterHourDays > 3 * 366) {
            throw new BadInput("--meters 1-100, --years 0-20, --quarter-hour-days 0-1098");
        }
        ServerConfig config = Settings.loadWith(Setting.DATABASE_URL, databaseUrl);
        PrintWriter out = spec.commandLine().getOut();
        Vertx vertx = Vertx.vertx();
        try {
            Database database = Backups.open(vertx, config);
            try {
                // Seeding writes no secret: a throwaway key keeps the portal's key file untouched
                Repositories store = new Repositories(database.pool(), SecretBox.withNewKey());
                if (store.users().findByUsername(username).await().isPresent()) {
                    throw new BadInput("--username: " + username + " exists already; seed a fresh database");
                }
                long userId = store.users().create(username, "Benchmark", new PasswordHasher().hash(password), true).await().id();
                store.users().setLocale(userId, "en").await();
                long householdId = store.households().create("Benchmark", userId).await().id();
                LocalDate yesterday = LocalDate.now(BRUSSELS).minusDays(1);
                long rows = 0;
                long nanos = 0;
                long largest = 0;
                for (int i = 0; i < meters; i++) {
                    Profile profile = PROFILES[i % PROFILES.length];
                    SimMeter sim = simMeter(i, profile);
                    MeterKind kind = profile == Profile.GAS ? MeterKind.GAS : MeterKind.ELECTRICITY;
                    Meter meter = store.meters().create(householdId, Optional.empty(), new MeterRef(sim.ean(), sim.serial()),
                            kind, label(profile, i), kind == MeterKind.GAS ? Optional.of(Unit.M3) : Optional.empty()).await();
                    for (List<Reading> batch : batches(sim, yesterday)) {
                        long started = System.nanoTime();
                        store.readings().upsert(meter.id(), batch).await();
                        long took = System.nanoTime() - started;
                        rows += batch.size();
                        nanos += took;
                        if (batch.size() == BATCH && largest == 0) {
                            largest = took;
                        }
                    }
                    if (kind == MeterKind.ELECTRICITY) {
                        store.peaks().upsert(meter.id(), peaks(sim, yesterday)).await();
                    }
                    out.printf("meter %d: %s (%s)%n", meter.id(), meter.label(), sim.ean());
                    out.flush();
                }
                store.readings().analyze().await();
                out.printf("household %d for user %s: %d meters, %d years of days, %d days of quarter-hours%n",
                        householdId, username, meters, years, quarterHourDays);
                out.printf("ingest: %d rows in %d ms, %.0f rows/s (statements of up to %d rows, daily totals included)%n",
                        rows, nanos / 1_000_000, rows / (nanos / 1e9), BATCH);
                if (largest > 0) {
                    out.printf("ingest of one meter-year of quarter-hours (%d rows, one statement): %d ms, %.0f rows/s%n",
                            BATCH, largest / 1_000_000, BATCH / (largest / 1e9));
                }
            } finally {
                database.close().await();
            }
        } finally {
            out.flush();
            vertx.close().await();
        }
        return ExitCode.OK;
    }

    private static SimMeter simMeter(int i, Profile profile) {
        String body = "54144882" + String.format("%09d", 900_000 + i);
        return new SimMeter(body + Ean.checkDigit(body), "BENCH" + i, profile);
    }

    private static String label(Profile profile, int i) {
        return switch (profile) {
            case SOLAR -> "Solar " + (i + 1);
            case GAS -> "Gas " + (i + 1);
            default -> "Electricity " + (i + 1);
        };
    }

    /** The meter's readings in statements of at most {@link #BATCH}: days first, then quarter-hours or hours. */
    private List<List<Reading>> batches(SimMeter sim, LocalDate yesterday) {
        LocalDate today = yesterday.plusDays(1);
        List<Reading> all = new ArrayList<>();
        LocalDate firstDay = yesterday.minusYears(years).plusDays(1);
        LocalDate firstInterval = yesterday.minusDays(quarterHourDays - 1L);
        for (LocalDate day = firstDay; !day.isAfter(yesterday) && years > 0; day = day.plusDays(1)) {
            if (sim.profile() == Profile.GAS) {
                GasDay gas = MeterDataGenerator.gasDay(sim, day, MeterDataGenerator.isGasEstimated(day, today));
                all.add(gasReading(gas.start(), gas.end(), Unit.M3, gas.m3(), day, today));
                all.add(gasReading(gas.start(), gas.end(), Unit.KWH, gas.kwh(), day, today));
            } else {
                boolean estimated = MeterDataGenerator.isEstimated(day, today);
                DayTotals totals = MeterDataGenerator.dailyTotals(sim, day, estimated);
                Instant start = MeterDataGenerator.dayStart(day);
                Instant end = MeterDataGenerator.dayStart(day.plusDays(1));
                all.add(new Reading(start, end, Tariff.DAY, Direction.OFFTAKE, Unit.KWH, totals.offtakeDay(), estimated));
                all.add(new Reading(start, end, Tariff.NIGHT, Direction.OFFTAKE, Unit.KWH, totals.offtakeNight(), estimated));
                all.add(new Reading(start, end, Tariff.DAY, Direction.INJECTION, Unit.KWH, totals.injectionDay(), estimated));
                all.add(new Reading(start, end, Tariff.NIGHT, Direction.INJECTION, Unit.KWH, totals.injectionNight(), estimated));
            }
        }
        List<List<Reading>> batches = new ArrayList<>(split(all));
        all = new ArrayList<>();
        for (LocalDate day = firstInterval; !day.isAfter(yesterday) && quarterHourDays > 0; day = day.plusDays(1)) {
            if (sim.profile() == Profile.GAS) {
                for (GasHour hour : MeterDataGenerator.gasHours(sim, day, MeterDataGenerator.isGasEstimated(day, today))) {
                    all.add(gasReading(hour.start(), hour.end(), Unit.M3, hour.m3(), day, today));
                    all.add(gasReading(hour.start(), hour.end(), Unit.KWH, hour.kwh(), day, today));
                }
            } else {
                boolean estimated = MeterDataGenerator.isEstimated(day, today);
                for (Instant start : MeterDataGenerator.quarterHours(day)) {
                    Tariff tariff = MeterDataGenerator.tariffAt(start);
                    Instant end = start.plus(Duration.ofMinutes(15));
                    for (Direction direction : Direction.values()) {
                        long wh = MeterDataGenerator.quarterHourWh(sim, start, direction, estimated);
                        all.add(new Reading(start, end, tariff, direction, Unit.KWH, BigDecimal.valueOf(wh, 3), estimated));
                    }
                }
            }
        }
        batches.addAll(split(all));
        return batches;
    }

    private static Reading gasReading(Instant start, Instant end, Unit unit, BigDecimal value, LocalDate day, LocalDate today) {
        return new Reading(start, end, Tariff.SINGLE, Direction.OFFTAKE, unit, value,
                MeterDataGenerator.isGasEstimated(day, today));
    }

    private static List<List<Reading>> split(List<Reading> all) {
        List<List<Reading>> batches = new ArrayList<>();
        for (int from = 0; from < all.size(); from += BATCH) {
            batches.add(all.subList(from, Math.min(all.size(), from + BATCH)));
        }
        return batches;
    }

    /** Each month's highest quarter-hour, as Fluvius sends it for the capacity tariff. */
    private List<MonthlyPeak> peaks(SimMeter sim, LocalDate yesterday) {
        List<MonthlyPeak> peaks = new ArrayList<>();
        YearMonth first = YearMonth.from(yesterday.minusYears(years).plusDays(1));
        for (YearMonth month = first; !month.isAfter(YearMonth.from(yesterday)) && years > 0; month = month.plusMonths(1)) {
            MonthlyPeakValue peak = MeterDataGenerator.monthlyPeak(sim, month, yesterday.plusDays(1));
            peaks.add(new MonthlyPeak(peak.month(), peak.kilowatts(), peak.start(), peak.end()));
        }
        return peaks;
    }
}
