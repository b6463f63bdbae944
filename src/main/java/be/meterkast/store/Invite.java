package be.meterkast.store;

import java.time.Instant;
import java.util.Optional;

/** An invitation; only the SHA-256 of its token is stored (see {@link InviteTokens}). */
public record Invite(long id, long createdBy, Optional<Long> householdId, Role role, Instant expiresAt,
                     Optional<Instant> usedAt, Optional<Long> usedBy, Instant createdAt) {
}
