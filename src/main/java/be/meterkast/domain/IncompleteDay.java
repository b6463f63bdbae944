package be.meterkast.domain;

import java.time.LocalDate;
import java.util.Objects;

/**
 * A local (gas) day of a meter whose values at {@code resolution} are not all there: what is valid is
 * stored, the day is shown as incomplete and read again until Fluvius serves it whole.
 */
public record IncompleteDay(LocalDate day, Resolution resolution, Defect defect) {
    public IncompleteDay {
        Objects.requireNonNull(day, "day");
        Objects.requireNonNull(resolution, "resolution");
        Objects.requireNonNull(defect, "defect");
    }
}
