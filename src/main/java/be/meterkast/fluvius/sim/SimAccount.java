package be.meterkast.fluvius.sim;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.UUID;

/** A customer account of the simulated portal and the meters it may read. */
public record SimAccount(String email, String password, boolean mfaRequired, List<SimMeter> meters) {
    public SimAccount {
        Objects.requireNonNull(email, "email");
        Objects.requireNonNull(password, "password");
        meters = List.copyOf(meters);
    }

    /** Stable object id, used as the token subject the way B2C uses the user's object id. */
    public String id() {
        return UUID.nameUUIDFromBytes(email.toLowerCase(Locale.ROOT).getBytes(StandardCharsets.UTF_8)).toString();
    }

    public boolean owns(String ean) {
        return meters.stream().anyMatch(m -> m.ean().equals(ean));
    }
}
