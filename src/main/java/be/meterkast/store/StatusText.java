package be.meterkast.store;

import java.util.List;
import java.util.Optional;

/**
 * A status or error message as stored: a code that pages word in the reader's language ({@code status.<code>}
 * in the message bundles) with its parameters, and the English {@code text} for logs, the API and rows written
 * before codes were stored (V15), which have no code.
 */
public record StatusText(Optional<String> code, List<String> args, String text) {
    public StatusText {
        args = List.copyOf(args);
    }

    public static StatusText coded(String code, List<String> args, String text) {
        return new StatusText(Optional.of(code), args, text);
    }

    /** A text with no code: shown as it is, in every language. */
    public static StatusText plain(String text) {
        return new StatusText(Optional.empty(), List.of(), text);
    }

    /** The message key of the code, {@code status.fluvius.unavailable}. */
    public Optional<String> key() {
        return code.map(c -> "status." + c);
    }

    static StatusText fromColumns(String text, String code, String[] args) {
        if (text == null && code == null) {
            return null;
        }
        return new StatusText(Optional.ofNullable(code), args == null ? List.of() : List.of(args), text == null ? "" : text);
    }

    String[] argArray() {
        return args.toArray(String[]::new);
    }
}
