package be.meterkast.domain;

/** Whether energy came from the grid or went into it. */
public enum Direction {
    OFFTAKE,
    INJECTION
}
