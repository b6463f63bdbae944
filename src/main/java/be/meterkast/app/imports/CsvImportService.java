package be.meterkast.app.imports;

import be.meterkast.csvimport.CsvProblem;
import be.meterkast.csvimport.CsvReading;
import be.meterkast.csvimport.CsvSummary;
import be.meterkast.csvimport.Reason;
import be.meterkast.csvimport.VerbruikshistoriekParser;
import be.meterkast.domain.MeterKind;
import be.meterkast.domain.Reading;
import be.meterkast.store.CsvImport;
import be.meterkast.store.Meter;
import be.meterkast.store.ReadingRepository.ImportCounts;
import be.meterkast.store.Repositories;
import io.vertx.core.Future;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Imports Mijn Fluvius CSV downloads into a meter. A file is read twice: first whole, to check it is this
 * meter's and readable, then again to store it in one transaction, a batch of values at a time — so a file is
 * imported all or nothing, and memory does not grow with its size. Importing the same file again changes
 * nothing and says so; a value Fluvius validated is never replaced by an estimated one from a file, while
 * Fluvius data fetched later replaces imported values as it replaces its own.
 */
public final class CsvImportService {
    /** Values stored per statement. */
    static final int BATCH = 5_000;

    private final Repositories store;
    private final Clock clock;

