package be.meterkast.app.alerts;

import java.time.LocalDate;
import java.time.YearMonth;

/** The portal's paths alerts link to; {@code web} provides them, as it owns the URLs. */
public interface AlertLinks {
    String meter(long meterId);

    String meterDay(long meterId, LocalDate day);

    String meterCosts(long meterId, YearMonth month);

    String household(long householdId);

    String alerts();
}
