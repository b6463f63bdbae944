package be.meterkast.backup;

import be.meterkast.backup.BackupTables.Table;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Cursor;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PreparedStatement;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlConnection;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.GZIPOutputStream;

/**
 * Writes every table to a gzip-compressed JSON-lines archive: a header line, then per table a line
 * {@code {"table":…,"rows":N}} followed by N lines of PostgreSQL's own {@code row_to_json} (timestamps with
 * their offset, numerics exact, bytea as {@code "\\x…"} hex — the Fluvius secrets stay encrypted with the
 * instance key), and a closing line with the counts. One read-only REPEATABLE READ transaction gives a
 * consistent snapshot while the portal keeps running; rows are read through a cursor in batches of
 * {@value #BATCH}, so memory use does not grow with the number of readings.
 *
 * <p>It waits for each batch: call it from a command's main thread (or a test thread), never from Vert.x.
 */
public final class BackupExport {
    static final int BATCH = 2000;

    private final Pool pool;
    private final Clock clock;

    public BackupExport(Pool pool, Clock clock) {
        this.pool = pool;
        this.clock = clock;
    }

    /** What was written: rows per table. The file appears only when complete (written aside, then moved). */
    public Map<String, Long> exportTo(Path file) throws IOException {
        Path absolute = file.toAbsolutePath();
        Path partial = absolute.resolveSibling(absolute.getFileName() + ".partial");
        SqlConnection connection = pool.getConnection().await();
        try (Writer out = new BufferedWriter(new OutputStreamWriter(
                new GZIPOutputStream(Files.newOutputStream(partial), 64 * 1024), StandardCharsets.UTF_8), 64 * 1024)) {
            connection.query("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY").execute().await();
            String schema = connection.query(BackupTables.SCHEMA_VERSION).execute().await().iterator().next().getString(0);
            line(out, new JsonObject().put("format", BackupTables.FORMAT).put("version", BackupTables.FORMAT_VERSION)
                    .put("schema", schema).put("createdAt", clock.instant().toString()).encode());
            Map<String, Long> counts = new LinkedHashMap<>();
            for (Table table : BackupTables.ALL) {
                counts.put(table.name(), writeTable(connection, table, out));
            }
            connection.query("COMMIT").execute().await();
            JsonObject end = new JsonObject().put("end", true);
            counts.forEach((name, n) -> end.put(name, n));
            line(out, end.encode());
            out.close();
            Files.move(partial, absolute, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return counts;
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(partial);
            throw e;
        } finally {
            connection.close().await();
        }
    }

    private static long writeTable(SqlConnection connection, Table table, Writer out) throws IOException {
        long rows = connection.query("SELECT count(*) FROM " + table.name()).execute().await().iterator().next().getLong(0);
        line(out, new JsonObject().put("table", table.name()).put("rows", rows).encode());
        PreparedStatement statement = connection.prepare(
                "SELECT row_to_json(t)::text FROM " + table.name() + " t ORDER BY " + table.orderBy()).await();
        Cursor cursor = statement.cursor();
        long written = 0;
        try {
            do {
                RowSet<Row> batch = cursor.read(BATCH).await();
                for (Row row : batch) {
                    line(out, row.getString(0));
                    written++;
                }
            } while (cursor.hasMore());
        } finally {
            cursor.close().await();
            statement.close().await();
        }
        if (written != rows) {
            throw new BackupException(table.name() + ": counted " + rows + " rows but read " + written);
        }
        return rows;
    }

    private static void line(Writer out, String json) throws IOException {
        out.write(json);
        out.write('\n');
    }
}
