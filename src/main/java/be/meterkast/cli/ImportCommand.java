package be.meterkast.cli;

import be.meterkast.backup.BackupException;
import be.meterkast.backup.BackupImport;
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
import java.util.Map;
import java.util.concurrent.Callable;

@Command(name = "import", mixinStandardHelpOptions = true,
        description = "Restore a backup made by 'export' into an empty database (DATABASE_URL / METERKAST_DATA_DIR like "
                + "'serve'). Needs the exported portal's key: METERKAST_SECRET_KEY, or its secret-keyset.json in the "
                + "data directory. Stop the portal while importing. All or nothing: a failed import changes nothing.")
final class ImportCommand implements Callable<Integer> {
    @Option(names = "--input", required = true, description = "The backup file written by 'export'.")
    Path input;

    @Mixin
    DataDirectoryOption dataDirectory;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        ServerConfig config = dataDirectory.load();
        if (!Files.isReadable(input)) {
            throw new BadInput("--input: cannot read " + input);
        }
        Path keyFile = config.database().dataDirectory().resolve(SecretBox.KEYSET_FILE);
        if (!SecretBox.keySource(config.environment(), config.database().dataDirectory()).equals(SecretBox.SECRET_KEY)
                && !Files.exists(keyFile)) {
            // SecretBox.load would make a new key, which can never open the archive's secrets
            throw new BadInput("import needs the exported portal's key: set " + SecretBox.SECRET_KEY + " or copy its "
                    + SecretBox.KEYSET_FILE + " to " + keyFile);
        }
        PrintWriter out = spec.commandLine().getOut();
        Vertx vertx = Vertx.vertx();
        try {
            SecretBox secrets = SecretBox.load(config.environment(), config.database().dataDirectory());
            Database database = Backups.open(vertx, config);
            try {
                long started = System.nanoTime();
                Map<String, Long> counts = new BackupImport(database.pool(), secrets).importFrom(input);
                out.printf("Imported %s from %s (%.1f s)%n", Backups.summary(counts), input, (System.nanoTime() - started) / 1e9);
                out.flush();
            } finally {
                database.close().await();
            }
        } catch (BackupException | IllegalArgumentException e) {
            throw new BadInput("import: " + e.getMessage());
        } finally {
            vertx.close().await();
        }
        return ExitCode.OK;
    }
}
