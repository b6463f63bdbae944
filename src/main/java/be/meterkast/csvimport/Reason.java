package be.meterkast.csvimport;

import java.util.Arrays;
import java.util.List;

/**
 * Why a row or a file cannot be used: a code that pages word in the reader's language ({@code csv.<code>} in the
 * message bundles) with its parameters, and the English text for the API, the command line and logs.
 */
public record Reason(String code, List<String> args, String english) {
    public Reason {
        args = List.copyOf(args);
    }

    public static Reason of(String code, String english, Object... args) {
        return new Reason(code, Arrays.stream(args).map(String::valueOf).toList(), english);
    }

    @Override
    public String toString() {
        return english;
    }
}
