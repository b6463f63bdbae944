package be.meterkast;

import io.netty.util.Version;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The versions that actually resolved, not the ones the pom asks for: a BOM imported in the wrong order, or a
 * dependency that brings its own Netty, would put an older HTTP codec on the classpath without a word.
 */
class DependencyVersionsTest {
    /** The first Netty with all of 2026's netty-codec-http fixes (request smuggling among them). */
    private static final int[] MINIMUM_NETTY = {4, 2, 18};

    @Test
    @DisplayName("every Netty module on the classpath is 4.2.18.Final or newer, netty-codec-http among them")
    void nettyIsCurrent() {
        Map<String, Version> modules = Version.identify();
        Map<String, String> versions = new TreeMap<>();
        modules.forEach((artifact, version) -> versions.put(artifact, version.artifactVersion()));
        System.out.println("Resolved Netty: " + versions);

        assertThat(versions).containsKey("netty-codec-http");
        assertThat(versions).allSatisfy((artifact, version) -> assertThat(atLeast(version, MINIMUM_NETTY))
                .as("%s %s is older than 4.2.18.Final", artifact, version).isTrue());
    }

    /** Compares the leading numbers of a version like {@code 4.2.18.Final}. */
    static boolean atLeast(String version, int[] minimum) {
        String[] parts = version.split("[.-]");
        for (int i = 0; i < minimum.length; i++) {
            int part = i < parts.length && parts[i].matches("\\d+") ? Integer.parseInt(parts[i]) : 0;
            if (part != minimum[i]) {
                return part > minimum[i];
            }
        }
        return true;
    }

    @Test
    @DisplayName("the version comparison reads 4.2.9 as older than 4.2.18, and 4.3.0 and 5.0.0 as newer")
    void versionComparison() {
        assertThat(atLeast("4.2.9.Final", MINIMUM_NETTY)).isFalse();
        assertThat(atLeast("4.1.137.Final", MINIMUM_NETTY)).isFalse();
        assertThat(atLeast("4.2.18.Final", MINIMUM_NETTY)).isTrue();
        assertThat(atLeast("4.2.19.Final", MINIMUM_NETTY)).isTrue();
        assertThat(atLeast("4.3.0.Final", MINIMUM_NETTY)).isTrue();
        assertThat(atLeast("5.0.0.Alpha1", MINIMUM_NETTY)).isTrue();
    }
}
