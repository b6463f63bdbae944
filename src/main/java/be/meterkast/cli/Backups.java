package be.meterkast.cli;

import java.util.Map;
import java.util.stream.Collectors;

/** What {@code export} and {@code import} print. */
final class Backups {
    private Backups() {
    }

    static String summary(Map<String, Long> counts) {
        return counts.entrySet().stream().filter(e -> e.getValue() > 0)
                .map(e -> e.getValue() + " " + e.getKey().replace('_', ' '))
                .collect(Collectors.joining(", "));
    }
}
