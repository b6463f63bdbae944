package be.meterkast.web;

import be.meterkast.domain.Direction;
import be.meterkast.domain.Reading;
import be.meterkast.domain.Tariff;
import be.meterkast.domain.Unit;
import be.meterkast.domain.time.LocalDays;
import be.meterkast.fluvius.sim.SimAccounts;
import be.meterkast.store.MeterSyncRepository;
import be.meterkast.store.ReadingRepository;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpResponse;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("ETags, 304 and the page cache: nothing is redone that has not changed, nothing shown is ever stale")
class PageCacheTest extends PortalTestBase {
    private Roles roles;
    private LocalDate yesterday;

    @BeforeEach
    void roles() {
        roles = new Roles(this);
        // Each browser shows the one-time message its last form left, so the pages below are whole
        List.of(roles.admin, roles.member, roles.stranger).forEach(b -> b.get("/account"));
        yesterday = LocalDate.now(LocalDays.BRUSSELS).minusDays(1);
    }

    /** A GET with {@code If-None-Match}; the browser's cookies, or the API token when given. */
    private HttpResponse<Buffer> revalidate(Browser browser, String path, String etag, String token) {
        var request = browser.client().getAbs("http://127.0.0.1:" + server.port() + path);
        if (etag != null) {
            request.putHeader("If-None-Match", etag);
        }
        if (token != null) {
            request.bearerTokenAuthentication(token);
        }
        return request.send().await();
    }

    private String meterPage() {
        return "/meters/" + roles.meter + "?days=7";
    }

    /** Changes a label behind the triggers' back (no version bump): what a page shows then tells whether it was rendered again. */
    private void relabelWithoutVersion(long meter, String label) {
        sql("SET session_replication_role = replica; UPDATE meters SET label = '" + label + "' WHERE id = " + meter
                + "; SET session_replication_role = origin");
    }

    @Test
    @DisplayName("every page, export and API read that shows meter data carries a private ETag and answers 304 to it, without a body")
    void notModified() {
        String day = yesterday.toString();
        List<String> pages = List.of("/", "/households/" + roles.household, "/households/" + roles.household + "/tariffs",
                meterPage(), "/meters/" + roles.meter + "/day/" + day, "/meters/" + roles.meter + "/costs",
                "/compare?meter=" + roles.meter + "&meter=" + roles.secondMeter + "&days=30",
                "/export/meters/" + roles.meter + "/wide.csv?days=30", "/export/meters/" + roles.meter + "/long.csv?days=30",
                "/export/meters/" + roles.meter + "/daily.json?days=30");
        for (String page : pages) {
            var first = roles.admin.get(page);
            assertThat(first.statusCode()).as(page).isEqualTo(200);
            String etag = first.getHeader("ETag");
            assertThat(etag).as(page).startsWith("\"");
            assertThat(first.getHeader("Cache-Control")).as(page).isEqualTo("private, no-cache");

            var again = revalidate(roles.admin, page, etag, null);
            assertThat(again.statusCode()).as(page).isEqualTo(304);
            assertThat(again.body()).as(page).isNull();
            assertThat(again.getHeader("ETag")).as(page).isEqualTo(etag);
        }
        for (String api : List.of("/api/v1/households", "/api/v1/meters", "/api/v1/meters/" + roles.meter + "/sync",
                "/api/v1/meters/" + roles.meter + "/readings?from=" + yesterday.minusDays(6) + "&to=" + yesterday)) {
            var first = revalidate(roles.admin, api, null, roles.adminToken);
            assertThat(first.statusCode()).as(api).isEqualTo(200);
            var again = revalidate(roles.admin, api, first.getHeader("ETag"), roles.adminToken);
            assertThat(again.statusCode()).as(api).isEqualTo(304);
        }
    }

    @Test
    @DisplayName("a page that failed (400), a page with a one-time message and the pages before sign-in get no ETag")
    void onlyWholeAnswers() {
        var bad = roles.admin.get("/meters/" + roles.meter + "?days=abc");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.getHeader("ETag")).isNull();
        assertThat(bad.getHeader("Cache-Control")).isEqualTo("no-store");
        assertThat(roles.anonymous.get("/login").getHeader("ETag")).isNull();

