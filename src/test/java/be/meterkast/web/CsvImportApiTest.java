package be.meterkast.web;

import be.meterkast.fluvius.sim.SimAccounts;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("POST /api/v1/meters/{id}/imports: Mijn Fluvius files through the API")
class CsvImportApiTest extends PortalTestBase {
    private static final LocalDate FIRST = LocalDate.of(2025, 10, 24);
    private static final LocalDate LAST = LocalDate.of(2025, 10, 27);

    private Roles roles;
    private String solarFile;

    @Override
    protected Map<String, String> settings() {
        return Map.of("METERKAST_IMPORT_MAX_MB", "1");
    }

    @BeforeEach
    void roles() {
        roles = new Roles(this);
        solarFile = ImportFiles.quarterHours(SimAccounts.DEMO_SOLAR, FIRST, LAST);
    }

    private String imports(long meter) {
        return "/api/v1/meters/" + meter + "/imports";
    }

    private HttpResponse<Buffer> postCsv(String token, long meter, Buffer body) {
        var request = roles.admin.client().postAbs("http://127.0.0.1:" + server.port() + imports(meter))
                .putHeader("Content-Type", "text/csv");
        if (token != null) {
            request.bearerTokenAuthentication(token);
        }
        return request.sendBuffer(body).await();
    }

    private long stored(long meter) {
        return sql("SELECT count(*) FROM readings WHERE meter_id = " + meter).iterator().next().getLong(0);
    }

    private long uploadsLeft() throws IOException {
        Path uploads = dataDirectory.resolve("uploads");
        if (!Files.exists(uploads)) {
            return 0;
        }
        try (var files = Files.list(uploads)) {
            return files.count();
        }
    }

    @Test
    @DisplayName("a text/csv body is imported and reported; the same file again is unchanged, and the upload is gone")
    void csvBodyTwice() throws IOException {
        int values = ImportFiles.quarterHourValues(FIRST, LAST);

        var first = postCsv(roles.adminToken, roles.meter, ImportFiles.bytes(solarFile));

        assertThat(first.statusCode()).as(first.bodyAsString()).isEqualTo(200);
        JsonObject report = first.bodyAsJsonObject();
        assertThat(report.getInteger("imported")).isEqualTo(values);
        assertThat(report.getInteger("unchanged")).isZero();
        assertThat(report.getInteger("skipped")).isZero();
        assertThat(report.getJsonArray("problems")).isEmpty();
        assertThat(report.getString("firstDay")).isEqualTo(FIRST.toString());
        assertThat(report.getString("lastDay")).isEqualTo(LAST.toString());
        assertThat(stored(roles.meter)).isEqualTo(values);

        JsonObject again = postCsv(roles.adminToken, roles.meter, ImportFiles.bytes(solarFile)).bodyAsJsonObject();
        assertThat(again.getInteger("imported")).isZero();
        assertThat(again.getInteger("unchanged")).isEqualTo(values);
        assertThat(again.getBoolean("nothingNew")).isTrue();
        assertThat(uploadsLeft()).isZero();
    }

    @Test
    @DisplayName("the file as multipart field 'file' is imported the same way")
    void multipart() throws IOException {
        var r = ImportFiles.upload(roles.admin, server.port(), imports(roles.meter), roles.adminToken, null, "file",
                "verbruik.csv", solarFile);

        assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(200);
        assertThat(r.bodyAsJsonObject().getInteger("imported")).isEqualTo(ImportFiles.quarterHourValues(FIRST, LAST));
        assertThat(r.bodyAsJsonObject().getString("fileName")).isEqualTo("verbruik.csv");
        assertThat(sql("SELECT file_name FROM csv_imports").iterator().next().getString(0)).isEqualTo("verbruik.csv");
        assertThat(uploadsLeft()).isZero();
    }

    @Test
    @DisplayName("another meter's file and a file that is not a Verbruikshistoriek get 422, naming why; nothing is stored")
    void refused() {
        String evFile = ImportFiles.quarterHours(SimAccounts.DEMO_EV, FIRST, FIRST);

        var other = postCsv(roles.adminToken, roles.meter, ImportFiles.bytes(evFile));
        var unreadable = postCsv(roles.adminToken, roles.meter, ImportFiles.bytes("Datum;Stand\n2025-01-01;12\n"));

        assertThat(other.statusCode()).isEqualTo(422);
        assertThat(other.bodyAsJsonObject().getString("error")).isEqualTo("refused");
        assertThat(other.bodyAsJsonObject().getString("message")).contains(SimAccounts.DEMO_EV.ean())
                .contains(SimAccounts.DEMO_SOLAR.ean());
        assertThat(unreadable.statusCode()).isEqualTo(422);
        assertThat(unreadable.bodyAsJsonObject().getString("message")).startsWith("Nothing was imported");
        assertThat(stored(roles.meter)).isZero();
        assertThat(sql("SELECT count(*) FROM csv_imports").iterator().next().getLong(0)).isZero();
    }

    @Test
    @DisplayName("a file over METERKAST_IMPORT_MAX_MB gets 413 as a body and as multipart; nothing is stored or kept")
    void tooLarge() throws IOException {
        StringBuilder big = new StringBuilder(solarFile);
        while (big.length() <= 1024 * 1024) {
            big.append(solarFile, solarFile.indexOf('\n') + 1, solarFile.length());
        }

        var body = postCsv(roles.adminToken, roles.meter, ImportFiles.bytes(big.toString()));
        var multipart = ImportFiles.upload(browser(), server.port(), imports(roles.meter), roles.adminToken, null, "file",
                "big.csv", big.toString());

        assertThat(body.statusCode()).isEqualTo(413);
        assertThat(body.bodyAsJsonObject().getString("error")).isEqualTo("too_large");
        assertThat(body.bodyAsJsonObject().getString("message")).contains("1 MB");
        assertThat(multipart.statusCode()).isEqualTo(413);
        assertThat(stored(roles.meter)).isZero();
        assertThat(uploadsLeft()).isZero();
    }

    @Test
    @DisplayName("only owners of the meter's household import: members get 403, other households 404, no token 401")
    void access() {
        Buffer file = ImportFiles.bytes(solarFile);

        assertThat(postCsv(roles.memberToken, roles.meter, file).statusCode()).isEqualTo(403);
        assertThat(postCsv(roles.strangerToken, roles.meter, file).statusCode()).isEqualTo(404);
        assertThat(postCsv(null, roles.meter, file).statusCode()).isEqualTo(401);
        assertThat(postCsv(roles.adminToken, roles.strangersMeter, file).statusCode()).isEqualTo(404);
        assertThat(stored(roles.meter)).isZero();
        assertThat(stored(roles.strangersMeter)).isZero();
    }
}
