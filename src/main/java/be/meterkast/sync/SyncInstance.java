package be.meterkast.sync;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.HexFormat;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;

/**
 * This process among the instances that share one database: its claims and sign-in leases carry this id, and
 * its log lines name it. The host name says which machine (or container) it is; the random part tells apart
 * two processes on one host and a process restarted after a crash (whose old claims must lapse, not be
 * taken back as its own).
 */
public record SyncInstance(String id) {
    public SyncInstance {
        Objects.requireNonNull(id, "id");
        if (id.isBlank()) {
            throw new IllegalArgumentException("an instance id must not be blank");
        }
    }

    /** Host name and eight random hex digits. May look the host name up: call it off an event loop. */
    public static SyncInstance generate() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            host = "meterkast";
        }
        byte[] random = new byte[4];
        ThreadLocalRandom.current().nextBytes(random);
        return new SyncInstance(host + "-" + HexFormat.of().formatHex(random));
    }

    @Override
    public String toString() {
        return id;
    }
}
