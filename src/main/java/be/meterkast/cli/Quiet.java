package be.meterkast.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import org.slf4j.LoggerFactory;

/** The sign-in and request steps are logged at INFO; {@code --quiet} lifts our threshold to WARN. */
final class Quiet {
    private Quiet() {
    }

    static void apply(boolean quiet) {
        ((Logger) LoggerFactory.getLogger("be.meterkast")).setLevel(quiet ? Level.WARN : Level.INFO);
    }
}
