package be.meterkast.app.meters;

import be.meterkast.domain.Ean;
import be.meterkast.domain.MeterKind;
import be.meterkast.domain.MeterRef;
import be.meterkast.domain.Unit;
import be.meterkast.store.FluviusAccount;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A meter as typed in the form or sent to the API, checked field by field: the fields' values by name, what is
 * wrong with them as message keys by field name (a field keeps its first error).
 */
public final class MeterInput {
    private static final Pattern SERIAL = Pattern.compile("[A-Za-z0-9-]{4,40}");

    private MeterInput() {
    }

    public record Valid(MeterRef ref, MeterKind kind, String label, Optional<Unit> gasUnit, Optional<Long> accountId) {
    }

    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");

    /** Whether the text could be the e-mail address of a Fluvius login. */
    public static boolean looksLikeEmail(String text) {
        return text != null && EMAIL.matcher(text).matches();
    }

    /** The {@code accountId} that asks for a meter without a Fluvius account: its data comes from imported files. */
    public static final String NO_ACCOUNT = "none";

    /**
     * A meter for one of the household's Fluvius accounts, or for none ({@link #NO_ACCOUNT}: its data comes
     * from imported Mijn Fluvius files). An account left out is filled in when the household has exactly one,
     * and means none when it has none. Adds to {@code errors}; empty when there are any.
     */
    public static Optional<Valid> validate(Map<String, String> fields, Map<String, String> errors,
                                           List<FluviusAccount> accounts) {
        boolean none = NO_ACCOUNT.equals(value(fields, "accountId"))
                || value(fields, "accountId").isEmpty() && accounts.isEmpty();
        if (value(fields, "accountId").isEmpty() && accounts.size() == 1) {
            fields.put("accountId", Long.toString(accounts.get(0).id()));
        }
        Map<String, String> checked = new java.util.HashMap<>(fields);
        if (none) {
            checked.put("accountId", "");
        }
        Optional<Valid> input = validate(new Fields(checked, errors));
        if (!none && value(fields, "accountId").isEmpty()) {
            errors.putIfAbsent("accountId", "form.account.choose");
        } else if (!none && input.isPresent() && input.get().accountId()
                .map(id -> accounts.stream().noneMatch(a -> a.id() == id)).orElse(true)) {
            errors.putIfAbsent("accountId", "form.account.invalid");
        }
        return errors.isEmpty() ? input : Optional.empty();
    }

    private static String value(Map<String, String> fields, String name) {
        return fields.getOrDefault(name, "");
    }

    private record Fields(Map<String, String> values, Map<String, String> errors) {
        String get(String name) {
            return value(values, name);
        }

        void error(String name, String messageKey) {
            errors.putIfAbsent(name, messageKey);
        }

        boolean valid() {
            return errors.isEmpty();
        }
    }

    /** Fields: ean, serial, kind, label, gasUnit, accountId. */
    private static Optional<Valid> validate(Fields form) {
        String ean = Ean.normalize(form.get("ean"));
        Ean.check(ean).ifPresent(problem -> form.error("ean", "form.ean." + switch (problem) {
            case EMPTY -> "required";
            case NOT_DIGITS -> "digits";
            case LENGTH -> "length";
            case CHECK_DIGIT -> "checkDigit";
        }));
        String serial = form.get("serial").replace(" ", "");
        if (!SERIAL.matcher(serial).matches()) {
            form.error("serial", "form.serial.invalid");
        }
        MeterKind kind = switch (form.get("kind").toLowerCase(Locale.ROOT)) {
            case "electricity" -> MeterKind.ELECTRICITY;
            case "gas" -> MeterKind.GAS;
            default -> {
                form.error("kind", "form.kind.invalid");
                yield null;
            }
        };
        String label = form.get("label");
        if (label.isEmpty() || label.length() > 60) {
            form.error("label", "form.label.invalid");
        }
        Optional<Unit> gasUnit = Optional.empty();
        if (kind == MeterKind.GAS) {
            gasUnit = form.get("gasUnit").isEmpty() ? Optional.of(Unit.M3) : Unit.parse(form.get("gasUnit"));
            if (gasUnit.isEmpty()) {
                form.error("gasUnit", "form.gasUnit.invalid");
            }
        }
        Optional<Long> accountId = Optional.empty();
        if (!form.get("accountId").isEmpty()) {
            try {
                accountId = Optional.of(Long.parseLong(form.get("accountId")));
            } catch (NumberFormatException e) {
                form.error("accountId", "form.account.invalid");
            }
        }
        if (!form.valid()) {
            return Optional.empty();
        }
        return Optional.of(new Valid(new MeterRef(ean, serial), kind, label, gasUnit, accountId));
    }
}
