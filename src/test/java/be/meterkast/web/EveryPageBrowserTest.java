package be.meterkast.web;

import be.meterkast.fluvius.sim.FluviusSimulator;
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
import io.vertx.sqlclient.Row;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every kind of page in a real browser (Debian's headless Chromium), at a phone's width (390 px, and its width
 * checked at 360 px too) and a laptop's (1366 px), in every language the portal ships, light and dark: no page is wider than the screen, a Dutch or
 * French page holds none of the portal's English words, every link on it answers 200, and axe-core finds no
 * serious or critical accessibility problem (in Dutch, on the phone light and the laptop dark); pages have no
 * script errors and every chart is drawn, with its table and a tooltip. One server and one browser for all of it;
 * screenshots of each combination go to {@code target/screenshots/}. {@code -Deverypage.only=home,day} looks at
 * those pages alone (and setup and login), while working on them.
 */
@Tag("browser")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EveryPageBrowserTest {
    private static final ZoneId BRUSSELS = ZoneId.of("Europe/Brussels");
    private static final Path SCREENSHOTS = Path.of("target", "screenshots");
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final int PHONE = 390;
    private static final int NARROW_PHONE = 360;
    private static final int LAPTOP = 1366;
    /**
     * Words of the portal's English texts that are no Dutch or French word (so not "net", "total", "account",
     * "meter", "of", "change"): one of them on a Dutch or French page is a text left untranslated.
     */
    private static final List<String> ENGLISH = List.of("the", "and", "with", "your", "yet", "day", "days", "night",
            "week", "month", "year", "from", "show", "refresh", "now", "log out", "log in", "sign in", "household",
            "users", "password", "save", "delete", "remove", "download", "average", "highest", "previous", "next",
            "estimated", "incomplete", "no data", "time", "offtake", "compare", "quarter-hours", "base load",
            "loading", "waiting", "synced", "figures", "Monday", "Tuesday", "Wednesday", "Thursday",
            "Friday", "Saturday", "Sunday", "January", "February", "March", "June", "July", "October");
    /** 11:00 in Brussels on 30 November 2025, for the portal, the sync and the simulator alike. */
    private final SimClock clock = SimClock.fixed(Instant.parse("2025-11-30T10:00:00Z"));

    private Vertx vertx;
    private FluviusSimulator simulator;
    private MeterkastServer server;
    private TestDatabases.Fresh database;
    private HeadlessChromium chromium;
    private ChromeDriver browser;
    private String base;
    private Path dataDirectory;
    private Path chromeProfile;
    private String userAgent;
    private String axe;

    private final List<String> problems = new ArrayList<>();
    private final Set<String> links = new TreeSet<>();
    private int pagesChecked;
    private int axeRuns;
    /**
     * axe looks at every page in every language (a translation can lose a label or a summary's text), on the phone
     * in light and on the laptop in dark: each width and each colour scheme, at half the time of all four.
     */
    private long axeNanos;

    @BeforeAll
    void start() throws IOException {
        HeadlessChromium.assumeInstalled("EveryPageBrowserTest");
        dataDirectory = Files.createTempDirectory("meterkast-pages");
        chromeProfile = Files.createTempDirectory("meterkast-chrome");
        vertx = Vertx.vertx();
        simulator = FluviusSimulator.start(vertx, 0, new SimulatorOptions(), SimAccounts.withDefaults(), clock).await();
        database = TestDatabases.create();
        ServerConfig config = ServerConfig.fromEnvironment(Map.of("DATABASE_URL", database.url(),
                "METERKAST_DATA_DIR", dataDirectory.toString(), "FLUVIUS_PORTAL_URL", simulator.baseUrl())).withPort(0);
        // 400 days of daily values (a year view and "against last year"), two days of quarter-hours, no pacing to speak of
        SyncSettings quick = new SyncSettings(Duration.ofMillis(500), Duration.ofHours(6), 0.1, 400, 31, 2, 3, 10,
                200, Duration.ofMinutes(1), Duration.ofHours(6), Duration.ofHours(24), BRUSSELS);
        server = MeterkastServer.start(vertx, config, clock, FluviusSync.factory(quick)).await();
        base = "http://127.0.0.1:" + server.port();

        chromium = HeadlessChromium.start(chromeProfile, "--hide-scrollbars");
        browser = chromium.driver();
        browser.manage().timeouts().scriptTimeout(Duration.ofSeconds(60));
        userAgent = (String) browser.executeScript("return navigator.userAgent");
        // Every page collects its script errors, from its first line on
        browser.executeCdpCommand("Page.addScriptToEvaluateOnNewDocument", Map.of("source",
                "window.__errors = []; addEventListener('error', function (e) { window.__errors.push(e.message); });"));
        try (InputStream in = getClass().getClassLoader().getResourceAsStream("axe.min.js")) {
            assertThat(in).as("axe.min.js from com.deque.html.axe-core:selenium").isNotNull();
            axe = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        Files.createDirectories(SCREENSHOTS);
    }

    @AfterAll
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
    @DisplayName("every page fits 390 and 1366 px, in every language, light and dark: no English left, links answer, axe is content")
    void everyPage() throws Exception {
        long started = System.nanoTime();
        List<String> languages = shippedLanguages();
        assertThat(languages).contains("en", "nl");
        checksWork();

        // Before anyone exists: the setup page, in the browser's language
        for (String language : languages) {
            browserLanguage(language);
            everyLook("setup", language, "/setup");
        }

        // A household with two Fluvius accounts and four meters (three electricity, one gas), and a second user
        Browser http = new Browser(vertx, server.port()).answeringWithin(Duration.ofSeconds(60));
        http.get("/setup");
        http.post("/setup", "username", "anna", "displayName", "Anna", "password", "correct horse",
                "confirm", "correct horse", "household", "Thuis");
        long household = one("SELECT id FROM households");
        String householdPage = "/households/" + household;
        http.get(householdPage);
        http.post(householdPage + "/accounts", "email", SimAccounts.DEMO_EMAIL, "password", SimAccounts.DEMO_PASSWORD);
        http.get(householdPage);
        http.post(householdPage + "/accounts", "email", SimAccounts.FAMILY_EMAIL, "password", SimAccounts.FAMILY_PASSWORD);
        long demo = one("SELECT id FROM fluvius_accounts WHERE email = '" + SimAccounts.DEMO_EMAIL + "'");
        long family = one("SELECT id FROM fluvius_accounts WHERE email = '" + SimAccounts.FAMILY_EMAIL + "'");
        long solar = addMeter(http, householdPage, "Zonnepanelen", SimAccounts.DEMO_SOLAR, "electricity", demo);
        long ev = addMeter(http, householdPage, "Auto", SimAccounts.DEMO_EV, "electricity", demo);
        long gas = addMeter(http, householdPage, "Verwarming", SimAccounts.DEMO_GAS, "gas", demo);
        long plain = addMeter(http, householdPage, "Keuken", SimAccounts.FAMILY_PLAIN, "electricity", family);
        http.get("/admin");
        http.post("/admin/users", "username", "oma", "displayName", "Oma", "password", "oma-password-1");
        for (long meter : List.of(solar, ev, gas, plain)) {
            awaitBackfill(meter);
        }

        // Logged out: the login page and a missing page
        for (String language : languages) {
            browserLanguage(language);
            everyLook("login", language, "/login");
        }

        // Logged in: each page in each language the account page offers
        browser.get(base + "/login");
        fill(By.cssSelector("main form"), "username", "anna", "password", "correct horse");
        new WebDriverWait(browser, WAIT).until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("header nav")));
        browser.get(base + "/account");
        Set<String> offered = browser.findElements(By.cssSelector("main input[name=language]")).stream()
                .map(e -> e.getAttribute("value")).collect(Collectors.toCollection(LinkedHashSet::new));
        assertThat(offered).as("the languages the account page offers").containsExactlyInAnyOrderElementsOf(languages);

        String yesterday = clock.today().minusDays(1).toString();
        Map<String, String> pages = new LinkedHashMap<>();
        pages.put("home", "/");
        pages.put("household", householdPage);
        pages.put("meter-7", "/meters/" + solar + "?days=7");
        pages.put("meter-30", "/meters/" + solar + "?days=30");
        pages.put("meter-365", "/meters/" + solar + "?days=365");
        pages.put("meter-month", "/meters/" + ev + "?month=2025-10");
        pages.put("meter-gas", "/meters/" + gas + "?days=30");
        pages.put("day", "/meters/" + solar + "/day/" + yesterday);
        pages.put("compare-2", "/compare?meter=" + solar + "&meter=" + ev + "&days=30");
        pages.put("compare-4", "/compare?meter=" + solar + "&meter=" + ev + "&meter=" + gas + "&meter=" + plain + "&days=7");
        pages.put("compare-last-year", "/compare?meter=" + solar + "&month=2025-10&against=previous-year");
        pages.put("compare-form", "/compare");
        pages.put("costs", "/meters/" + solar + "/costs?month=2025-10");
        pages.put("costs-year", "/meters/" + solar + "/costs?year=2025");
        pages.put("tariffs", householdPage + "/tariffs");
        pages.put("alerts", "/alerts");
        pages.put("account", "/account");
        pages.put("users", "/admin");
        pages.put("error-404", "/meters/999999");
        pages.put("error-400", "/meters/" + solar + "?days=abc");
        // -Deverypage.only=meter-30,home looks at those pages alone, while working on them
        String only = System.getProperty("everypage.only", "");
        if (!only.isBlank()) {
            pages.keySet().retainAll(List.of(only.split(",")));
        }
        for (String language : languages) {
            chooseLanguage(language);
            for (var page : pages.entrySet()) {
                everyLook(page.getKey(), language, page.getValue());
            }
        }

        checkLinks(http);
        System.out.printf(Locale.ROOT, "EveryPageBrowserTest: %d page views in %s, axe run %d times (%.0f s), %d links, %.0f s in all%n",
                pagesChecked, languages, axeRuns, axeNanos / 1e9, links.size(), (System.nanoTime() - started) / 1e9);
        problems.forEach(System.out::println);
        assertThat(problems).as("problems found").isEmpty();
    }

    /** Pointing at the middle of a chart shows the day (or time) and every series' value there. */
    private void tooltip(String where, String shotName) throws IOException {
        List<WebElement> charts = browser.findElements(By.cssSelector("div.chart[data-source] .u-over"));
        if (charts.isEmpty()) {
            return;
        }
        WebElement over = charts.get(0);
        browser.executeScript("arguments[0].scrollIntoView({block: 'center'})", over);
        // Selenium measures the offset from the element's centre: a quarter of the way in from the left
        new Actions(browser).moveToElement(over, -over.getSize().getWidth() / 4, 0).perform();
        WebElement tip = over.findElement(By.cssSelector(".tip"));
        if (!tip.isDisplayed()) {
            problems.add(where + ": no tooltip over the chart");
            return;
        }
        @SuppressWarnings("unchecked")
        List<String> labels = (List<String>) browser.executeScript("""
                var c = arguments[0].closest('div.chart');
                return JSON.parse(document.getElementById(c.getAttribute('data-source')).textContent).series
                  .map(function (s) { return s.label; });""", over);
        String text = tip.getText();
        if (!text.matches("(?s)\\S.*\\d.*") || labels.stream().anyMatch(l -> !text.contains(l))) {
            problems.add(where + ": the tooltip says \"" + text.replace('\n', ' ') + "\", not the day and " + labels);
        }
        Files.write(SCREENSHOTS.resolve(shotName + "-tooltip.png"), browser.getScreenshotAs(org.openqa.selenium.OutputType.BYTES));
        new Actions(browser).moveToLocation(0, 0).perform();
    }

    /** The checks themselves catch what they look for: an English text, a page too wide, an input without label. */
    private void checksWork() {
        browserLanguage("nl");
        browser.get(base + "/setup");
        browser.executeScript("""
                var p = document.createElement('p'); p.textContent = 'Refresh now'; document.querySelector('main').appendChild(p);
                var i = document.createElement('input'); document.querySelector('main').appendChild(i);
                var w = document.createElement('div'); w.style.width = '3000px'; w.textContent = 'x'; document.body.appendChild(w);""");
        assertThat(englishIn((String) browser.executeScript(VISIBLE_TEXT))).anyMatch(e -> e.startsWith("English \"refresh\""));
        fits("self-check");
        axe("self-check");
        assertThat(problems).as("the checks see a page too wide and an input without label")
                .anyMatch(p -> p.startsWith("self-check: ") && p.contains("px wide"))
                .anyMatch(p -> p.startsWith("self-check: ") && p.contains(" label"));
        problems.clear();
        axeRuns = 0;
        axeNanos = 0;
    }

    /** One page at both widths, light and dark. */
    private void everyLook(String name, String language, String path) throws IOException {
        for (int width : List.of(PHONE, LAPTOP)) {
            for (boolean dark : List.of(false, true)) {
                look(name, language, path, width, dark);
            }
        }
    }

    private void look(String name, String language, String path, int width, boolean dark) throws IOException {
        browser.executeCdpCommand("Emulation.setDeviceMetricsOverride", Map.of("width", width,
                "height", width == PHONE ? 844 : 900, "deviceScaleFactor", 1, "mobile", width == PHONE));
        browser.executeCdpCommand("Emulation.setEmulatedMedia", Map.of("features",
                List.of(Map.of("name", "prefers-color-scheme", "value", dark ? "dark" : "light"))));
        browser.get(base + path);
        String where = name + " (" + path + ") " + language + " " + width + " px " + (dark ? "dark" : "light");
        pagesChecked++;
        String lang = (String) browser.executeScript("return document.documentElement.lang");
        if (!lang.startsWith(language)) {
            problems.add(where + ": the page says lang=" + lang);
        }
        fits(where);
        @SuppressWarnings("unchecked")
        List<String> errors = (List<String>) browser.executeScript("""
                var out = (window.__errors || []).slice();
                document.querySelectorAll('div.chart[data-source]').forEach(function (c) {
                  if (!c.querySelector('canvas') || !c.nextElementSibling || !c.nextElementSibling.matches('details.chart-table')) {
                    out.push('chart ' + c.getAttribute('data-source') + ' not drawn, or without its table');
                  }
                });
                return out;""");
        errors.forEach(e -> problems.add(where + ": " + e));
        if (width == LAPTOP && !dark) {
            tooltip(where, name + "-" + language);
        }
        shot(name + "-" + language + "-" + width + (dark ? "-dark" : ""));
        // Folded forms and chart tables open: what they hold must fit, speak the language and pass axe too
        browser.executeScript("document.querySelectorAll('details').forEach(function (d) { d.open = true; })");
        fits(where + ", folded parts open");
        if (width == PHONE && !dark) {
            // The narrowest phones in use: the same page, laid out again at 360 px, fits as well
            browser.executeCdpCommand("Emulation.setDeviceMetricsOverride", Map.of("width", NARROW_PHONE,
                    "height", 780, "deviceScaleFactor", 1, "mobile", true));
            fits(where.replace(PHONE + " px", NARROW_PHONE + " px") + ", folded parts open");
            browser.executeCdpCommand("Emulation.setDeviceMetricsOverride", Map.of("width", PHONE,
                    "height", 844, "deviceScaleFactor", 1, "mobile", true));
        }
        if (!language.equals("en")) {
            englishIn((String) browser.executeScript(VISIBLE_TEXT)).forEach(e -> problems.add(where + ": " + e));
        }
        @SuppressWarnings("unchecked")
        List<String> hrefs = (List<String>) browser.executeScript(
                "return Array.prototype.map.call(document.querySelectorAll('a[href]'), function (a) { return a.href; })");
        String origin = base + "/";
        hrefs.stream().filter(h -> h.startsWith(origin)).map(h -> h.replaceFirst("#.*$", "")).forEach(links::add);
        if ((width == PHONE) != dark) {
            // The charts' own tables are rows of plain figures, hundreds on a year page: axe reads them slowly and
            // finds what it finds in the page's tables, so it looks with those closed.
            browser.executeScript("document.querySelectorAll('details.chart-table').forEach(function (d) { d.open = false; })");
            axe(where);
        }
    }

    /** The portal's English words in a text, each with what surrounds it. */
    private static List<String> englishIn(String text) {
        List<String> found = new ArrayList<>();
        for (String word : ENGLISH) {
            var matcher = Pattern.compile("(?<![\\p{L}\\-])" + Pattern.quote(word) + "(?![\\p{L}\\-])",
                    Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE).matcher(text);
            while (matcher.find()) {
                // A parameter named in a message, "(days)", "days=30", is the URL's word, not an untranslated text
                char before = matcher.start() > 0 ? text.charAt(matcher.start() - 1) : ' ';
                char after = matcher.end() < text.length() ? text.charAt(matcher.end()) : ' ';
                if (before == '(' && after == ')' || after == '=') {
                    continue;
                }
                int from = Math.max(0, matcher.start() - 40);
                found.add("English \"" + word + "\" in \"…"
                        + text.substring(from, Math.min(text.length(), matcher.end() + 40)).replace('\n', ' ') + "…\"");
                break;
            }
        }
        return found;
    }

    /** Text a reader meets: visible text and the labels of controls, outside parts marked as another language. */
    private static final String VISIBLE_TEXT = """
            var lang = document.documentElement.lang.slice(0, 2);
            function ours(el) { var l = el.closest('[lang]'); return !l || l.lang.slice(0, 2) === lang; }
            var out = [];
            var walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
            var node;
            while ((node = walker.nextNode())) {
              var el = node.parentElement;
              if (!el || el.closest('script, style, code, .mono') || !ours(el) || !el.checkVisibility()) { continue; }
              out.push(node.textContent);
            }
            document.querySelectorAll('[title], [aria-label], [placeholder], [alt]').forEach(function (el) {
              if (!ours(el)) { return; }
              ['title', 'aria-label', 'placeholder', 'alt'].forEach(function (a) { if (el.hasAttribute(a)) { out.push(el.getAttribute(a)); } });
            });
            return out.join('\\n');
            """;

    private void fits(String where) {
        Number scroll = (Number) browser.executeScript("return document.documentElement.scrollWidth");
        Number inner = (Number) browser.executeScript("return window.innerWidth");
        if (scroll.intValue() > inner.intValue()) {
            @SuppressWarnings("unchecked")
            List<String> wide = (List<String>) browser.executeScript("""
                    var w = window.innerWidth, out = [];
                    document.querySelectorAll('body *').forEach(function (el) {
                      var r = el.getBoundingClientRect();
                      if (r.right > w + 1 && out.length < 5 && !el.closest('.scroll, .wide')) {
                        out.push(el.tagName.toLowerCase() + (el.className && el.className.baseVal === undefined ? '.' + el.className : '') + ' ' + Math.round(r.right));
                      }
                    });
                    return out;""");
            problems.add(where + ": " + scroll + " px wide in a " + inner + " px window " + wide);
        }
    }

    private void axe(String where) {
        long started = System.nanoTime();
        browser.executeScript(axe);
        axeRuns++;
        Object result = browser.executeAsyncScript("""
                var done = arguments[arguments.length - 1];
                axe.run(document, { resultTypes: ['violations'] }).then(function (r) {
                  done(r.violations.filter(function (v) { return v.impact === 'serious' || v.impact === 'critical'; })
                    .map(function (v) {
                      return v.impact + ' ' + v.id + ': ' + v.help + ' at ' + v.nodes.slice(0, 3).map(function (n) {
                        return n.target.join(' ') + (n.any.length && n.any[0].message ? ' (' + n.any[0].message + ')' : '');
                      }).join('; ');
                    }));
                }, function (e) { done(['axe failed: ' + e]); });""");
        @SuppressWarnings("unchecked")
        List<String> violations = (List<String>) result;
        violations.forEach(v -> problems.add(where + ": " + v));
        axeNanos += System.nanoTime() - started;
    }

    /** Every internal link seen on any page answers 200 to the signed-in user (through her other session). */
    private void checkLinks(Browser http) {
        for (String link : links) {
            int status = http.get(link.substring(base.length())).statusCode();
            if (status != 200) {
                problems.add("link " + link + " answers " + status);
            }
        }
    }

    /** The languages of the message bundles the portal ships: messages.properties is English. */
    private List<String> shippedLanguages() throws URISyntaxException, IOException {
        Path bundles = Path.of(getClass().getClassLoader().getResource("i18n/messages.properties").toURI()).getParent();
        try (Stream<Path> files = Files.list(bundles)) {
            List<String> languages = new ArrayList<>(List.of("en"));
            files.map(f -> f.getFileName().toString()).filter(f -> f.matches("messages_[a-z]{2}\\.properties"))
                    .map(f -> f.substring(9, 11)).sorted().forEach(languages::add);
            return languages;
        }
    }

    /** What a browser set to this language asks for, before anyone is signed in. */
    private void browserLanguage(String language) {
        String accept = switch (language) {
            case "nl" -> "nl-BE,nl;q=0.9";
            case "fr" -> "fr-BE,fr;q=0.9";
            default -> language + "," + language + ";q=0.9";
        };
        browser.executeCdpCommand("Emulation.setUserAgentOverride", Map.of("userAgent", userAgent, "acceptLanguage", accept));
    }

    /** The user's own choice, on the account page. */
    private void chooseLanguage(String language) {
        browser.get(base + "/account");
        WebElement form = browser.findElement(By.cssSelector("main form[action='/account/language']"));
        form.findElement(By.cssSelector("input[name=language][value='" + language + "']")).click();
        form.findElement(By.cssSelector("button[type=submit]")).click();
        new WebDriverWait(browser, WAIT).until(d -> ((String) ((JavascriptExecutor) d)
                .executeScript("return document.documentElement.lang")).startsWith(language));
    }

    private long addMeter(Browser http, String householdPage, String label, SimMeter meter, String kind, long account) {
        http.get(householdPage);
        http.post(householdPage + "/meters", "label", label, "ean", meter.ean(), "serial", meter.serial(), "kind", kind,
                "gasUnit", "m3", "accountId", Long.toString(account));
        assertThat(http.last.statusCode()).as("adding " + label).isBetween(300, 399);
        String location = http.last.getHeader("Location");
        return Long.parseLong(location.substring(location.lastIndexOf('/') + 1));
    }

    private long one(String sql) {
        Row row = server.database().pool().query(sql).execute().await().iterator().next();
        return row.getLong(0);
    }

    private void fill(By form, String... fields) {
        WebElement f = browser.findElement(form);
        for (int i = 0; i < fields.length; i += 2) {
            WebElement input = f.findElement(By.name(fields[i]));
            input.clear();
            input.sendKeys(fields[i + 1]);
        }
        f.findElement(By.cssSelector("button[type=submit], button:not([type])")).click();
    }

    private void awaitBackfill(long meterId) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (System.nanoTime() < deadline) {
            if (server.services().meterSync().get(meterId).await().backfillDone()) {
                return;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("the backfill of meter " + meterId + " did not finish in 120 s");
    }

    /** The page as a reader scrolling down sees it (its first 2400 px). */
    private void shot(String name) throws IOException {
        Number width = (Number) browser.executeScript("return window.innerWidth");
        Number height = (Number) browser.executeScript("return Math.min(2400, document.documentElement.scrollHeight)");
        Map<String, Object> shot = browser.executeCdpCommand("Page.captureScreenshot", Map.of("format", "png",
                "captureBeyondViewport", true, "clip", Map.of("x", 0, "y", 0, "width", width, "height", height, "scale", 1)));
        Files.write(SCREENSHOTS.resolve(name + ".png"), Base64.getDecoder().decode((String) shot.get("data")));
    }
}
