package be.meterkast.backup;

/** A backup that cannot be made or restored; the message says why and what to do. */
public final class BackupException extends RuntimeException {
    public BackupException(String message) {
        super(message);
    }

    public BackupException(String message, Throwable cause) {
        super(message, cause);
    }
}
