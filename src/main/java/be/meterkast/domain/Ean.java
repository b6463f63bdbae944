package be.meterkast.domain;

import java.util.Optional;

/** EAN-18 connection codes as printed on Fluvius bills: 18 digits, the last a GS1 mod-10 check digit. */
public final class Ean {
    private Ean() {
    }

    /** Why {@code text} is not a valid EAN, or empty when it is. Spaces are allowed and ignored. */
    public static Optional<String> problem(String text) {
        String ean = normalize(text);
        if (ean.isEmpty()) {
            return Optional.of("the EAN is empty");
        }
        if (!ean.chars().allMatch(Character::isDigit)) {
            return Optional.of("an EAN has only digits");
        }
        if (ean.length() != 18) {
            return Optional.of("an EAN has 18 digits, this one has " + ean.length());
        }
        int expected = checkDigit(ean.substring(0, 17));
        if (ean.charAt(17) - '0' != expected) {
            return Optional.of("the last digit (check digit) should be " + expected + "; is there a typo?");
        }
        return Optional.empty();
    }

    public static String normalize(String text) {
        return text == null ? "" : text.replaceAll("\\s", "");
    }

    /** GS1: from the right, digits are weighted 3, 1, 3, 1, ...; the check digit tops the sum up to a multiple of 10. */
    public static int checkDigit(String digits) {
        int sum = 0;
        for (int i = 0; i < digits.length(); i++) {
            int digit = digits.charAt(digits.length() - 1 - i) - '0';
            sum += i % 2 == 0 ? digit * 3 : digit;
        }
        return (10 - sum % 10) % 10;
    }
}
