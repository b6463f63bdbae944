package be.meterkast.cli;

import be.meterkast.app.imports.CsvImportService;
import be.meterkast.app.imports.ImportRefused;
import be.meterkast.app.imports.ImportReport;
import be.meterkast.app.imports.LineSource;
import be.meterkast.csvimport.CsvProblem;
import be.meterkast.server.ServerConfig;
import be.meterkast.store.Database;
import be.meterkast.store.Meter;
import be.meterkast.store.Repositories;
import be.meterkast.store.SecretBox;
import io.vertx.core.Vertx;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;

@Command(name = "import-csv", mixinStandardHelpOptions = true,
        description = {"Import Mijn Fluvius consumption history files (Verbruikshistoriek CSV downloads) into a meter,",
                "in the database 'serve' uses (DATABASE_URL / METERKAST_DATA_DIR). Each file is imported whole or not at",
                "all; the same file twice changes nothing. Exit code 1 when a file was refused."})
final class ImportCsvCommand implements Callable<Integer> {
    @Option(names = "--meter-id", required = true, description = "The meter's id (the number in its page's address).")
    long meterId;

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "The CSV files, in any order.")
    List<Path> files;

    @Mixin
    DataDirectoryOption dataDirectory;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        for (Path file : files) {
            if (!Files.isReadable(file)) {
                throw new BadInput("cannot read " + file);
            }
        }
        ServerConfig config = dataDirectory.load();
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Vertx vertx = Vertx.vertx();
        int refused = 0;
        try {
            Database database = Backups.open(vertx, config);
            try {
                // An import reads and writes no secret: a throwaway key keeps the portal's key file untouched
                Repositories store = new Repositories(database.pool(), SecretBox.withNewKey());
                Meter meter = store.meters().findById(meterId).await()
                        .orElseThrow(() -> new BadInput("--meter-id: there is no meter " + meterId));
                CsvImportService imports = new CsvImportService(store, Clock.systemUTC());
                for (Path file : files) {
                    try {
                        ImportReport report = imports.importFile(meter, Optional.empty(), file.getFileName().toString(),
                                LineSource.file(vertx, file.toString())).await();
                        print(out, file, report);
                    } catch (ImportRefused e) {
                        refused++;
                        err.printf("%s: refused, nothing imported: %s%n", file, e.getMessage());
                    }
                }
            } finally {
                database.close().await();
            }
        } finally {
            out.flush();
            err.flush();
            vertx.close().await();
        }
        return refused == 0 ? ExitCode.OK : ExitCode.FAILURE;
    }

    private static void print(PrintWriter out, Path file, ImportReport report) {
        String days = report.firstDay().map(first -> ", " + first + " to " + report.lastDay().orElse(first)).orElse("");
        out.printf("%s: %d imported, %d unchanged, %d skipped%s%s%n", file, report.imported(), report.unchanged(),
                report.skipped(), days, report.nothingNew() ? " (nothing new: imported before)" : "");
        for (CsvProblem problem : report.problems()) {
            out.printf("  %s%n", problem.reason());
        }
    }
}
