package be.meterkast.web;

import be.meterkast.fluvius.sim.DayTotals;
import be.meterkast.fluvius.sim.FluviusSimulator;
import be.meterkast.fluvius.sim.MeterDataGenerator;
import be.meterkast.fluvius.sim.SimAccounts;
import be.meterkast.fluvius.sim.SimClock;
import be.meterkast.fluvius.sim.SimMeter;
import be.meterkast.fluvius.sim.SimulatorOptions;
import be.meterkast.server.FluviusSync;
import be.meterkast.server.MeterkastServer;
import be.meterkast.server.ServerConfig;
import be.meterkast.store.TestDatabases;
import be.meterkast.sync.SyncSettings;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.File;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Locale;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The whole product in a real browser (headless Chromium from Debian, driven by Selenium): first-run setup,
 * linking the simulator's demo account, adding meters, the real sync, then the meter and compare pages in
 * English and Dutch, with figures checked against the simulator's own numbers. Screenshots land in
 * {@code target/screenshots/}. The driver and browser are the installed ones: nothing is downloaded.
 */
@Tag("browser")
class BrowserEndToEndTest {
    private static final ZoneId BRUSSELS = ZoneId.of("Europe/Brussels");
    private static final Path SCREENSHOTS = Path.of("target", "screenshots");
    private static final Duration WAIT = Duration.ofSeconds(20);
    /** 11:00 in Brussels on 30 November 2025, for the portal, the sync and the simulator alike. */
    private final SimClock clock = SimClock.fixed(Instant.parse("2025-11-30T10:00:00Z"));

    private Vertx vertx;
    private FluviusSimulator simulator;
    private MeterkastServer server;
    private TestDatabases.Fresh database;
    private HeadlessChromium chromium;
    private WebDriver browser;
    private String base;

    @TempDir
    Path dataDirectory;
    @TempDir
    Path chromeProfile;

    @BeforeEach
    void start() throws IOException {
        HeadlessChromium.assumeInstalled("BrowserEndToEndTest");
        vertx = Vertx.vertx();
        simulator = FluviusSimulator.start(vertx, 0, new SimulatorOptions(), SimAccounts.withDefaults(), clock).await();
        database = TestDatabases.create();
        ServerConfig config = ServerConfig.fromEnvironment(Map.of("DATABASE_URL", database.url(),
                "METERKAST_DATA_DIR", dataDirectory.toString(), "FLUVIUS_PORTAL_URL", simulator.baseUrl())).withPort(0);
        SyncSettings small = new SyncSettings(Duration.ofMillis(500), Duration.ofHours(6), 0.1, 14, 31, 2, 3, 10,
                100, Duration.ofMinutes(1), Duration.ofHours(6), Duration.ofHours(24), BRUSSELS);
        server = MeterkastServer.start(vertx, config, clock, FluviusSync.factory(small)).await();
        base = "http://127.0.0.1:" + server.port();

        chromium = HeadlessChromium.start(chromeProfile);
        browser = chromium.driver();
        browser.manage().window().setSize(new Dimension(1280, 1600));
        Files.createDirectories(SCREENSHOTS);
    }

    @AfterEach
    void stop() {
        if (chromium != null) {
            chromium.close();
        }
        if (server != null) {
            server.close().await();
            simulator.close().await();
            vertx.close().await();
            TestDatabases.drop(database);
        }
    }

