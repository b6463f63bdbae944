package be.meterkast.web;

import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/** A tiny server-side SVG line for the home page: no script needed, works everywhere. */
public final class Sparkline {
    static final int WIDTH = 96;
    static final int HEIGHT = 24;

    private Sparkline() {
    }

    /** The {@code points} of an SVG polyline in a 96×24 box; days without data are skipped. */
    public static String points(List<BigDecimal> values) {
        List<BigDecimal> present = values.stream().filter(Objects::nonNull).toList();
        if (present.size() < 2) {
            return "";
        }
        double min = present.stream().mapToDouble(BigDecimal::doubleValue).min().orElse(0);
        double max = present.stream().mapToDouble(BigDecimal::doubleValue).max().orElse(0);
        double span = max - min == 0 ? 1 : max - min;
        StringBuilder points = new StringBuilder();
        for (int i = 0; i < values.size(); i++) {
            if (values.get(i) == null) {
                continue;
            }
            double x = values.size() == 1 ? 0 : (double) i * (WIDTH - 2) / (values.size() - 1) + 1;
            double y = HEIGHT - 1 - (values.get(i).doubleValue() - min) * (HEIGHT - 2) / span;
            points.append(String.format(Locale.ROOT, "%.1f,%.1f ", x, y));
        }
        return points.toString().trim();
    }
}
