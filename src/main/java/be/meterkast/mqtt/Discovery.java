package be.meterkast.mqtt;

import be.meterkast.domain.MeterKind;
import be.meterkast.domain.Unit;
import be.meterkast.store.Meter;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Home Assistant's MQTT discovery configs: one device per meter (its EAN, made by Fluvius, reached through the
 * Meterkast instance's device) with a sensor per figure, each reading its value from the meter's retained JSON
 * state ({@link MeterStates}). Pure: no I/O.
 */
final class Discovery {
    static final String COMPONENT = "sensor";

    /** How Home Assistant should treat a figure. */
    enum Kind {
        /** kWh of one day or month: a total that starts again with the next day or month. */
        ENERGY_PERIOD,
        /** The meter's own unit (gas in m³ or kWh) of one day or month. */
        METER_UNIT_PERIOD,
        /** kWh since the first stored day: Home Assistant's energy dashboard counts its increases. */
        ENERGY_LIFETIME,
        METER_UNIT_LIFETIME,
        POWER,
        EURO_PERIOD,
        DATE,
        STATUS
    }

    /** A sensor of a meter: its object id part, name, key in the state JSON, and what it holds. */
    enum Sensor {
        OFFTAKE_DAY("offtake_day", "Offtake day register", Kind.ENERGY_PERIOD, "day_start", null, MeterKind.ELECTRICITY),
        OFFTAKE_NIGHT("offtake_night", "Offtake night register", Kind.ENERGY_PERIOD, "day_start", null, MeterKind.ELECTRICITY),
        INJECTION_DAY("injection_day", "Injection day register", Kind.ENERGY_PERIOD, "day_start", null, MeterKind.ELECTRICITY),
        INJECTION_NIGHT("injection_night", "Injection night register", Kind.ENERGY_PERIOD, "day_start", null,
                MeterKind.ELECTRICITY),
        NET("net", "Net", Kind.ENERGY_PERIOD, "day_start", null, MeterKind.ELECTRICITY),
        GAS("gas", "Gas", Kind.METER_UNIT_PERIOD, "day_start", null, MeterKind.GAS),
        MONTH_OFFTAKE("month_offtake", "Offtake this month", Kind.ENERGY_PERIOD, "month_start", null, MeterKind.ELECTRICITY),
        MONTH_INJECTION("month_injection", "Injection this month", Kind.ENERGY_PERIOD, "month_start", null,
                MeterKind.ELECTRICITY),
        MONTH_NET("month_net", "Net this month", Kind.ENERGY_PERIOD, "month_start", null, MeterKind.ELECTRICITY),
        MONTH_GAS("month_gas", "Gas this month", Kind.METER_UNIT_PERIOD, "month_start", null, MeterKind.GAS),
        PEAK("peak", "Peak this month", Kind.POWER, null, "peak_attributes", MeterKind.ELECTRICITY),
        PEAK_AVERAGE("peak_average", "Peak 12-month average", Kind.POWER, null, null, MeterKind.ELECTRICITY),
        COST_MONTH("cost_month", "Cost this month", Kind.EURO_PERIOD, "month_start", "cost_attributes",
                MeterKind.ELECTRICITY, MeterKind.GAS),
        DAY("day", "Newest day with data", Kind.DATE, null, "day_attributes", MeterKind.ELECTRICITY, MeterKind.GAS),
        SYNC_STATUS("sync_status", "Sync status", Kind.STATUS, null, "sync_attributes", MeterKind.ELECTRICITY,
                MeterKind.GAS),
        OFFTAKE_TOTAL("offtake_total", "Offtake total", Kind.ENERGY_LIFETIME, null, null, MeterKind.ELECTRICITY),
        INJECTION_TOTAL("injection_total", "Injection total", Kind.ENERGY_LIFETIME, null, null, MeterKind.ELECTRICITY),
        GAS_TOTAL("gas_total", "Gas total", Kind.METER_UNIT_LIFETIME, null, null, MeterKind.GAS);

        final String key;
        final String title;
        final Kind kind;
        /** The state's key holding the start of the day or month a period total belongs to. */
        final String resetKey;
        /** The state's key holding this sensor's attributes. */
        final String attributesKey;
        final List<MeterKind> kinds;

        Sensor(String key, String title, Kind kind, String resetKey, String attributesKey, MeterKind... kinds) {
            this.key = key;
            this.title = title;
            this.kind = kind;
            this.resetKey = resetKey;
            this.attributesKey = attributesKey;
            this.kinds = List.of(kinds);
        }

        static List<Sensor> of(MeterKind kind) {
            return Arrays.stream(values()).filter(s -> s.kinds.contains(kind)).toList();
        }
    }

    /** The sync status sensor's states. */
    /** Home Assistant refuses an enum state outside its options: every status MeterStates publishes is one. */
    static final List<String> SYNC_STATES = MeterStates.SYNC_STATUSES;

    private final Topics topics;

