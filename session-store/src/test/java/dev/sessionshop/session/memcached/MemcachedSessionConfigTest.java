package dev.sessionshop.session.memcached;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class MemcachedSessionConfigTest {

    @Test
    void nodesAreReadAsTheEnvironmentGivesThem() {
        MemcachedSessionConfig config = MemcachedSessionConfig.builder().nodes(" memcached-1:11211, memcached-2:11211 ").build();

        assertEquals(List.of(InetSocketAddress.createUnresolved("memcached-1", 11211),
                InetSocketAddress.createUnresolved("memcached-2", 11211)), config.nodes());
    }

    @Test
    void nodesAndTimeoutComeFromPropertiesWithTheLaunchersNodesAsDefault() {
        Map<String, String> properties = Map.of(MemcachedSessionConfig.NODES_PROPERTY, "10.0.0.1:1,10.0.0.2:2",
                MemcachedSessionConfig.TIMEOUT_PROPERTY, "750");
        MemcachedSessionConfig config = MemcachedSessionConfig.fromEnvironment(name -> Optional.ofNullable(properties.get(name))).build();

        assertEquals(List.of("10.0.0.1:1", "10.0.0.2:2"), config.nodes().stream().map(MemcachedSessionConfig::hostPort).toList());
        assertEquals(Duration.ofMillis(750), config.settings().commandTimeout());
        assertEquals(Duration.ofMillis(750), config.settings().connectTimeout());
        if (System.getenv(MemcachedSessionConfig.NODES_ENV) == null) {
            assertEquals(List.of("127.0.0.1:11211", "127.0.0.1:11212"), MemcachedSessionConfig.fromEnvironment(name -> Optional.empty())
                    .build().nodes().stream().map(MemcachedSessionConfig::hostPort).toList());
        }
    }

    @Test
    void oneOrTwoNodesWithPortsAreAccepted() {
        assertEquals(1, MemcachedSessionConfig.builder().nodes("127.0.0.1:11211").build().nodes().size());
        assertThrows(IllegalArgumentException.class, () -> MemcachedSessionConfig.builder().nodes("").build());
        assertThrows(IllegalArgumentException.class, () -> MemcachedSessionConfig.builder().nodes("a:1,b:2,c:3").build());
        assertThrows(IllegalArgumentException.class, () -> MemcachedSessionConfig.builder().nodes("memcached-1").build());
    }
}
