package be.meterkast.domain;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Objects;

/** The day-ahead market price for [start, end) — a quarter-hour or an hour — in €/MWh, before VAT; it may be negative. */
public record DayAheadPrice(Instant start, Instant end, BigDecimal eurPerMwh) {
    public DayAheadPrice {
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
        Objects.requireNonNull(eurPerMwh, "eurPerMwh");
        if (!end.isAfter(start)) {
            throw new IllegalArgumentException("end " + end + " is not after start " + start);
        }
    }
}
