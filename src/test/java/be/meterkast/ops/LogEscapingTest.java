package be.meterkast.ops;

import be.meterkast.ops.logging.LogText;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/** The portal's own logback.xml (not the tests'): user input in a message cannot start a line of its own. */
class LogEscapingTest {
    private static final String FORGED = "/login\r\n12:00:00.000 INFO  SessionRoutes - admin signed in";

    private static String logWithPortalLayout(java.util.function.Consumer<Logger> logging) throws Exception {
        LoggerContext context = new LoggerContext();
        context.setMDCAdapter(new LogbackMDCAdapter());
        JoranConfigurator configurator = new JoranConfigurator();
        configurator.setContext(context);
        PrintStream original = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            configurator.doConfigure(LogEscapingTest.class.getResource("/logback.xml"));
            logging.accept(context.getLogger("be.meterkast.web.PortalVerticle"));
        } finally {
            context.stop();
            System.setErr(original);
        }
        return captured.toString(StandardCharsets.UTF_8);
    }

    @Test
    @DisplayName("CR and LF in a logged value are written as \\r and \\n: the event stays one line")
    void messageArguments() throws Exception {
        String out = logWithPortalLayout(log -> log.warn("GET {} failed", FORGED));

        assertThat(out.lines()).hasSize(1);
        assertThat(out).contains("GET /login\\r\\n12:00:00.000 INFO  SessionRoutes - admin signed in failed");
    }

    @Test
    @DisplayName("an exception's message is escaped too, while its stack trace keeps its lines")
    void exceptionMessages() throws Exception {
        String out = logWithPortalLayout(log -> log.error("request failed",
                new IllegalStateException("bad value " + FORGED, new IllegalArgumentException("cause\nforged"))));

        assertThat(out).contains("java.lang.IllegalStateException: bad value /login\\r\\n12:00:00.000")
                .contains("Caused by: java.lang.IllegalArgumentException: cause\\nforged")
                .contains("\tat be.meterkast.ops.LogEscapingTest");
        assertThat(out.lines().filter(line -> line.contains("admin signed in"))).hasSize(1);
    }

    @Test
    @DisplayName("other control characters, NUL among them, and bidi overrides become \\u escapes; other text is left alone")
    void otherControls() {
        assertThat(LogText.escape("a\u0000b\u001bc\u202ed\u2028e")).isEqualTo("a\\u0000b\\u001bc\\u202ed\\u2028e");
        assertThat(LogText.escape("Zonnepanelen é ✓ 🙂")).isEqualTo("Zonnepanelen é ✓ 🙂");
        assertThat(LogText.escape("tab\there")).isEqualTo("tab\\there");
    }
}
