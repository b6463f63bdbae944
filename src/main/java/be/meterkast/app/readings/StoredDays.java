package be.meterkast.app.readings;

import be.meterkast.domain.Defect;
import be.meterkast.domain.IncompleteDay;
import be.meterkast.domain.Reading;
import be.meterkast.domain.Resolution;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** A meter's stored readings of some days, with the days among them Fluvius did not send whole. */
public record StoredDays(List<Reading> readings, List<IncompleteDay> incomplete) {
    public StoredDays {
        readings = List.copyOf(readings);
        incomplete = List.copyOf(incomplete);
    }

    /** The defect of each day whose values at {@code resolution} are incomplete. */
    public Map<LocalDate, Defect> incomplete(Resolution resolution) {
        Map<LocalDate, Defect> byDay = new TreeMap<>();
        incomplete.stream().filter(d -> d.resolution() == resolution).forEach(d -> byDay.put(d.day(), d.defect()));
        return byDay;
    }

    public Optional<Defect> incomplete(LocalDate day, Resolution resolution) {
        return Optional.ofNullable(incomplete(resolution).get(day));
    }

    public boolean dayIncomplete(LocalDate day) {
        return incomplete.stream().anyMatch(d -> d.day().equals(day) && d.resolution() == Resolution.DAY);
    }
}
