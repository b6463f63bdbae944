package be.meterkast.web;

import be.meterkast.fluvius.sim.SimAccounts;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("Mijn Fluvius files on the pages: import on the meter page, a new meter from a file")
class CsvImportPagesTest extends PortalTestBase {
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

    private long count(String query) {
        return sql(query).iterator().next().getLong(0);
    }

    private io.vertx.ext.web.client.HttpResponse<io.vertx.core.buffer.Buffer> upload(Browser b, String path, String field,
                                                                                       String... files) {
        return ImportFiles.upload(b, server.port(), path, null, b.csrf(), field, files);
    }

    @Test
    @DisplayName("an owner imports several files at once and gets a report per file: counts, days, refusals; again is nothing new")
    void importSeveral() {
        String page = roles.admin.get("/meters/" + roles.meter).bodyAsString();
        assertThat(page).contains("Import a Mijn Fluvius file").contains("enctype=\"multipart/form-data\"").contains("multiple")
                .contains("data-upload-progress").contains("data-sending=\"Sending the file: {0}%\"");
        assertThat(roles.admin.get("/static/imports.js").statusCode()).isEqualTo(200);
        String evFile = ImportFiles.quarterHours(SimAccounts.DEMO_EV, FIRST, FIRST);

        var r = upload(roles.admin, "/meters/" + roles.meter + "/imports", "files",
                "zon.csv", solarFile, "auto.csv", evFile);

        assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(200);
        String report = r.bodyAsString();
        assertThat(report).contains("zon.csv").contains("auto.csv")
                .contains("<dd class=\"imported\">" + ImportFiles.quarterHourValues(FIRST, LAST) + "</dd>")
                .contains("Refused, nothing imported").contains(SimAccounts.DEMO_EV.ean())
                .contains("24 Oct 2025 to 27 Oct 2025")
                .doesNotContain("Nothing new");
        assertThat(count("SELECT count(*) FROM readings WHERE meter_id = " + roles.meter))
                .isEqualTo(ImportFiles.quarterHourValues(FIRST, LAST));

        roles.admin.get("/meters/" + roles.meter);
        String again = upload(roles.admin, "/meters/" + roles.meter + "/imports", "files", "zon.csv", solarFile).bodyAsString();
        assertThat(again).contains("Nothing new").contains("<dd class=\"imported\">0</dd>");
    }

    @Test
    @DisplayName("a file with a bad row imports the rest and names the line")
    void problemLine() {
        String[] lines = solarFile.split("\n", -1);
        lines[5] = lines[5].replaceFirst(";[0-9]+,[0-9]+;", ";twelve;");
        roles.admin.get("/meters/" + roles.meter);

        String report = upload(roles.admin, "/meters/" + roles.meter + "/imports", "files", "zon.csv",
                String.join("\n", lines)).bodyAsString();

        assertThat(report).contains("line 6:").contains("<dd class=\"skipped\">1</dd>");
    }

    @Test
    @DisplayName("a report says a bad row's and a refused file's reason in the reader's language")
    void reasonsInTheReadersLanguage() {
        String[] lines = solarFile.split("\n", -1);
        lines[5] = lines[5].replaceFirst(";[0-9]+,[0-9]+;", ";twelve;");
        roles.admin.get("/account");
        roles.admin.post("/account/language", "language", "nl", "next", "/");
        roles.admin.get("/meters/" + roles.meter);

        String report = upload(roles.admin, "/meters/" + roles.meter + "/imports", "files", "zon.csv",
                String.join("\n", lines), "auto.csv", ImportFiles.quarterHours(SimAccounts.DEMO_EV, FIRST, FIRST)).bodyAsString();

        assertThat(report).contains("regel 6:").contains("volume ‘twelve’ is geen getal")
                .contains("het bestand is voor EAN " + SimAccounts.DEMO_EV.ean())
                .doesNotContain("is not a number").doesNotContain("this meter is EAN");
    }

