package be.meterkast.domain;

import java.util.Optional;

/** EAN-18 connection codes as printed on Fluvius bills: 18 digits, the last a GS1 mod-10 check digit. */
public final class Ean {
    private Ean() {
    }

    /** What can be wrong with a typed EAN. */
    public enum Problem {
        EMPTY, NOT_DIGITS, LENGTH, CHECK_DIGIT
    }

    /** What is wrong with {@code text}, or empty when it is a valid EAN. Spaces are allowed and ignored. */
    public static Optional<Problem> check(String text) {
        String ean = normalize(text);
        if (ean.isEmpty()) {
            return Optional.of(Problem.EMPTY);
        }
        if (!ean.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return Optional.of(Problem.NOT_DIGITS);
        }
        if (ean.length() != 18) {
            return Optional.of(Problem.LENGTH);
        }
        if (ean.charAt(17) - '0' != checkDigit(ean.substring(0, 17))) {
            return Optional.of(Problem.CHECK_DIGIT);
        }
        return Optional.empty();
    }

    /** Why {@code text} is not a valid EAN, in English, or empty when it is. */
    public static Optional<String> problem(String text) {
        String ean = normalize(text);
        return check(text).map(problem -> switch (problem) {
            case EMPTY -> "the EAN is empty";
            case NOT_DIGITS -> "an EAN has only digits";
            case LENGTH -> "an EAN has 18 digits, this one has " + ean.length();
            case CHECK_DIGIT -> "the last digit (check digit) should be " + checkDigit(ean.substring(0, 17))
                    + "; is there a typo?";
        });
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
