package be.meterkast.fluvius.sim;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;

/**
 * Spoils a deterministic fraction of a history response, the way real responses now and then hold entries a
 * client must skip: {@code "v": null}, an unknown register ({@code dc} 7), direction ({@code t} 9) or unit
 * ({@code u} 11), and occasionally a record without {@code de} — which a client can still use, since the
 * granularity it asked for says where the period ends, so those values are not counted as unusable. Which
 * entries is decided by the record start, the EAN and the seed, so the same request gives the same response.
 */
final class Malformer {
    static final int UNKNOWN_TARIFF = 7;
    static final int UNKNOWN_DIRECTION = 9;
    static final int UNKNOWN_UNIT = 11;
    private static final long SALT_RECORD = 101;
    private static final long SALT_VALUE = 102;
    private static final long SALT_KIND = 103;

    private Malformer() {
    }

    /** Returns how many value entries were made unusable. */
    static int apply(JsonArray records, String ean, long seed, double rate) {
        if (rate <= 0) {
            return 0;
        }
        long key = Long.parseLong(ean) ^ seed;
        int unusable = 0;
        for (int i = 0; i < records.size(); i++) {
            JsonObject record = records.getJsonObject(i);
            long start = Instant.parse(record.getString("d")).getEpochSecond();
            JsonArray values = record.getJsonArray("v");
            if (MeterDataGenerator.unit(key, start, SALT_RECORD) < rate / 10) {
                record.remove("de");
                continue;
            }
            for (int j = 0; j < values.size(); j++) {
                long entry = start * 8 + j;
                if (MeterDataGenerator.unit(key, entry, SALT_VALUE) < rate) {
                    spoil(values.getJsonObject(j), (int) (MeterDataGenerator.unit(key, entry, SALT_KIND) * 4));
                    unusable++;
                }
            }
        }
        return unusable;
    }

    private static void spoil(JsonObject value, int kind) {
        switch (kind) {
            case 0 -> value.putNull("v");
            case 1 -> value.put("dc", UNKNOWN_TARIFF);
            case 2 -> value.put("t", UNKNOWN_DIRECTION);
            default -> value.put("u", UNKNOWN_UNIT);
        }
    }
}
