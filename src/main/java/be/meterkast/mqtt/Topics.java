package be.meterkast.mqtt;

import java.util.Optional;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Every topic Meterkast publishes to: its own under {@code prefix} (availability, one retained JSON state per
 * meter and one for the instance) and Home Assistant's discovery configs under {@code discoveryPrefix}, as
 * {@code <discovery>/sensor/<node>/<object>/config}, where the node is the prefix (a Meterkast instance) and
 * the object {@code meter_<id>_<sensor>} or {@code instance_<sensor>}.
 */
record Topics(String prefix, String discoveryPrefix) {
    private static final Pattern METER_OBJECT = Pattern.compile("meter_(\\d+)_[a-z_]+");

    static Topics of(MqttSettings settings) {
        return new Topics(settings.prefix(), settings.discoveryPrefix());
    }

    /** The prefix as one topic level and id part: {@code meterkast}, or {@code home_meterkast} for {@code home/meterkast}. */
    String node() {
        return prefix.replace('/', '_');
    }

    String status() {
        return prefix + "/status";
    }

    String instanceState() {
        return prefix + "/state";
    }

    String meterState(long meterId) {
        return prefix + "/meter/" + meterId + "/state";
    }

    /** Every meter's state: on subscribing, the broker hands over the retained ones. */
    String meterStates() {
        return prefix + "/meter/+/state";
    }

    String meterObject(long meterId, String sensor) {
        return "meter_" + meterId + "_" + sensor;
    }

    String instanceObject(String sensor) {
        return "instance_" + sensor;
    }

    String config(String component, String objectId) {
        return discoveryPrefix + "/" + component + "/" + node() + "/" + objectId + "/config";
    }

    /** Every discovery config of this instance, whatever the component. */
    String configs() {
        return discoveryPrefix + "/+/" + node() + "/+/config";
    }

    /** The meter a discovery config or a state topic of ours is for; empty for other topics. */
    OptionalLong meterOf(String topic) {
        String configs = discoveryPrefix + "/";
        if (topic.startsWith(configs) && topic.endsWith("/config")) {
            String[] levels = topic.substring(configs.length()).split("/");
            if (levels.length == 4 && levels[1].equals(node())) {
                Matcher m = METER_OBJECT.matcher(levels[2]);
                return m.matches() ? parse(m.group(1)) : OptionalLong.empty();
            }
            return OptionalLong.empty();
        }
        String states = prefix + "/meter/";
        if (topic.startsWith(states) && topic.endsWith("/state")) {
            return parse(topic.substring(states.length(), topic.length() - "/state".length()));
        }
        return OptionalLong.empty();
    }

    private static OptionalLong parse(String digits) {
        return Optional.of(digits).filter(d -> d.matches("\\d{1,18}")).map(d -> OptionalLong.of(Long.parseLong(d)))
                .orElse(OptionalLong.empty());
    }
}