    @Test
    @DisplayName("set up, link, sync, then the meter and compare pages show the simulator's figures in English and Dutch")
    void wholeProductInChromium() throws Exception {
        open("/setup");
        fill(By.cssSelector("form[action='/setup']"), "username", "anna", "displayName", "Anna",
                "password", "correct horse", "confirm", "correct horse", "household", "Thuis");
        waitFor(By.cssSelector("header nav"));
        long household = server.database().pool().query("SELECT id FROM households").execute().await()
                .iterator().next().getLong(0);

        open("/households/" + household);
        fill(By.id("link-account"), "email", SimAccounts.DEMO_EMAIL, "password", SimAccounts.DEMO_PASSWORD);
        assertThat(waitFor(By.cssSelector(".flash")).getText()).contains("Fluvius account linked");
        long solar = addMeter(household, "Zonnepanelen", SimAccounts.DEMO_SOLAR);
        long ev = addMeter(household, "Auto", SimAccounts.DEMO_EV);

        open("/households/" + household);
        fill(By.id("link-account"), "email", SimAccounts.FAMILY_EMAIL, "password", "not-the-password");
        WebElement diagnostics = waitFor(By.cssSelector("a.diagnostics"));
        assertThat(diagnostics.getText()).isEqualTo("Download diagnostics");
        assertThat(diagnostics.getAttribute("href")).endsWith("/diagnostics");
        screenshot("household-diagnostics");
        awaitBackfill(solar);
        awaitBackfill(ev);

        LocalDate today = clock.today();
        LocalDate yesterday = today.minusDays(1);
        Format english = new Format(Locale.ENGLISH, BRUSSELS);
        open("/meters/" + solar);
        DayTotals solarYesterday = expected(SimAccounts.DEMO_SOLAR, yesterday, today);
        assertThat(browser.findElement(By.tagName("main")).getText()).contains("Zonnepanelen")
                .contains(english.amount(solarYesterday.net()));
        screenshot("meter-en");

        // The compare page, chosen through its form: both meters, the last 7 days, net.
        open("/compare");
        browser.findElement(By.cssSelector("input[name=meter][value='" + solar + "']")).click();
        browser.findElement(By.cssSelector("input[name=meter][value='" + ev + "']")).click();
        new Select(browser.findElement(By.name("days"))).selectByValue("7");
        browser.findElement(By.cssSelector("form.compare-form button[type=submit]")).click();
        waitFor(By.cssSelector("table.totals"));
        assertThat(browser.getCurrentUrl()).contains("meter=" + solar).contains("days=7");
        checkComparison(english, today);
        waitFor(By.cssSelector("div.chart canvas"));
        screenshot("compare-en");
        String comparison = browser.getCurrentUrl();

        // Switch the language with the header button; the compare page comes back in Dutch.
        browser.findElement(By.cssSelector("header button[name=language]")).click();
        new WebDriverWait(browser, WAIT).until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("header nav"), "Vergelijken"));
        browser.get(comparison);
        waitFor(By.cssSelector("table.totals"));
        Format dutch = new Format(Page.DUTCH, BRUSSELS);
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Vergelijken");
        checkComparison(dutch, today);
        waitFor(By.cssSelector("div.chart canvas"));
        screenshot("compare-nl");

        browser.get(base + "/compare?meter=" + solar + "&days=7&against=previous-year");
        waitFor(By.cssSelector("p.exports a"));
        String longCsv = browser.findElement(By.partialLinkText("CSV")).getAttribute("href");
        assertThat(longCsv).contains("/export/meters/" + solar + "/long.csv?days=7");
        screenshot("compare-previous-year-nl");

        open("/meters/" + solar);
        assertThat(browser.findElement(By.tagName("main")).getText()).contains(dutch.amount(solarYesterday.net()));
        screenshot("meter-nl");
    }

    /** Totals and every day of the last 7, for both meters, to the Wh, in the page's language. */
    private void checkComparison(Format fmt, LocalDate today) {
        var headers = browser.findElements(By.cssSelector("table.days thead th")).stream().map(WebElement::getText).toList();
        int solarColumn = headers.indexOf("Zonnepanelen");
        int evColumn = headers.indexOf("Auto");
        assertThat(solarColumn).isPositive();
        assertThat(evColumn).isPositive();
        BigDecimal solarNet = BigDecimal.ZERO;
        BigDecimal evNet = BigDecimal.ZERO;
        for (LocalDate day = today.minusDays(7); day.isBefore(today); day = day.plusDays(1)) {
            DayTotals s = expected(SimAccounts.DEMO_SOLAR, day, today);
            DayTotals e = expected(SimAccounts.DEMO_EV, day, today);
            solarNet = solarNet.add(s.net());
            evNet = evNet.add(e.net());
            String date = fmt.date(day);
            WebElement row = browser.findElement(By.xpath("//table[contains(@class,'days')]//tr[td[1][contains(., '" + date + "')]]"));
            var cells = row.findElements(By.tagName("td"));
            assertThat(cells.get(solarColumn).getText()).as("solar net on %s", day).isEqualTo(fmt.amount(s.net()));
            assertThat(cells.get(evColumn).getText()).as("EV net on %s", day).isEqualTo(fmt.amount(e.net()));
        }
        String totals = browser.findElement(By.cssSelector("table.totals")).getText();
        assertThat(totals).contains(fmt.amount(solarNet)).contains(fmt.amount(evNet));
    }

    private static DayTotals expected(SimMeter meter, LocalDate day, LocalDate today) {
        return MeterDataGenerator.dailyTotals(meter, day, MeterDataGenerator.isEstimated(day, today));
    }

    private long addMeter(long household, String label, SimMeter meter) {
        open("/households/" + household);
        fill(By.id("add-meter"), "label", label, "ean", meter.ean(), "serial", meter.serial());
        new WebDriverWait(browser, WAIT).until(ExpectedConditions.urlMatches(".*/meters/\\d+$"));
        String url = browser.getCurrentUrl();
        return Long.parseLong(url.substring(url.lastIndexOf('/') + 1));
    }

    private void open(String path) {
        browser.get(base + path);
    }

    /** Opens the form where it is folded away, types into its fields (name, value, …) and submits it. */
    private void fill(By form, String... fields) {
        WebElement f = browser.findElement(form);
        WebElement folded = (WebElement) ((org.openqa.selenium.JavascriptExecutor) browser)
                .executeScript("return arguments[0].closest('details:not([open])')", f);
        if (folded != null) {
            folded.findElement(By.tagName("summary")).click();
        }
        for (int i = 0; i < fields.length; i += 2) {
            WebElement input = f.findElement(By.name(fields[i]));
            input.clear();
            input.sendKeys(fields[i + 1]);
        }
        f.findElement(By.cssSelector("button[type=submit], button:not([type])")).click();
    }

    private WebElement waitFor(By what) {
        return new WebDriverWait(browser, WAIT).until(ExpectedConditions.visibilityOfElementLocated(what));
    }

    private void awaitBackfill(long meterId) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (System.nanoTime() < deadline) {
            if (server.services().meterSync().get(meterId).await().backfillDone()) {
                return;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("the backfill of meter " + meterId + " did not finish in 90 s");
    }

    private void screenshot(String name) throws IOException {
        File shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE);
        Files.copy(shot.toPath(), SCREENSHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
    }
}
