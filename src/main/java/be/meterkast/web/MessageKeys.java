package be.meterkast.web;

import be.meterkast.domain.Defect;
import be.meterkast.domain.MeterKind;
import be.meterkast.domain.Tariff;
import be.meterkast.store.AccountStatus;
import be.meterkast.store.Role;

import java.util.Locale;

/**
 * The message keys of the names pages show for enum values ({@code #{${keys.kind(meter.kind())}}}), so
 * templates never spell out enum names and the domain and store packages know nothing of message files.
 */
public final class MessageKeys {
    public static final MessageKeys INSTANCE = new MessageKeys();

    private MessageKeys() {
    }

    /** {@code kind.electricity}, {@code kind.gas}. */
    public String kind(MeterKind kind) {
        return "kind." + lower(kind);
    }

    /** {@code tariff.day}, {@code tariff.night}, {@code tariff.single}. */
    public String tariff(Tariff tariff) {
        return "tariff." + lower(tariff);
    }

    /** {@code role.owner}, {@code role.member}. */
    public String role(Role role) {
        return "role." + lower(role);
    }

    /** How an account stands, in a few words: {@code account.status.needs_password}. */
    public String accountStatus(AccountStatus status) {
        return "account.status." + lower(status);
    }

    /** What the user should do about an account, one sentence with its email as {0}: {@code account.attention.locked}. */
    public String accountAttention(AccountStatus status) {
        return "account.attention." + lower(status);
    }

    /** Why a day came incomplete, a few words: {@code incomplete.missing_register}. */
    public String defect(Defect defect) {
        return "incomplete." + lower(defect);
    }

    private static String lower(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT);
    }
}
