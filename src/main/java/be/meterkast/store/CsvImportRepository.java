package be.meterkast.store;

import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/** The imports of Mijn Fluvius files, newest first per meter. */
public final class CsvImportRepository {
    private static final String COLUMNS = """
            id, meter_id, file_name, imported_by, imported_at, imported, unchanged, skipped, first_day, last_day""";
    private static final String INSERT = """
            INSERT INTO csv_imports (meter_id, file_name, imported_by, imported_at, imported, unchanged, skipped,
                                     first_day, last_day)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
            RETURNING %s""".formatted(COLUMNS);
    private static final String FOR_METER = """
            SELECT %s FROM csv_imports WHERE meter_id = $1 ORDER BY imported_at DESC, id DESC LIMIT $2"""
            .formatted(COLUMNS);

    private final SqlClient client;

    public CsvImportRepository(SqlClient client) {
        this.client = client;
    }

    public Future<CsvImport> record(long meterId, String fileName, Optional<Long> importedBy, Instant at, int imported,
                                    int unchanged, int skipped, Optional<LocalDate> firstDay,
                                    Optional<LocalDate> lastDay) {
        return client.preparedQuery(INSERT).execute(Tuple.tuple().addLong(meterId).addString(fileName)
                        .addValue(importedBy.orElse(null)).addValue(Sql.time(at)).addInteger(imported)
                        .addInteger(unchanged).addInteger(skipped).addValue(firstDay.orElse(null))
                        .addValue(lastDay.orElse(null)))
                .map(rows -> csvImport(rows.iterator().next()));
    }

    /** The meter's latest imports, newest first. */
    public Future<List<CsvImport>> latest(long meterId, int limit) {
        return client.preparedQuery(FOR_METER).execute(Tuple.of(meterId, limit))
                .map(rows -> Sql.list(rows, CsvImportRepository::csvImport));
    }

    private static CsvImport csvImport(Row row) {
        return new CsvImport(row.getLong("id"), row.getLong("meter_id"), row.getString("file_name"),
                Optional.ofNullable(row.getLong("imported_by")), Sql.instant(row, "imported_at"),
                row.getInteger("imported"), row.getInteger("unchanged"), row.getInteger("skipped"),
                Optional.ofNullable(row.getLocalDate("first_day")), Optional.ofNullable(row.getLocalDate("last_day")));
    }
}