    Discovery(Topics topics) {
        this.topics = topics;
    }

    /**
     * The meter's configs by topic; the cost sensor only {@code withCost} (its household has tariffs), else its
     * topic gets an empty config, which removes it from Home Assistant.
     */
    Map<String, String> meter(Meter meter, boolean withCost) {
        Map<String, String> configs = new LinkedHashMap<>();
        for (Sensor sensor : Sensor.of(meter.kind())) {
            String topic = topics.config(COMPONENT, topics.meterObject(meter.id(), sensor.key));
            boolean shown = sensor != Sensor.COST_MONTH || withCost;
            configs.put(topic, shown ? sensorConfig(meter, sensor).encode() : "");
        }
        return configs;
    }

    /** Every config topic a meter of either kind may have had: emptied when the meter is gone. */
    List<String> meterTopics(long meterId) {
        return Arrays.stream(Sensor.values()).map(s -> topics.config(COMPONENT, topics.meterObject(meterId, s.key))).toList();
    }

    /** The Meterkast instance's own device: when it last synced a meter, and how many meters it has. */
    Map<String, String> instance() {
        Map<String, String> configs = new LinkedHashMap<>();
        configs.put(topics.config(COMPONENT, topics.instanceObject("last_sync")),
                base("Last sync", topics.instanceObject("last_sync"), topics.instanceState(), "last_sync")
                        .put("device_class", "timestamp").put("device", instanceDevice()).encode());
        configs.put(topics.config(COMPONENT, topics.instanceObject("meters")),
                base("Meters", topics.instanceObject("meters"), topics.instanceState(), "meters")
                        .put("state_class", "measurement").put("icon", "mdi:counter").put("device", instanceDevice())
                        .encode());
        return configs;
    }

    JsonObject sensorConfig(Meter meter, Sensor sensor) {
        String stateTopic = topics.meterState(meter.id());
        JsonObject config = base(sensor.title, topics.meterObject(meter.id(), sensor.key), stateTopic, sensor.key)
                .put("device", meterDevice(meter));
        Unit unit = meter.unit();
        switch (sensor.kind) {
            case ENERGY_PERIOD -> energy(config, Unit.KWH, "total");
            case METER_UNIT_PERIOD -> energy(config, unit, "total");
            case ENERGY_LIFETIME -> energy(config, Unit.KWH, "total_increasing");
            case METER_UNIT_LIFETIME -> energy(config, unit, "total_increasing");
            case POWER -> config.put("device_class", "power").put("state_class", "measurement")
                    .put("unit_of_measurement", "kW").put("suggested_display_precision", 3);
            case EURO_PERIOD -> config.put("device_class", "monetary").put("state_class", "total")
                    .put("unit_of_measurement", "EUR").put("suggested_display_precision", 2);
            case DATE -> config.put("device_class", "date");
            case STATUS -> config.put("device_class", "enum").put("options", new JsonArray(SYNC_STATES))
                    .put("entity_category", "diagnostic");
        }
        if (sensor.resetKey != null) {
            config.put("last_reset_value_template", "{{ value_json." + sensor.resetKey + " }}");
        }
        if (sensor.attributesKey != null) {
            config.put("json_attributes_topic", stateTopic)
                    .put("json_attributes_template", "{{ value_json." + sensor.attributesKey + " | tojson }}");
        }
        return config;
    }

    private static void energy(JsonObject config, Unit unit, String stateClass) {
        boolean cubicMetres = unit == Unit.M3;
        config.put("device_class", cubicMetres ? "gas" : "energy").put("state_class", stateClass)
                .put("unit_of_measurement", unit.symbol()).put("suggested_display_precision", 3);
    }

    private JsonObject base(String name, String objectId, String stateTopic, String key) {
        return new JsonObject()
                .put("name", name)
                .put("unique_id", topics.node() + "_" + objectId)
                .put("state_topic", stateTopic)
                .put("value_template", "{{ value_json." + key + " }}")
                .put("availability_topic", topics.status())
                .put("payload_available", MqttConnection.ONLINE)
                .put("payload_not_available", MqttConnection.OFFLINE)
                .put("origin", new JsonObject().put("name", "Meterkast"));
    }

    private JsonObject meterDevice(Meter meter) {
        JsonObject device = new JsonObject()
                .put("identifiers", new JsonArray().add(meter.ean()))
                .put("name", meter.label())
                .put("manufacturer", "Fluvius")
                .put("model", meter.kind() == MeterKind.GAS ? "gas" : "electricity")
                .put("via_device", topics.node());
        Optional.ofNullable(meter.serial()).filter(s -> !s.isBlank()).ifPresent(s -> device.put("serial_number", s));
        return device;
    }

    private JsonObject instanceDevice() {
        return new JsonObject()
                .put("identifiers", new JsonArray().add(topics.node()))
                .put("name", "Meterkast")
                .put("manufacturer", "Meterkast")
                .put("model", "energy portal");
    }
}