        roles.admin.post("/meters/" + roles.meter + "/refresh");
        var withMessage = roles.admin.get("/meters/" + roles.meter);
        assertThat(withMessage.bodyAsString()).contains("Refreshing");
        assertThat(withMessage.getHeader("ETag")).isNull();
    }

    @Test
    @DisplayName("the sync storing a day gives the meter page, home and the API a new ETag, and they show the day and the sync state")
    void afterTheSyncWritesADay() {
        var before = roles.admin.get(meterPage());
        var homeBefore = roles.admin.get("/");
        String api = "/api/v1/meters/" + roles.meter + "/readings?from=" + yesterday + "&to=" + yesterday;
        var apiBefore = revalidate(roles.admin, api, null, roles.adminToken);
        assertThat(before.bodyAsString()).doesNotContainPattern("777[.,]125");

        Instant start = yesterday.atStartOfDay(LocalDays.BRUSSELS).toInstant();
        Instant end = yesterday.plusDays(1).atStartOfDay(LocalDays.BRUSSELS).toInstant();
        var pool = server.database().pool();
        new ReadingRepository(pool).upsert(roles.meter, List.of(new Reading(start, end, Tariff.DAY, Direction.OFFTAKE,
                Unit.KWH, new BigDecimal("777.125"), false))).await();
        new MeterSyncRepository(pool).recordSuccess(roles.meter, Instant.now(), Instant.now().plusSeconds(3600)).await();

        var after = revalidate(roles.admin, meterPage(), before.getHeader("ETag"), null);
        assertThat(after.statusCode()).isEqualTo(200);
        assertThat(after.getHeader("ETag")).isNotEqualTo(before.getHeader("ETag"));
        assertThat(after.bodyAsString()).containsPattern("777[.,]125");
        assertThat(revalidate(roles.admin, "/", homeBefore.getHeader("ETag"), null).statusCode()).isEqualTo(200);
        var apiAfter = revalidate(roles.admin, api, apiBefore.getHeader("ETag"), roles.adminToken);
        assertThat(apiAfter.statusCode()).isEqualTo(200);
        assertThat(apiAfter.bodyAsString()).contains("777.125");
    }

    @Test
    @DisplayName("the sync state alone (a run that stored nothing new) gives the meter page a new ETag")
    void afterASyncRun() {
        var before = roles.admin.get(meterPage());
        new MeterSyncRepository(server.database().pool()).recordError(roles.meter, "Fluvius answered 503",
                Instant.now().plusSeconds(600)).await();

        var after = revalidate(roles.admin, meterPage(), before.getHeader("ETag"), null);
        assertThat(after.statusCode()).isEqualTo(200);
        assertThat(after.bodyAsString()).contains("Fluvius answered 503");
    }

    @Test
    @DisplayName("importing a Mijn Fluvius file gives the meter page a new ETag, with the file's days")
    void afterAnImport() {
        var before = roles.admin.get(meterPage());
        assertThat(before.bodyAsString()).contains("0 of 7 days with data");
        String csrf = roles.admin.csrf();
        var imported = ImportFiles.upload(roles.admin, server.port(), "/meters/" + roles.meter + "/imports", null, csrf,
                "files", "verbruik-week.csv", ImportFiles.quarterHours(SimAccounts.DEMO_SOLAR, yesterday.minusDays(2), yesterday));
        assertThat(imported.statusCode()).as(imported.bodyAsString()).isEqualTo(200);

        var after = revalidate(roles.admin, meterPage(), before.getHeader("ETag"), null);
        assertThat(after.statusCode()).isEqualTo(200);
        assertThat(after.bodyAsString()).contains("3 of 7 days with data");
    }

    @Test
    @DisplayName("a label changed in the database by anyone (another instance, a script) shows at once on the meter page, home and compare")
    void afterALabelChange() {
        String compare = "/compare?meter=" + roles.meter + "&meter=" + roles.secondMeter + "&days=7";
        List<String> pages = List.of(meterPage(), "/", compare, "/households/" + roles.household);
        List<String> etags = pages.stream().map(p -> roles.admin.get(p).getHeader("ETag")).toList();

        sql("UPDATE meters SET label = 'Zonnedak' WHERE id = " + roles.meter);

        for (int i = 0; i < pages.size(); i++) {
            var after = revalidate(roles.admin, pages.get(i), etags.get(i), null);
            assertThat(after.statusCode()).as(pages.get(i)).isEqualTo(200);
            assertThat(after.bodyAsString()).as(pages.get(i)).contains("Zonnedak");
        }
    }

    @Test
    @DisplayName("day-ahead prices, shared by the instance, give every household's costs pages a new ETag")
    void afterDayAheadPrices() {
        String mine = "/meters/" + roles.meter + "/costs?month=" + YearMonth.from(yesterday);
        String bert = "/meters/" + roles.strangersMeter + "/costs?month=" + YearMonth.from(yesterday);
        String mineTag = roles.admin.get(mine).getHeader("ETag");
        String bertTag = roles.stranger.get(bert).getHeader("ETag");
        assertThat(revalidate(roles.admin, mine, mineTag, null).statusCode()).isEqualTo(304);

        sql("INSERT INTO day_ahead_prices (period_start, period_end, eur_per_mwh) VALUES "
                + "('2025-06-01T00:00:00Z', '2025-06-01T01:00:00Z', 80.5)");

        assertThat(revalidate(roles.admin, mine, mineTag, null).statusCode()).isEqualTo(200);
        assertThat(revalidate(roles.stranger, bert, bertTag, null).statusCode()).isEqualTo(200);
    }

    @Test
    @DisplayName("saving tariffs gives the costs page a new ETag, and it prices the month")
    void afterATariffChange() {
        String costs = "/meters/" + roles.meter + "/costs?month=" + YearMonth.from(yesterday);
        var before = roles.admin.get(costs);
        assertThat(before.bodyAsString()).contains("This household has no tariffs yet");

        String form = "/households/" + roles.household + "/tariffs";
        roles.admin.get(form);
        var saved = roles.admin.post(form, "rows", "1", "validFrom.0", "2020-01-01", "energyDay.0", "0.30",
                "energyNight.0", "0.20");
        assertThat(saved.statusCode()).as(saved.bodyAsString()).isEqualTo(302);
        roles.admin.get(form); // the one-time message

        var after = revalidate(roles.admin, costs, before.getHeader("ETag"), null);
        assertThat(after.statusCode()).isEqualTo(200);
        assertThat(after.bodyAsString()).doesNotContain("This household has no tariffs yet");
    }

    @Test
    @DisplayName("a new member shows on the household page at once; a member who left gets 404 for a page they had, not their copy")
    void afterAMembershipChange() {
        String household = "/households/" + roles.household;
        var before = roles.admin.get(household);
        var membersCopy = roles.member.get(meterPage());
        assertThat(membersCopy.statusCode()).isEqualTo(200);

        String page = roles.admin.post(household + "/invites", "role", "member").bodyAsString();
        String invite = page.replaceAll("(?s).*<code>http[^<]*(/invite/[^<]+)</code>.*", "$1");
        Browser noor = browser();
        noor.get(invite);
        assertThat(noor.post(invite, "username", "noor", "displayName", "Noor Peeters", "password", "password-noor",
                "confirm", "password-noor").statusCode()).isEqualTo(302);
        var after = revalidate(roles.admin, household, before.getHeader("ETag"), null);
        assertThat(after.statusCode()).isEqualTo(200);
        assertThat(after.bodyAsString()).contains("Noor Peeters");

        roles.member.get(household + "/leave");
        assertThat(roles.member.post(household + "/leave").statusCode()).isEqualTo(302);
        assertThat(revalidate(roles.member, meterPage(), membersCopy.getHeader("ETag"), null).statusCode()).isEqualTo(404);
    }

    @Test
    @DisplayName("users of different households never get each other's cached page or a 304 for it")
    void otherHouseholds() {
        var owners = roles.admin.get(meterPage());
        assertThat(owners.statusCode()).isEqualTo(200);
        var strangers = revalidate(roles.stranger, meterPage(), owners.getHeader("ETag"), null);
        assertThat(strangers.statusCode()).isEqualTo(404);

        roles.admin.get("/");
        String strangersHome = roles.stranger.get("/").bodyAsString();
        assertThat(strangersHome).contains("Bij Bert").doesNotContain("Thuis");
        var api = revalidate(roles.stranger, "/api/v1/meters", null, roles.strangerToken);
        assertThat(api.bodyAsJsonArray().stream().map(m -> ((io.vertx.core.json.JsonObject) m).getLong("id")))
                .containsExactly(roles.strangersMeter);
    }

    @Test
    @DisplayName("a cached page carries the asking session's CSRF token and user name: another session or a fellow member never gets the renderer's")
    void noSessionLeaks() {
        var first = roles.admin.get(meterPage());
        String adminsToken = roles.admin.csrf();
        assertThat(first.bodyAsString()).contains(adminsToken);
        relabelWithoutVersion(roles.meter, "Onveranderd");

        Browser secondSession = browser();
        secondSession.get("/login");
        secondSession.post("/login", "username", "admin", "password", "correct horse");
        String cached = secondSession.get(meterPage()).bodyAsString();
        assertThat(cached).as("served from the cache: the label change bypassed the versions")
                .doesNotContain("Onveranderd").contains("Zon");
        assertThat(secondSession.csrf()).isNotEqualTo(adminsToken);
        assertThat(cached).contains(secondSession.csrf()).doesNotContain(adminsToken);
        assertThat(secondSession.post("/meters/" + roles.meter + "/refresh").statusCode()).as("its token works").isEqualTo(302);

        String members = roles.member.get(meterPage()).bodyAsString();
        assertThat(members).as("rendered for the member, not taken from the admin's entry").contains("Onveranderd")
                .doesNotContain(adminsToken).doesNotContain("href=\"/admin\"");
    }

    @Test
    @DisplayName("on by default: a repeat is served from memory until a version changes")
    void servedFromMemory() {
        roles.admin.get(meterPage());
        relabelWithoutVersion(roles.meter, "Onveranderd");
        assertThat(roles.admin.get(meterPage()).bodyAsString()).doesNotContain("Onveranderd");

        sql("UPDATE meters SET label = 'Onveranderd' WHERE id = " + roles.meter);
        assertThat(roles.admin.get(meterPage()).bodyAsString()).contains("Onveranderd");
    }
}
