package be.meterkast.store;

import java.time.Instant;

public record Household(long id, String name, Instant createdAt) {
}
