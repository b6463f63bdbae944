package be.meterkast.app.imports;

import be.meterkast.csvimport.GeneratedFiles;
import be.meterkast.csvimport.GeneratedFiles.Row;
import be.meterkast.csvimport.GeneratedFiles.Variant;
import be.meterkast.domain.Direction;
import be.meterkast.domain.MeterKind;
import be.meterkast.domain.Reading;
import be.meterkast.domain.Tariff;
import be.meterkast.domain.Unit;
import be.meterkast.fluvius.sim.MeterDataGenerator;
import be.meterkast.fluvius.sim.SimAccounts;
import be.meterkast.fluvius.sim.SimMeter;
import be.meterkast.store.CsvImport;
import be.meterkast.store.Database;
import be.meterkast.store.DatabaseConfig;
import be.meterkast.store.Meter;
import be.meterkast.store.Repositories;
import be.meterkast.store.SecretBox;
import be.meterkast.store.TestDatabases;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@ExtendWith(VertxExtension.class)
@DisplayName("Importing Mijn Fluvius files into a meter")
class CsvImportServiceTest {
    private static final SimMeter SOLAR = SimAccounts.DEMO_SOLAR;
    private static final Instant NOW = Instant.parse("2025-12-01T10:00:00Z");
    private static final LocalDate FIRST = LocalDate.of(2025, 10, 20);
    private static final LocalDate LAST = LocalDate.of(2025, 10, 31);

    @TempDir
    Path dataDirectory;

    private TestDatabases.Fresh fresh;
    private Database database;
    private Repositories store;
    private CsvImportService imports;
    private Vertx vertx;

    @BeforeEach
    void start(Vertx vertx) {
        this.vertx = vertx;
        fresh = TestDatabases.create();
        database = Database.start(vertx, DatabaseConfig.external(fresh.url(), dataDirectory)).await();
        store = new Repositories(database.pool(), SecretBox.withNewKey());
        imports = new CsvImportService(store, Clock.fixed(NOW, ZoneOffset.UTC));
    }

    @AfterEach
    void stop() {
        database.close().await();
        TestDatabases.drop(fresh);
    }

    private Meter meter(SimMeter sim) {
        long owner = store.users().create("owner", "Owner", "$argon2id$v=19$m=19456,t=2,p=1$c2FsdA$aGFzaA", false)
                .await().id();
        long household = store.households().create("Thuis", owner).await().id();
        return store.meters().create(household, Optional.empty(), sim.ref(), sim.kind(), "Zonnepanelen",
                sim.kind() == MeterKind.GAS ? Optional.of(Unit.M3) : Optional.empty()).await();
    }

    /** Quarter-hours of FIRST..LAST (the autumn DST night among them) as Mijn Fluvius writes them. */
    private static String quarterHourFile() {
        List<Row> rows = new ArrayList<>();
        for (LocalDate day = FIRST; !day.isAfter(LAST); day = day.plusDays(1)) {
            rows.addAll(GeneratedFiles.quarterHours(SOLAR, day, Variant.DUTCH_2024));
        }
        return GeneratedFiles.file(SOLAR, rows, Variant.DUTCH_2024, true, true);
    }

    private ImportReport importText(Meter meter, String file) {
        return imports.importFile(meter, Optional.empty(), "verbruik.csv",
                LineSource.buffer(Buffer.buffer(file.getBytes(StandardCharsets.UTF_8)))).await();
    }

    private List<Reading> stored(Meter meter) {
        return store.readings().readings(meter.id(), Instant.EPOCH, NOW).await();
    }

    @Test
    @DisplayName("a quarter-hour file imports every value to the Wh, reports the counts and days, and is remembered")
    void quarterHours() {
        Meter meter = meter(SOLAR);
        int quarterHours = 0;
        for (LocalDate day = FIRST; !day.isAfter(LAST); day = day.plusDays(1)) {
            quarterHours += MeterDataGenerator.quarterHours(day).size();
        }

        int values = quarterHours * 2;
        ImportReport report = importText(meter, quarterHourFile());

        assertThat(report.imported()).isEqualTo(values);
        assertThat(report.unchanged()).isZero();
        assertThat(report.skipped()).isZero();
        assertThat(report.problems()).isEmpty();
        assertThat(report.firstDay()).contains(FIRST);
        assertThat(report.lastDay()).contains(LAST);
        List<Reading> stored = stored(meter);
        assertThat(stored).hasSize(values).allSatisfy(r -> assertThat(r.value()).isEqualByComparingTo(
                BigDecimal.valueOf(MeterDataGenerator.quarterHourWh(SOLAR, r.start(), r.direction(), false), 3)));
        assertThat(imports.latest(meter.id()).await()).singleElement().satisfies((CsvImport done) -> {
            assertThat(done.fileName()).isEqualTo("verbruik.csv");
            assertThat(done.importedAt()).isEqualTo(NOW);
            assertThat(done.imported()).isEqualTo(values);
            assertThat(done.firstDay()).contains(FIRST);
        });
    }

    @Test
    @DisplayName("the same file twice changes nothing and says so")
    void sameFileTwice() {
        Meter meter = meter(SOLAR);
        String file = quarterHourFile();
        ImportReport first = importText(meter, file);

        ImportReport second = importText(meter, file);

        assertThat(second.nothingNew()).isTrue();
        assertThat(second.imported()).isZero();
        assertThat(second.unchanged()).isEqualTo(first.imported());
        assertThat(stored(meter)).hasSize(first.imported());
    }

