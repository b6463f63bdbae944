package be.meterkast.web;

import be.meterkast.csvimport.GeneratedFiles;
import be.meterkast.csvimport.GeneratedFiles.Row;
import be.meterkast.csvimport.GeneratedFiles.Variant;
import be.meterkast.fluvius.sim.MeterDataGenerator;
import be.meterkast.fluvius.sim.SimMeter;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.multipart.MultipartForm;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/** Mijn Fluvius files for the web tests, written from the simulator's generator, and ways to upload them. */
final class ImportFiles {
    private ImportFiles() {
    }

    /** The quarter-hours of {@code first}..{@code last} as Mijn Fluvius writes them. */
    static String quarterHours(SimMeter meter, LocalDate first, LocalDate last) {
        List<Row> rows = new ArrayList<>();
        for (LocalDate day = first; !day.isAfter(last); day = day.plusDays(1)) {
            rows.addAll(GeneratedFiles.quarterHours(meter, day, Variant.DUTCH_2024));
        }
        return GeneratedFiles.file(meter, rows, Variant.DUTCH_2024, true, true);
    }

    /** How many values (two per quarter-hour: offtake and injection) that file holds. */
    static int quarterHourValues(LocalDate first, LocalDate last) {
        int values = 0;
        for (LocalDate day = first; !day.isAfter(last); day = day.plusDays(1)) {
            values += MeterDataGenerator.quarterHours(day).size() * 2;
        }
        return values;
    }

    static Buffer bytes(String text) {
        return Buffer.buffer(text.getBytes(StandardCharsets.UTF_8));
    }

    /** Posts {@code files} (name, content pairs) as multipart field {@code field}, with the page's CSRF token when given. */
    static HttpResponse<Buffer> upload(Browser browser, int port, String path, String token, String csrf, String field,
                                       String... files) {
        MultipartForm form = MultipartForm.create();
        if (csrf != null) {
            form.attribute("_csrf", csrf);
        }
        for (int i = 0; i < files.length; i += 2) {
            form.textFileUpload(field, files[i], bytes(files[i + 1]), "text/csv");
        }
        var request = browser.client().postAbs("http://127.0.0.1:" + port + path);
        if (token != null) {
            request.bearerTokenAuthentication(token);
        }
        return request.sendMultipartForm(form).await();
    }
}
