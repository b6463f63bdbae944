package be.meterkast.fluvius.sim;

import be.meterkast.domain.MeterKind;
import be.meterkast.domain.MeterRef;
import java.util.Objects;

/** A simulated meter: the connection's EAN (18 digits, GS1 check digit), the meter's serial, its profile. */
public record SimMeter(String ean, String serial, Profile profile) {
    public SimMeter {
        Objects.requireNonNull(ean, "ean");
        Objects.requireNonNull(serial, "serial");
        Objects.requireNonNull(profile, "profile");
        if (!ean.matches("\\d{18}") || !ean.equals(withCheckDigit(ean.substring(0, 17)))) {
            throw new IllegalArgumentException("not an EAN-18 with a valid check digit: " + ean);
        }
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
