package be.meterkast.web;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.math.BigDecimal;
import java.util.List;

/**
 * The JSON that {@code webroot/charts.js} draws, embedded in the page as {@code application/json} (not
 * executed, so the Content-Security-Policy can forbid inline scripts).
 */
public final class ChartData {
    private final JsonObject json;

    private ChartData(String type, String unit) {
        json = new JsonObject().put("type", type).put("unit", unit).put("x", new JsonArray()).put("series", new JsonArray());
    }

    public static ChartData bars(String unit) {
        return new ChartData("bars", unit);
    }

    public static ChartData lines(String unit) {
        return new ChartData("lines", unit);
    }

    /**
     * Bars stacked per group ({@link #series(String, String, String, List)}): each series holds its own values,
     * charts.js sums them for drawing, so the tooltip and the figures table show every register as it is.
     */
    public ChartData stacked() {
        json.put("stacked", true);
        return this;
    }

    /** One point per local day: the time axis ticks by days, weeks and months, never by hours. */
    public ChartData daily() {
        json.put("daily", true);
        return this;
    }

    public ChartData x(List<Long> epochSeconds) {
        json.put("x", new JsonArray(List.copyOf(epochSeconds)));
        return this;
    }

    /** A series; a null value is a gap (a day without data), not a zero. */
    public ChartData series(String label, String color, List<? extends Number> values) {
        return series(label, color, null, values);
    }

    /** A series of a stack: the series of one stack are drawn on top of each other, the first one outermost. */
    public ChartData series(String label, String color, String stack, List<? extends Number> values) {
        return series(label, color, stack, false, values);
    }

    /**
     * A series of a stack drawn below the axis (energy given to the grid): its values stay as they are, so the
     * tooltip and the table show them as the page's tables do.
     */
    public ChartData seriesBelow(String label, String color, String stack, List<? extends Number> values) {
        return series(label, color, stack, true, values);
    }

    private ChartData series(String label, String color, String stack, boolean below, List<? extends Number> values) {
        JsonArray data = new JsonArray();
        values.forEach(v -> data.add(v instanceof BigDecimal b ? b.doubleValue() : v));
        JsonObject series = new JsonObject().put("label", label).put("color", color).put("values", data);
        if (stack != null) {
            series.put("stack", stack);
        }
        if (below) {
            series.put("below", true);
        }
        json.getJsonArray("series").add(series);
        return this;
    }

    /** Safe inside a script element: nothing in it can close the element or start markup. */
    public String encode() {
        return json.encode().replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026");
    }
}
