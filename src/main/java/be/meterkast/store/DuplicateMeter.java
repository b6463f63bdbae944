package be.meterkast.store;

/** The household already has a meter with this EAN. */
public final class DuplicateMeter extends RuntimeException {
    private final String ean;

    public DuplicateMeter(long householdId, String ean, Throwable cause) {
        super("household " + householdId + " already has a meter with EAN " + ean, cause);
        this.ean = ean;
    }

    public String ean() {
        return ean;
    }
}
