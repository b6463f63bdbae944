package be.meterkast.fluvius.sim;

import be.meterkast.domain.MeterKind;
import be.meterkast.domain.MeterRef;
import java.time.LocalDate;
import java.util.Objects;

/**
 * A simulated meter: the connection's EAN (18 digits, GS1 check digit), the meter's serial, its profile, and
 * the first local day (gas day for gas) it measured — null for a meter whose history reaches back further than
 * anyone asks. Before that day Fluvius has nothing for it: no records, no monthly peaks.
 */
public record SimMeter(String ean, String serial, Profile profile, LocalDate installedOn) {
    public SimMeter {
        Objects.requireNonNull(ean, "ean");
        Objects.requireNonNull(serial, "serial");
        Objects.requireNonNull(profile, "profile");
        if (!ean.matches("\\d{18}") || !ean.equals(withCheckDigit(ean.substring(0, 17)))) {
            throw new IllegalArgumentException("not an EAN-18 with a valid check digit: " + ean);
        }
    }

    /** A meter with history as far back as asked. */
    public SimMeter(String ean, String serial, Profile profile) {
        this(ean, serial, profile, null);
    }

    /** The same meter, installed on {@code day}: Fluvius serves nothing before it. */
    public SimMeter installedOn(LocalDate day) {
        return new SimMeter(ean, serial, profile, Objects.requireNonNull(day, "day"));
    }

    /** Whether the meter measured on this local day (gas day for gas). */
    public boolean measured(LocalDate day) {
        return installedOn == null || !day.isBefore(installedOn);
    }

    public MeterKind kind() {
        return profile == Profile.GAS ? MeterKind.GAS : MeterKind.ELECTRICITY;
    }

    public MeterRef ref() {
        return new MeterRef(ean, serial);
    }

    /** Appends the GS1 mod-10 check digit: weights 3,1,3,… from the rightmost digit leftwards. */
    public static String withCheckDigit(String digits) {
        if (!digits.matches("\\d+")) {
            throw new IllegalArgumentException("digits only: " + digits);
        }
        int sum = 0;
        for (int i = 0; i < digits.length(); i++) {
            int digit = digits.charAt(digits.length() - 1 - i) - '0';
            sum += i % 2 == 0 ? digit * 3 : digit;
        }
        return digits + (10 - sum % 10) % 10;
    }
}
