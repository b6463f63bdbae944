package be.meterkast.store;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/**
 * One occurrence of a rule raised for a user: what it is about (a meter, an account, a household), the
 * figures its message shows ({@code args}, as text), the day it is about, and its delivery on each channel.
 */
public record StoredAlert(long id, long userId, String rule, String occurrence, Optional<Long> meterId,
                          Optional<Long> accountId, Optional<Long> householdId, List<String> args,
                          Optional<LocalDate> day, Instant raisedAt, List<Delivery> deliveries) {
    public StoredAlert {
        args = List.copyOf(args);
        deliveries = List.copyOf(deliveries);
    }

    /** A channel's delivery: attempts so far, when it arrived, the last failure, when the next try is due. */
    public record Delivery(String channel, int attempts, Optional<Instant> deliveredAt, Optional<String> lastError,
                           Instant nextAttemptAt) {
    }

    /** A new occurrence, before it is stored, with the channels it goes to. */
    public record New(long userId, String rule, String occurrence, Optional<Long> meterId, Optional<Long> accountId,
                      Optional<Long> householdId, List<String> args, Optional<LocalDate> day, List<String> channels) {
        public New {
            args = List.copyOf(args);
            channels = List.copyOf(channels);
        }
    }

    /** A delivery an instance has claimed to send now, with its alert. */
    public record Claimed(StoredAlert alert, String channel, int attempts) {
    }
}
