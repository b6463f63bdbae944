package be.meterkast.app.imports;

/** A file refused whole, nothing stored: another meter's file, an unreadable one, too many bad rows. */
public final class ImportRefused extends RuntimeException {
    public ImportRefused(String message) {
        super(message, null, false, false);
    }
}
