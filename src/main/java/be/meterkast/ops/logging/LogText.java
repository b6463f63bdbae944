package be.meterkast.ops.logging;

/**
 * Text as a log line may hold it: a request path, a username or an exception's message can carry CR and LF
 * (and other control characters) that would start a forged line. Escaped once, in the log layout
 * ({@link EscapedMessageConverter}, {@link EscapedThrowableConverter}), so no call site has to remember.
 */
public final class LogText {
    private LogText() {
    }

    /**
     * CR, LF and tab as {@code \r}, {@code \n}, {@code \t}; other control characters, line and paragraph
     * separators and the bidi controls that reorder what a terminal shows as {@code \}{@code uXXXX}.
     */
    public static String escape(String text) {
        if (text == null) {
            return null;
        }
        StringBuilder out = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            String replacement = switch (c) {
                case '\r' -> "\\r";
                case '\n' -> "\\n";
                case '\t' -> "\\t";
                default -> unsafe(c) ? String.format("\\u%04x", (int) c) : null;
            };
            if (replacement != null && out == null) {
                out = new StringBuilder(text.length() + 16).append(text, 0, i);
            }
            if (out != null) {
                if (replacement != null) {
                    out.append(replacement);
                } else {
                    out.append(c);
                }
            }
        }
        return out == null ? text : out.toString();
    }

    private static boolean unsafe(char c) {
        return Character.getType(c) == Character.CONTROL
                || c == '\u2028' || c == '\u2029'
                || (c >= '\u202a' && c <= '\u202e') || (c >= '\u2066' && c <= '\u2069') || c == '\u200e' || c == '\u200f';
    }
}
