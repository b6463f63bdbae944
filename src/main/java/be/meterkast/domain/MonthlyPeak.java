package be.meterkast.domain;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.YearMonth;

/**
 * The highest quarter-hour offtake of a month, as power (kW = the quarter-hour's kWh × 4),
 * which sets the capacity tariff.
 */
public record MonthlyPeak(YearMonth month, BigDecimal kilowatts, Instant start, Instant end) {
}
