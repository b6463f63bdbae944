package be.meterkast.app.imports;

import be.meterkast.csvimport.Reason;

/** A file refused whole, nothing stored: another meter's file, an unreadable one, too many bad rows. */
public final class ImportRefused extends RuntimeException {
    private final transient Reason reason;

    public ImportRefused(Reason reason) {
        super(reason.english(), null, false, false);
        this.reason = reason;
    }

    /** Why, for pages to word in the reader's language; {@link #getMessage} is the English. */
    public Reason reason() {
        return reason;
    }
}
