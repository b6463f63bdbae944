package be.meterkast.cli;

import be.meterkast.backup.BackupException;
import be.meterkast.backup.BackupExport;
import be.meterkast.server.ServerConfig;
import be.meterkast.store.Database;
import be.meterkast.store.SecretBox;
import io.vertx.core.Vertx;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.Callable;

@Command(name = "export", mixinStandardHelpOptions = true,
        description = "Write a backup of the portal (users, households, accounts, meters, readings, sync state) to one "
                + "file. Uses DATABASE_URL / METERKAST_DATA_DIR like 'serve'; with an external database the portal may "
                + "keep running (the backup is a consistent snapshot). Fluvius secrets stay encrypted: keep the key "
                + "(METERKAST_SECRET_KEY or secret-keyset.json) with the backup.")
final class ExportCommand implements Callable<Integer> {
    @Option(names = "--all", required = true, description = "Everything (the only kind of backup so far).")
    boolean all;

    @Option(names = "--output", required = true, description = "The file to write (gzip-compressed JSON lines, e.g. meterkast-backup.jsonl.gz).")
    Path output;

    @Mixin
    DataDirectoryOption dataDirectory;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        ServerConfig config = dataDirectory.load();
        Path parent = output.toAbsolutePath().getParent();
        if (!Files.isDirectory(parent)) {
            throw new BadInput("--output: the directory " + parent + " does not exist");
        }
        PrintWriter out = spec.commandLine().getOut();
        Vertx vertx = Vertx.vertx();
        try {
            Database database = Backups.open(vertx, config);
            try {
                long started = System.nanoTime();
                Map<String, Long> counts = new BackupExport(database.pool(), Clock.systemUTC()).exportTo(output);
                out.printf("Exported %s to %s (%d bytes, %.1f s)%n", Backups.summary(counts), output, Files.size(output),
                        (System.nanoTime() - started) / 1e9);
                out.println("Keep the key with it: " + SecretBox.keySource(config.environment(),
                        config.database().dataDirectory()) + " (without it the Fluvius accounts must be linked again).");
                out.flush();
            } finally {
                database.close().await();
            }
        } catch (BackupException e) {
            throw new BadInput("export: " + e.getMessage());
        } finally {
            vertx.close().await();
        }
        return ExitCode.OK;
    }
}
