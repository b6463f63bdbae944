package be.meterkast.fluvius.sim;

import be.meterkast.domain.MonthlyPeak;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.YearMonth;

/** The highest quarter-hour offtake of a month as power (kW, 3 decimals) and the quarter-hour it fell in. */
public record MonthlyPeakValue(YearMonth month, BigDecimal kilowatts, Instant start, Instant end) {

}
