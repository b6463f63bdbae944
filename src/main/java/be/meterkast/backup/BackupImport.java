package be.meterkast.backup;

import be.meterkast.backup.BackupTables.Table;
import be.meterkast.store.DailyTotalRepository;
import be.meterkast.store.SecretBox;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Restores an archive written by {@link BackupExport} into an empty database, in one transaction: a bad or
 * truncated archive, or a key that does not open its secrets, leaves the database as it was. Rows go in
 * set-based batches of {@value #BATCH} ({@code INSERT … SELECT FROM json_populate_recordset}), read from
 * the file as they are needed. Columns the archive does not have get their defaults, so an archive from an
 * older schema restores too; one from a newer Meterkast is refused.
 *
 * <p>It waits for each batch: call it from a command's main thread (or a test thread), never from Vert.x.
 */
public final class BackupImport {
    static final int BATCH = 1000;
    /** Tables whose rows mean the portal is in use; a session key alone (started, never set up) may be replaced. */
    private static final String IN_USE = BackupTables.ALL.stream()
            .filter(t -> !t.name().equals("instance_secrets") && !t.name().equals("revoked_sessions"))
            .map(t -> "(SELECT count(*) FROM " + t.name() + ")").collect(Collectors.joining(" + ", "SELECT ", ""));

    private final Pool pool;
    private final SecretBox secrets;

    public BackupImport(Pool pool, SecretBox secrets) {
        this.pool = pool;
        this.secrets = secrets;
    }

    /** Rows restored per table. */
    public Map<String, Long> importFrom(Path file) throws IOException {
        SqlConnection connection = pool.getConnection().await();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(
                new GZIPInputStream(Files.newInputStream(file), 64 * 1024), StandardCharsets.UTF_8), 64 * 1024)) {
            JsonObject header = json(in.readLine(), "the first line");
            checkHeader(header, connection);
            connection.query("BEGIN").execute().await();
            try {
                long inUse = connection.query(IN_USE).execute().await().iterator().next().getLong(0);
                if (inUse > 0) {
                    throw new BackupException("the database already holds a portal (" + inUse + " rows); import only "
                            + "into an empty one: a new DATABASE_URL database, or an empty data directory");
                }
                // A portal started once but never set up made its own session key: the archive's replaces it
                connection.query("DELETE FROM instance_secrets").execute().await();
                connection.query("DELETE FROM revoked_sessions").execute().await();
                Map<String, Long> counts = restoreTables(in, connection);
                // Daily totals follow from the readings: computed here, in the restore's transaction, not archived
                new DailyTotalRepository(connection).rebuildAll().await();
                for (Table table : BackupTables.ALL) {
                    if (table.serialId()) {
                        connection.query("SELECT setval(pg_get_serial_sequence('" + table.name() + "', 'id'), "
                                + "coalesce((SELECT max(id) FROM " + table.name() + "), 1), "
                                + "(SELECT max(id) FROM " + table.name() + ") IS NOT NULL)").execute().await();
                    }
                }
                connection.query("COMMIT").execute().await();
                return counts;
            } catch (RuntimeException | IOException e) {
                try {
                    connection.query("ROLLBACK").execute().await();
                } catch (RuntimeException rollbackFailed) {
                    e.addSuppressed(rollbackFailed);
                }
                throw e;
            }
        } catch (ZipException e) {
            throw new BackupException(file + " is not a Meterkast backup (not gzip-compressed)", e);
        } finally {
            connection.close().await();
        }
    }

    private static void checkHeader(JsonObject header, SqlConnection connection) {
        if (!BackupTables.FORMAT.equals(header.getString("format"))) {
            throw new BackupException("not a Meterkast backup (no '" + BackupTables.FORMAT + "' header)");
        }
        if (header.getInteger("version", 0) > BackupTables.FORMAT_VERSION) {
            throw new BackupException("the backup was written by a newer Meterkast (format " + header.getInteger("version")
                    + "); update Meterkast first");
        }
        String current = connection.query(BackupTables.SCHEMA_VERSION).execute().await().iterator().next().getString(0);
        String archived = header.getString("schema", "0");
        if (compareVersions(archived, current) > 0) {
            throw new BackupException("the backup has database schema " + archived + ", newer than this Meterkast's "
                    + current + "; update Meterkast first");
        }
    }

    private Map<String, Long> restoreTables(BufferedReader in, SqlConnection connection) throws IOException {
        Map<String, Long> counts = new LinkedHashMap<>();
        while (true) {
            String text = in.readLine();
            if (text == null) {
                throw new BackupException("the backup ends early (after " + counts.keySet() + "): it is incomplete");
            }
            JsonObject marker = json(text, "a table header");
            if (marker.getBoolean("end", false)) {
                for (var entry : counts.entrySet()) {
                    Long expected = marker.getLong(entry.getKey());
                    if (expected == null || expected.longValue() != entry.getValue()) {
                        throw new BackupException("the backup's totals do not match its rows for " + entry.getKey());
                    }
                }
                return counts;
            }
            Table table = BackupTables.named(marker.getString("table"));
            long rows = marker.getLong("rows");
            restoreTable(in, connection, table, rows);
            counts.put(table.name(), rows);
        }
    }

    private void restoreTable(BufferedReader in, SqlConnection connection, Table table, long rows) throws IOException {
        String insert = null;
        StringBuilder batch = new StringBuilder();
        int inBatch = 0;
        for (long i = 0; i < rows; i++) {
            String row = in.readLine();
            if (row == null) {
                throw new BackupException("the backup ends in the middle of " + table.name() + ": it is incomplete");
            }
            if (insert == null) {
                // The first row names the columns; every row of a table has the same ones
                JsonObject first = json(row, table.name() + " row");
                String columns = String.join(", ", first.fieldNames());
                insert = "INSERT INTO " + table.name() + " (" + columns + ") SELECT " + columns
                        + " FROM json_populate_recordset(NULL::" + table.name() + ", $1::text::json)";
                if (table.name().equals("instance_secrets")) {
                    checkKey(first);
                }
            }
            batch.append(inBatch == 0 ? '[' : ',').append(row);
            inBatch++;
            if (inBatch == BATCH) {
                connection.preparedQuery(insert).execute(Tuple.of(batch.append(']').toString())).await();
                batch.setLength(0);
                inBatch = 0;
            }
        }
        if (inBatch > 0) {
            connection.preparedQuery(insert).execute(Tuple.of(batch.append(']').toString())).await();
        }
    }

    /** The archive's secrets must open with this instance's key, else every Fluvius account would be lost. */
    private void checkKey(JsonObject secret) {
        String hex = secret.getString("secret", "");
        try {
            secrets.decrypt(HexFormat.of().parseHex(hex.startsWith("\\x") ? hex.substring(2) : hex),
                    "instance_secret:" + secret.getString("name"));
        } catch (SecretBox.SecretUnreadable | IllegalArgumentException e) {
            throw new BackupException("the backup was made with another key: use the exported portal's "
                    + SecretBox.SECRET_KEY + " or its " + SecretBox.KEYSET_FILE + " (in the data directory)", e);
        }
    }

    private static JsonObject json(String line, String what) {
        if (line == null) {
            throw new BackupException("the backup is empty");
        }
        try {
            return new JsonObject(line);
        } catch (DecodeException e) {
            throw new BackupException("the backup is damaged: " + what + " is not JSON", e);
        }
    }

    /** Flyway versions like "2" or "2.1". */
    static int compareVersions(String a, String b) {
        String[] x = a.split("\\.");
        String[] y = b.split("\\.");
        for (int i = 0; i < Math.max(x.length, y.length); i++) {
            long p = i < x.length ? Long.parseLong(x[i]) : 0;
            long q = i < y.length ? Long.parseLong(y[i]) : 0;
            if (p != q) {
                return Long.compare(p, q);
            }
        }
        return 0;
    }
}
