package be.meterkast.web.alerts;

import be.meterkast.app.alerts.AlertLinks;
import be.meterkast.web.Paths;

import java.time.LocalDate;
import java.time.YearMonth;

/** The pages alerts link to, from {@link Paths}. */
public final class AlertPaths implements AlertLinks {
    public static final AlertPaths INSTANCE = new AlertPaths();

    private AlertPaths() {
    }

    @Override
    public String meter(long meterId) {
        return Paths.meter(meterId);
    }

    @Override
    public String meterDay(long meterId, LocalDate day) {
        return Paths.meterDay(meterId, day);
    }

    @Override
    public String meterCosts(long meterId, YearMonth month) {
        return Paths.meterCosts(meterId, "month=" + month);
    }

    @Override
    public String household(long householdId) {
        return Paths.household(householdId);
    }

    @Override
    public String alerts() {
        return Paths.ALERTS;
    }
}
