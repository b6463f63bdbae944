package be.meterkast.store;

import java.math.BigDecimal;
import java.util.Optional;

/**
 * What one user wants to be told, and where. Each rule is off when its threshold is empty (or its switch
 * false); each channel is off when its address is empty (or its switch false). Checked by
 * {@code app.alerts.AlertInput} before it gets here.
 */
public record AlertSettings(Optional<String> email, Optional<String> webhookUrl, String webhookFormat, boolean mqtt,
                            Optional<BigDecimal> peakKw, boolean peakAboveAverage, Optional<Integer> baseLoadPercent,
                            Optional<Integer> noDataDays, boolean accountAttention,
                            Optional<BigDecimal> unusualDayFactor) {
    public static final String JSON = "json";
    public static final String NTFY = "ntfy";

    /** A user who never saved the form: nothing on, nothing sent. */
    public static final AlertSettings NONE = new AlertSettings(Optional.empty(), Optional.empty(), JSON, false,
            Optional.empty(), false, Optional.empty(), Optional.empty(), false, Optional.empty());

    public boolean anyRule() {
        return peakKw.isPresent() || peakAboveAverage || baseLoadPercent.isPresent() || noDataDays.isPresent()
                || accountAttention || unusualDayFactor.isPresent();
    }
}