    @Test
    @DisplayName("a file for another EAN is refused whole, naming both EANs; nothing is stored")
    void anotherEan() {
        Meter meter = meter(SimAccounts.DEMO_EV);

        assertThatThrownBy(() -> importText(meter, quarterHourFile())).isInstanceOf(ImportRefused.class)
                .hasMessageContaining(SOLAR.ean()).hasMessageContaining(SimAccounts.DEMO_EV.ean());
        assertThat(stored(meter)).isEmpty();
        assertThat(imports.latest(meter.id()).await()).isEmpty();
    }

    @Test
    @DisplayName("a gas file for an electricity meter and a file that is not a Verbruikshistoriek are refused")
    void wrongKindOrNotAFile() {
        Meter meter = meter(SimAccounts.DEMO_GAS);
        String electricity = quarterHourFile().replace(SOLAR.ean(), SimAccounts.DEMO_GAS.ean());

        assertThatThrownBy(() -> importText(meter, electricity)).isInstanceOf(ImportRefused.class)
                .hasMessage("the file holds electricity values, this meter is gas");
        assertThatThrownBy(() -> importText(meter, "Datum;Stand\n01-01-2025;1\n")).isInstanceOf(ImportRefused.class)
                .hasMessageContaining("not a Mijn Fluvius consumption history");
        assertThat(stored(meter)).isEmpty();
    }

    @Test
    @DisplayName("a file cut off in its last line imports the rest and reports the cut line")
    void truncated() {
        Meter meter = meter(SOLAR);
        String whole = quarterHourFile();
        String cut = whole.substring(0, whole.length() - 30);

        ImportReport report = importText(meter, cut);

        int lines = (int) whole.lines().count();
        assertThat(report.skipped()).isEqualTo(1);
        assertThat(report.problems()).singleElement().satisfies(p -> {
            assertThat(p.line()).isEqualTo(lines);
            assertThat(p.reason()).contains("cut-off");
        });
        assertThat(report.imported()).isEqualTo(lines - 2);
    }

    @Test
    @DisplayName("a file with more bad rows than a report lists is refused whole")
    void tooManyBadRows() {
        Meter meter = meter(SOLAR);
        String file = quarterHourFile().replace(";kWh;", ";MWh;");

        assertThatThrownBy(() -> importText(meter, file)).isInstanceOf(ImportRefused.class)
                .hasMessageContaining("rows cannot be read").hasMessageContaining("unit 'MWh'");
        assertThat(stored(meter)).isEmpty();
    }

    @Test
    @DisplayName("an estimated value in a file never replaces a value Fluvius validated; a validated one replaces an estimate")
    void validatedValuesStay() {
        Meter meter = meter(SOLAR);
        Instant start = MeterDataGenerator.dayStart(FIRST);
        Tariff night = MeterDataGenerator.tariffAt(start);
        Reading validated = new Reading(start, start.plus(Duration.ofMinutes(15)), night, Direction.OFFTAKE, Unit.KWH,
                new BigDecimal("0.999"), false);
        Reading estimate = new Reading(start.plus(Duration.ofMinutes(15)), start.plus(Duration.ofMinutes(30)), night,
                Direction.OFFTAKE, Unit.KWH, new BigDecimal("0.888"), true);
        store.readings().upsert(meter.id(), List.of(validated, estimate)).await();
        String file = quarterHourFile().replace("Gevalideerd", "Geschat");

        ImportReport report = importText(meter, file);

        assertThat(report.problems()).extracting(p -> p.reason()).containsExactly(
                "1 estimated values were left out: Fluvius has validated values for those periods");
        assertThat(offtake(meter, validated.start())).satisfies(r -> {
            assertThat(r.value()).isEqualByComparingTo("0.999");
            assertThat(r.estimated()).isFalse();
        });
        assertThat(offtake(meter, estimate.start())).satisfies(r -> {
            assertThat(r.value()).isEqualByComparingTo(BigDecimal.valueOf(
                    MeterDataGenerator.quarterHourWh(SOLAR, estimate.start(), Direction.OFFTAKE, false), 3));
            assertThat(r.estimated()).isTrue();
        });
    }

    private Reading offtake(Meter meter, Instant start) {
        return store.readings().readings(meter.id(), start, start.plusSeconds(1)).await().stream()
                .filter(r -> r.direction() == Direction.OFFTAKE).findFirst().orElseThrow();
    }

    @Test
    @Tag("slow")
    @DisplayName("a meter-year of quarter-hours, streamed from disk (README's figure)")
    void yearFromDisk() throws IOException {
        Meter meter = meter(SOLAR);
        Path file = dataDirectory.resolve("year.csv");
        LocalDate first = LocalDate.of(2024, 12, 1);
        try (var out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            boolean header = true;
            for (LocalDate day = first; day.isBefore(first.plusYears(1)); day = day.plusDays(1)) {
                String text = GeneratedFiles.file(SOLAR, GeneratedFiles.quarterHours(SOLAR, day, Variant.DUTCH_2024),
                        Variant.DUTCH_2024, false, false);
                out.write(header ? text : text.substring(text.indexOf('\n') + 1));
                header = false;
            }
        }
        long started = System.nanoTime();

        ImportReport report = imports.importFile(meter, Optional.empty(), "year.csv",
                LineSource.file(vertx, file.toString())).await();

        Duration took = Duration.ofNanos(System.nanoTime() - started);
        System.out.printf("IMPORT a year of quarter-hours: %d values, %.1f MB, %.1f s%n", report.imported(),
                Files.size(file) / 1e6, took.toMillis() / 1000.0);
        assertThat(report.imported()).isEqualTo(365 * 96 * 2);
        assertThat(report.problems()).isEmpty();
        assertThat(store.readings().count(meter.id()).await()).isEqualTo(365L * 96 * 2);
    }
}
