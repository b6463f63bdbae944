package be.meterkast.web;

import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpResponse;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every link the templates make leads somewhere: from the start page, as each kind of visitor, the crawl follows
 * every {@code href}, {@code src}, GET form and redirect on this site and requires each to end in a 200.
 */
class LinkCrawlTest extends PortalTestBase {
    private static final Pattern LINK = Pattern.compile("(?:href|src)=\"([^\"]+)\"");
    private static final Pattern GET_FORM = Pattern.compile("<form(?=[^>]*method=\"get\")[^>]*action=\"([^\"]+)\"");
    /** Pages of one shape (ids and dates as #) are alike: a few of each are enough, and the day pages chain back years. */
    private static final int PER_SHAPE = 3;
    private Roles roles;

    @BeforeEach
    void roles() {
        roles = new Roles(this);
    }

    @Test
    @DisplayName("logged out: every link from the start page leads to a page")
    void loggedOut() {
        assertThat(crawl(roles.anonymous)).containsKeys("/login");
    }

    @Test
    @DisplayName("a member: every link from the start page leads to a page")
    void member() {
        assertThat(crawl(roles.member)).containsKeys("/account", "/households/" + roles.household,
                "/meters/" + roles.meter);
    }

    @Test
    @DisplayName("the owner of another household: every link from the start page leads to a page")
    void ownerOfAnotherHousehold() {
        assertThat(crawl(roles.stranger)).containsKeys("/households/" + roles.strangersHousehold,
                "/meters/" + roles.strangersMeter);
    }

    @Test
    @DisplayName("the admin: every link from the start page leads to a page, the Users link (/admin) too")
    void admin() {
        assertThat(crawl(roles.admin)).containsKeys("/admin", "/compare", "/meters/" + roles.meter);
    }

    /** The statuses of every page reached; fails naming each link that did not end in a 200, and where it was. */
    private Map<String, Integer> crawl(Browser b) {
        Map<String, Integer> reached = new LinkedHashMap<>();
        Map<String, String> foundOn = new HashMap<>();
        Map<String, Integer> shapes = new HashMap<>();
        Map<String, String> broken = new LinkedHashMap<>();
        Deque<String> queue = new ArrayDeque<>();
        queue.add("/");
        foundOn.put("/", "(start)");
        while (!queue.isEmpty()) {
            String url = queue.removeFirst();
            HttpResponse<Buffer> r = b.get(url);
            reached.put(url, r.statusCode());
            Set<String> next = new LinkedHashSet<>();
            if (r.statusCode() == 302 || r.statusCode() == 303) {
                next.add(r.getHeader("Location"));
            } else if (r.statusCode() != 200) {
                broken.put(url, r.statusCode() + " (linked from " + foundOn.get(url) + ")");
            } else if (String.valueOf(r.getHeader("Content-Type")).startsWith("text/html")) {
                next.addAll(links(r.bodyAsString()));
            }
            for (String link : next) {
                if (link.startsWith("/") && !link.startsWith("//") && !reached.containsKey(link)
                        && !queue.contains(link) && !link.equals("/logout")
                        && shapes.merge(shape(link), 1, Integer::sum) <= PER_SHAPE) {
                    foundOn.putIfAbsent(link, url);
                    queue.add(link);
                }
            }
        }
        assertThat(broken).as("links that lead nowhere").isEmpty();
        return reached;
    }

    private static Set<String> links(String html) {
        Set<String> links = new LinkedHashSet<>();
        for (Pattern p : new Pattern[] {LINK, GET_FORM}) {
            Matcher m = p.matcher(html);
            while (m.find()) {
                String link = m.group(1).replace("&amp;", "&");
                int hash = link.indexOf('#');
                link = hash >= 0 ? link.substring(0, hash) : link;
                if (!link.isEmpty()) {
                    links.add(link);
                }
            }
        }
        return links;
    }

    private static String shape(String link) {
        return link.replaceAll("\\d+", "#");
    }
}