    public CsvImportService(Repositories store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    /**
     * Imports the file into {@code meter} (access already checked). Fails with {@link ImportRefused} when the
     * file is for another EAN or another kind of meter, is not a Verbruikshistoriek download, or has more bad
     * rows than a report can list; nothing is stored then.
     */
    public Future<ImportReport> importFile(Meter meter, Optional<Long> userId, String fileName, LineSource file) {
        VerbruikshistoriekParser check = new VerbruikshistoriekParser(reading -> { });
        return file.lines(line -> {
            check.line(line);
            return null;
        }).compose(read -> {
            CsvSummary summary = check.finish();
            refusal(meter, summary).ifPresent(reason -> {
                throw new ImportRefused(reason);
            });
            return store.inTransaction(tx -> store(tx, meter, file)
                    .compose(stored -> record(tx, meter, userId, fileName, summary, stored)));
        });
    }

    /** The meter a file is of, as the file names it. */
    public record FileMeter(String ean, Optional<String> serial, MeterKind kind) {
    }

    /**
     * Reads the file whole, storing nothing, for the meter it belongs to (a new meter from a file). Fails with
     * {@link ImportRefused} when it would be refused on import, or names no single meter and kind.
     */
    public Future<FileMeter> describe(LineSource file) {
        VerbruikshistoriekParser check = new VerbruikshistoriekParser(reading -> { });
        return file.lines(line -> {
            check.line(line);
            return null;
        }).map(read -> {
            CsvSummary summary = check.finish();
            unreadable(summary).ifPresent(reason -> {
                throw new ImportRefused(reason);
            });
            if (summary.eans().size() != 1) {
                String eans = String.join(", ", summary.eans().stream().sorted().toList());
                throw new ImportRefused(Reason.of("file.several_meters", "the file is for " + summary.eans().size()
                        + " meters (EAN " + eans + "); download one meter's file", summary.eans().size(), eans));
            }
            if (summary.kind().isEmpty()) {
                throw new ImportRefused(Reason.of("file.no_kind", "the file does not say whether it holds electricity or gas"));
            }
            Optional<String> serial = summary.serials().size() == 1 ? summary.serials().stream().findFirst()
                    : Optional.empty();
            return new FileMeter(summary.eans().iterator().next(), serial, summary.kind().get());
        });
    }

    /** The latest imports of the meter, newest first. */
    public Future<List<CsvImport>> latest(long meterId) {
        return store.csvImports().latest(meterId, 10);
    }

    private static Optional<Reason> refusal(Meter meter, CsvSummary summary) {
        Optional<Reason> unreadable = unreadable(summary);
        if (unreadable.isPresent()) {
            return unreadable;
        }
        if (!summary.eans().equals(java.util.Set.of(meter.ref().ean()))) {
            String eans = String.join(", ", summary.eans().stream().sorted().toList());
            return Optional.of(Reason.of("file.other_ean", "the file is for EAN " + eans + ", this meter is EAN "
                    + meter.ref().ean(), eans, meter.ref().ean()));
        }
        if (summary.kind().isPresent() && summary.kind().get() != meter.kind()) {
            String kind = summary.kind().get().name().toLowerCase(java.util.Locale.ROOT);
            return Optional.of(Reason.of("file.other_kind." + kind, "the file holds " + kind
                    + " values, this meter is " + meter.kind().name().toLowerCase(java.util.Locale.ROOT)));
        }
        return Optional.empty();
    }

    /** Why no meter can take the file: not a Verbruikshistoriek, or more bad rows than a report lists. */
    private static Optional<Reason> unreadable(CsvSummary summary) {
        if (summary.unreadableReason().isPresent()) {
            return summary.unreadableReason();
        }
        if (summary.problemCount() > VerbruikshistoriekParser.KEPT_PROBLEMS) {
            CsvProblem first = summary.problems().get(0);
            return Optional.of(Reason.of("file.too_many_problems", summary.problemCount() + " rows cannot be read (the first: "
                    + first.reason() + "); is this the whole file, as Mijn Fluvius wrote it?", summary.problemCount(),
                    first.line()));
        }
        return Optional.empty();
    }

    /** Totals of the storing pass. */
    private record Stored(int rows, int written, int keptValidated) {
    }

    private Future<Stored> store(Repositories tx, Meter meter, LineSource file) {
        List<Reading> batch = new ArrayList<>(BATCH);
        AtomicInteger rows = new AtomicInteger();
        AtomicInteger written = new AtomicInteger();
        AtomicInteger kept = new AtomicInteger();
        AtomicReference<Future<Void>> flush = new AtomicReference<>();
        VerbruikshistoriekParser parser = new VerbruikshistoriekParser((CsvReading value) -> {
            batch.add(value.reading());
            rows.incrementAndGet();
            if (batch.size() >= BATCH) {
                flush.set(save(tx, meter, batch, written, kept));
            }
        });
        return file.lines(line -> {
            parser.line(line);
            return flush.getAndSet(null);
        }).compose(read -> save(tx, meter, batch, written, kept))
                .map(done -> new Stored(rows.get(), written.get(), kept.get()));
    }

    private static Future<Void> save(Repositories tx, Meter meter, List<Reading> batch, AtomicInteger written,
                                     AtomicInteger kept) {
        List<Reading> values = List.copyOf(batch);
        batch.clear();
        return tx.readings().importValues(meter.id(), values).map((ImportCounts counts) -> {
            written.addAndGet(counts.written());
            kept.addAndGet(counts.keptValidated());
            return null;
        });
    }

    private Future<ImportReport> record(Repositories tx, Meter meter, Optional<Long> userId, String fileName, CsvSummary summary,
                                        Stored stored) {
        List<CsvProblem> problems = new ArrayList<>(summary.problems());
        if (stored.keptValidated() > 0) {
            problems.add(new CsvProblem(0, Reason.of("kept_validated", stored.keptValidated()
                    + " estimated values were left out: Fluvius has validated values for those periods",
                    stored.keptValidated())));
        }
        int skipped = summary.problemCount() + stored.keptValidated();
        int unchanged = stored.rows() - stored.written() - stored.keptValidated();
        return tx.csvImports().record(meter.id(), fileName, userId, clock.instant(), stored.written(), unchanged,
                        skipped, summary.firstDay(), summary.lastDay())
                .map(saved -> new ImportReport(fileName, stored.written(), unchanged, skipped, List.copyOf(problems),
                        summary.firstDay(), summary.lastDay()));
    }
}
