package be.meterkast.fluvius.sim;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Applies {@link SimulatorOptions#spoilDay} and {@link SimulatorOptions#omitEnd} to a history response.
 * Registers are found by this package's own wire numbers ({@link WireRecords}).
 */
final class DayFaults {
    private static final int LEFT_OUT_INTERVALS = 4;
    private static final Duration ONE_DAY_OR_MORE = Duration.ofHours(23);

    private DayFaults() {
    }

    /** Spoils {@code records} in place; returns how many value entries a client cannot use. */
    static int apply(JsonArray records, boolean gas, SimulatorOptions options) {
        Map<LocalDate, DayFault> faults = options.dayFaults();
        int unusable = 0;
        if (!faults.isEmpty()) {
            List<Integer> dropped = new ArrayList<>();
            Map<LocalDate, List<Integer>> intervalsByDay = new TreeMap<>();
            for (int i = 0; i < records.size(); i++) {
                JsonObject record = records.getJsonObject(i);
                Instant start = Instant.parse(record.getString("d"));
                LocalDate day = gas ? GasGenerator.gasDayOf(start) : LocalDate.ofInstant(start, MeterDataGenerator.ZONE);
                DayFault fault = faults.get(day);
                if (fault == null) {
                    continue;
                }
                boolean daily = !Duration.between(start, Instant.parse(record.getString("de"))).minus(ONE_DAY_OR_MORE)
                        .isNegative();
                JsonArray values = record.getJsonArray("v");
                switch (fault) {
                    case MISSING_REGISTER -> {
                        if (daily) {
                            removeRegister(values, gas);
                        }
                    }
                    case NULL_VALUE -> {
                        if (daily || !intervalsByDay.containsKey(day)) {
                            values.getJsonObject(0).putNull("v");
                            unusable++;
                        }
                    }
                    case UNPARSABLE_VALUE -> {
                        if (daily || !intervalsByDay.containsKey(day)) {
                            JsonObject value = values.getJsonObject(0);
                            value.put("v", ((BigDecimal) value.getValue("v")).toPlainString().replace('.', ','));
                            unusable++;
                        }
                    }
                    case MISSING_INTERVALS -> {
                    }
                }
                if (!daily) {
                    intervalsByDay.computeIfAbsent(day, d -> new ArrayList<>()).add(i);
                }
            }
            intervalsByDay.forEach((day, indexes) -> {
                if (faults.get(day) == DayFault.MISSING_INTERVALS) {
                    dropped.addAll(indexes.subList(Math.max(0, indexes.size() - LEFT_OUT_INTERVALS), indexes.size()));
                }
            });
            dropped.sort(Comparator.reverseOrder());
            dropped.forEach(i -> records.remove((int) i));
        }
        if (options.omitEnd()) {
            records.forEach(record -> ((JsonObject) record).remove("de"));
        }
        return unusable;
    }

    private static void removeRegister(JsonArray values, boolean gas) {
        int victim = -1;
        for (int j = 0; j < values.size(); j++) {
            JsonObject value = values.getJsonObject(j);
            if (gas ? value.getInteger("u") == WireRecords.UNIT_M3
                    : value.getInteger("dc") == WireRecords.REGISTER_NIGHT
                    && (value.getInteger("t") == WireRecords.DIRECTION_INJECTION || victim < 0)) {
                victim = j;
            }
        }
        if (victim >= 0) {
            values.remove(victim);
        }
    }
}
