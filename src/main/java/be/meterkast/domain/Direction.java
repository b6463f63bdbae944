package be.meterkast.domain;

import java.util.Optional;

/** Whether energy came from the grid or went into it (wire field {@code t}). */
public enum Direction {
    OFFTAKE(1),
    INJECTION(2);

    private final int code;

    Direction(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    public static Optional<Direction> fromCode(int code) {
        for (Direction direction : values()) {
            if (direction.code == code) {
                return Optional.of(direction);
            }
        }
        return Optional.empty();
    }
}