    @Test
    @DisplayName("members see no import form and get 403; without the form's token 403; over the limit 413")
    void refusedRequests() {
        assertThat(roles.member.get("/meters/" + roles.meter).bodyAsString()).doesNotContain("import-files");
        assertThat(upload(roles.member, "/meters/" + roles.meter + "/imports", "files", "zon.csv", solarFile).statusCode())
                .isEqualTo(403);
        assertThat(ImportFiles.upload(roles.admin, server.port(), "/meters/" + roles.meter + "/imports", null, null,
                "files", "zon.csv", solarFile).statusCode()).isEqualTo(403);
        assertThat(upload(roles.stranger, "/meters/" + roles.meter + "/imports", "files", "zon.csv", solarFile).statusCode())
                .isEqualTo(404);
        StringBuilder big = new StringBuilder(solarFile);
        while (big.length() <= 1024 * 1024) {
            big.append(solarFile, solarFile.indexOf('\n') + 1, solarFile.length());
        }
        roles.admin.get("/meters/" + roles.meter);
        assertThat(upload(roles.admin, "/meters/" + roles.meter + "/imports", "files", "big.csv", big.toString()).statusCode())
                .isEqualTo(413);
        assertThat(count("SELECT count(*) FROM readings WHERE meter_id = " + roles.meter)).isZero();
    }

    @Test
    @DisplayName("a new meter from a file: EAN, serial and kind from the file, the user's name, no account, the file imported")
    void newMeterFromFile() {
        Browser owner = roles.stranger;
        long household = roles.strangersHousehold;
        String page = owner.get("/households/" + household).bodyAsString();
        assertThat(page).contains("New meter from a Mijn Fluvius file");
        String evFile = ImportFiles.quarterHours(SimAccounts.DEMO_EV, FIRST, LAST);

        var r = upload(owner, "/households/" + household + "/meters/from-file", "file", "auto.csv", evFile);
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.bodyAsString()).contains("Give the meter a name");

        owner.get("/households/" + household);
        var form = io.vertx.ext.web.multipart.MultipartForm.create().attribute("_csrf", owner.csrf()).attribute("label", "Laadpaal")
                .textFileUpload("file", "auto.csv", ImportFiles.bytes(evFile), "text/csv");
        var added = owner.client().postAbs("http://127.0.0.1:" + server.port() + "/households/" + household
                + "/meters/from-file").sendMultipartForm(form).await();

        assertThat(added.statusCode()).as(added.bodyAsString()).isEqualTo(200);
        assertThat(added.bodyAsString()).contains("Laadpaal").contains("auto.csv")
                .contains("<dd class=\"imported\">" + ImportFiles.quarterHourValues(FIRST, LAST) + "</dd>");
        var meter = sql("SELECT id, ean, serial, kind, account_id FROM meters WHERE label = 'Laadpaal'").iterator().next();
        assertThat(meter.getString("ean")).isEqualTo(SimAccounts.DEMO_EV.ean());
        assertThat(meter.getString("serial")).isEqualTo(SimAccounts.DEMO_EV.serial());
        assertThat(meter.getString("kind")).isEqualTo("ELECTRICITY");
        assertThat(meter.getValue("account_id")).isNull();
        assertThat(count("SELECT count(*) FROM readings WHERE meter_id = " + meter.getLong("id")))
                .isEqualTo(ImportFiles.quarterHourValues(FIRST, LAST));
        assertThat(sync.metersAdded).doesNotContain(meter.getLong("id"));
        assertThat(owner.get("/meters/" + meter.getLong("id")).bodyAsString()).contains("Last import:").contains("auto.csv");
    }

    @Test
    @DisplayName("a file that cannot make a meter adds none and says why")
    void newMeterRefused() {
        Browser owner = roles.stranger;
        long household = roles.strangersHousehold;
        owner.get("/households/" + household);
        long meters = count("SELECT count(*) FROM meters");
        var form = io.vertx.ext.web.multipart.MultipartForm.create().attribute("_csrf", owner.csrf()).attribute("label", "X")
                .textFileUpload("file", "notes.csv", ImportFiles.bytes("Datum;Stand\n2025-01-01;12\n"), "text/csv");

        var r = owner.client().postAbs("http://127.0.0.1:" + server.port() + "/households/" + household
                + "/meters/from-file").sendMultipartForm(form).await();

        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.bodyAsString()).contains("This file cannot make a meter");
        assertThat(count("SELECT count(*) FROM meters")).isEqualTo(meters);
    }

    @Test
    @DisplayName("the import texts are in Dutch for a Dutch user")
    void dutch() {
        roles.admin.get("/account");
        roles.admin.post("/account/language", "language", "nl", "next", "/");
        assertThat(roles.admin.get("/meters/" + roles.meter).bodyAsString()).contains("Een Mijn Fluvius-bestand importeren");

        String report = upload(roles.admin, "/meters/" + roles.meter + "/imports", "files", "zon.csv", solarFile).bodyAsString();

        assertThat(report).contains("Geïmporteerd").contains("Terug naar");
    }
}
