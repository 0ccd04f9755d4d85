package dev.sessionshop.deployment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * deployment/shop-instance.sh, the one description of an instance that the Docker image runs as its entry
 * point and the launcher runs for each instance, run dry (SHOP_DRY_RUN) for every strategy of
 * deployment/strategies.sh on both sites. The expected flags follow the strategy's axes as bash itself
 * reads them from strategies.sh, so the script's own reading of that table (it runs under a plain sh) is
 * checked too, and a strategy added there is checked without a change here.
 */
class InstanceScriptTest {

    private static final Path SCRIPT = Path.of("shop-instance.sh").toAbsolutePath();
    private static final String MEMORY_SESSIONS = "web-container-availability.availability-enabled=false";
    private static final String LOOPBACK_LISTENER = "http-listener.address=127.0.0.1";

    @TempDir
    Path instanceDir;

    @Test
    void everyStrategyGetsTheFlagsOfItsHomeAndRoutingOnBothSites() throws Exception {
        for (Map.Entry<String, List<String>> strategy : axes().entrySet()) {
            String routing = strategy.getValue().get(0);
            String home = strategy.getValue().get(1);
            for (String site : List.of("container", "loopback")) {
                Instance shop2 = run(site, strategy.getKey(), "2");
                String what = strategy.getKey() + " on " + site + ":\n" + shop2;

                assertTrue(shop2.env.get("SESSION_STRATEGY").equals(strategy.getKey()), what);
                assertTrue(shop2.has("--name", "shop-2") && shop2.has("--disablephonehome"), what);
                if (home.equals("grid")) {
                    String members = site.equals("container") ? "shop-1:6900,shop-2:6900,shop-3:6900"
                            : "127.0.0.1:6900,127.0.0.1:6901,127.0.0.1:6902";
                    assertTrue(shop2.has("--clustername", "session-shop", "--clustermode", "tcpip:" + members), what);
                    assertFalse(shop2.has("--nohazelcast") || shop2.preboot.contains(MEMORY_SESSIONS),
                            "the grid keeps Payara's replicated sessions: " + what);
                } else {
                    assertTrue(shop2.has("--nohazelcast") && shop2.preboot.contains(MEMORY_SESSIONS), what);
                    assertFalse(shop2.has("--clustername"), what);
                }
                assertEquals(routing.equals("route-cookie"), shop2.has("-DjvmRoute=shop-2"), what);
                assertEquals(home.equals("redis"), shop2.env.containsKey("REDIS_SENTINELS"), what);
                assertEquals(home.equals("memcached"), shop2.env.containsKey("SHOP_MEMCACHED_NODES"), what);
            }
        }
    }

    /**
     * Where the two sides differ, each gets its own: loopback ports and addresses, and the data grid's
     * heartbeat only in containers, where a killed member sends no TCP reset.
     */
    @Test
    void containersAndLoopbackDifferOnlyWhereTheirNetworksDo() throws Exception {
        Instance container = run("container", "clustering", "3");
        Instance loopback = run("loopback", "clustering", "3");

        assertTrue(container.jvmArgs().contains("-Dhazelcast.max.no.heartbeat.seconds=8"), container.toString());
        assertTrue(container.has("--deploymentDir", "/opt/payara/deployments"), container.toString());
        assertEquals("shop-1=http://shop-1:8080,shop-2=http://shop-2:8080,shop-3=http://shop-3:8080",
                container.env.get("SHOP_INSTANCES"));

        assertFalse(loopback.toString().contains("heartbeat"), loopback.toString());
        assertTrue(loopback.has("--port", "8083") && loopback.has("--startport", "6902")
                && loopback.has("--interfaces", "127.0.0.1") && loopback.has("-Dhazelcast.socket.bind.any=false"),
                loopback.toString());
        assertTrue(loopback.preboot.contains(LOOPBACK_LISTENER), loopback.preboot);
        assertFalse(container.preboot.contains(LOOPBACK_LISTENER), container.preboot);
        assertEquals("shop-1=http://127.0.0.1:8081,shop-2=http://127.0.0.1:8082,shop-3=http://127.0.0.1:8083",
                loopback.env.get("SHOP_INSTANCES"));
    }

    /** The store reads its password from a file, and no Redis address from the caller's shell leaks in. */
    /** Both memcached nodes, in one order on every instance: the store picks a session's owner by position. */
    @Test
    void theMemcachedHomeNamesBothNodesOnEachSite() throws Exception {
        assertEquals("external-memcached-1:11211,external-memcached-2:11211",
                run("container", "external-memcached", "1").env.get("SHOP_MEMCACHED_NODES"));
        assertEquals("127.0.0.1:11211,127.0.0.1:11212",
                run("loopback", "external-memcached", "3").env.get("SHOP_MEMCACHED_NODES"));
    }

    @Test
    void theRedisHomeFindsItsStoreThroughTheSentinelsAndOtherHomesGetNoRedisSettings() throws Exception {
        Instance external = run("container", "external", "1");

        assertEquals("external-sentinel-1:26379,external-sentinel-2:26379,external-sentinel-3:26379",
                external.env.get("REDIS_SENTINELS"));
        assertEquals("shop", external.env.get("REDIS_MASTER"));
        assertEquals("/run/secrets/redis_password", external.env.get("REDIS_PASSWORD_FILE"));
        assertFalse(external.env.containsKey("REDIS_URI") || external.env.containsKey("REDIS_PASSWORD"), external.toString());

        Instance sticky = run("loopback", "sticky", "1");
        assertTrue(sticky.env.keySet().stream().noneMatch(name -> name.startsWith("REDIS_")), sticky.toString());
    }

    @Test
    void anUnknownStrategyOrInstanceIsRefused() throws Exception {
        assertEquals(2, exec("container", "memcached", "1").exitCode);
        assertEquals(2, exec("container", "sticky", "4").exitCode);
    }

    /** The image runs this script, with the files it reads beside it. */
    @Test
    void theImagesEntryPointIsThisScript() throws IOException {
        String dockerfile = Files.readString(Path.of("Dockerfile"));
        assertTrue(dockerfile.contains("ENTRYPOINT [\"/bin/sh\", \"/opt/payara/shop/shop-instance.sh\"]"), dockerfile);
        assertTrue(dockerfile.contains("COPY deployment/shop-instance.sh deployment/strategies.sh /opt/payara/shop/"), dockerfile);
        assertTrue(dockerfile.contains("COPY deployment/payara/memory-sessions.asadmin /opt/payara/shop/payara/"), dockerfile);
        String dockerignore = Files.readString(Path.of("..", ".dockerignore"));
        for (String file : List.of("shop-instance.sh", "strategies.sh", "payara/memory-sessions.asadmin")) {
            assertTrue(dockerignore.contains("\n!deployment/" + file + "\n"), file + " is in the build context");
        }
        assertTrue(Files.readString(Path.of("shop")).contains("sh \"$SCRIPT_DIR/shop-instance.sh\" \"$n\""),
                "deployment/shop starts its instances with the same script");
    }

    /** Each strategy's routing and home, as bash reads deployment/strategies.sh. */
    static Map<String, List<String>> axes() throws Exception {
        Process bash = new ProcessBuilder("bash", "-c",
                "source ./strategies.sh; for s in \"${STRATEGY_NAMES[@]}\"; do echo \"$s $(routing_of \"$s\") $(home_of \"$s\")\"; done")
                .redirectErrorStream(true).start();
        assertTrue(bash.waitFor(10, TimeUnit.SECONDS));
        Map<String, List<String>> axes = new LinkedHashMap<>();
        for (String line : new String(bash.getInputStream().readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
            String[] fields = line.split(" ");
            axes.put(fields[0], List.of(fields[1], fields[2]));
        }
        assertTrue(axes.size() >= 5, axes.toString());
        return axes;
    }

    private Instance run(String site, String strategy, String n) throws Exception {
        Exec exec = exec(site, strategy, n);
        assertEquals(0, exec.exitCode, exec.output);
        Map<String, String> env = new LinkedHashMap<>();
        List<String> command = new java.util.ArrayList<>();
        for (String line : exec.output.split("\n")) {
            if (command.isEmpty() && line.matches("[A-Z_]+=.*")) {
                env.put(line.substring(0, line.indexOf('=')), line.substring(line.indexOf('=') + 1));
            } else {
                command.add(line);
            }
        }
        Path preboot = instanceDir.resolve("preboot.asadmin");
        String prebootText = Files.exists(preboot) ? Files.readString(preboot) : "";
        Files.deleteIfExists(preboot);
        return new Instance(env, command, prebootText);
    }

    private Exec exec(String site, String strategy, String n) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder("sh", SCRIPT.toString(), n).directory(instanceDir.toFile())
                .redirectErrorStream(true);
        Map<String, String> env = builder.environment();
        env.keySet().removeIf(name -> name.startsWith("REDIS_") || name.startsWith("SHOP_") || name.equals("JVM_ARGS"));
        env.put("SHOP_DRY_RUN", "1");
        env.put("SHOP_SITE", site);
        env.put("SESSION_STRATEGY", strategy);
        env.put("SHOP_MICRO_JAR", "/opt/payara-micro.jar");
        // A Redis address in the caller's shell must not reach an instance.
        env.put("REDIS_URI", "redis://elsewhere:6379");
        Process process = builder.start();
        assertTrue(process.waitFor(10, TimeUnit.SECONDS), "shop-instance.sh hung");
        return new Exec(process.exitValue(), new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
    }

    private record Exec(int exitCode, String output) {
    }

    /** What the script would run: the app's environment, the command line, the preboot commands. */
    private record Instance(Map<String, String> env, List<String> command, String preboot) {

        boolean has(String... words) {
            return java.util.Collections.indexOfSubList(command, List.of(words)) >= 0
                    || jvmArgs().contains(String.join(" ", words));
        }

        String jvmArgs() {
            return env.getOrDefault("JVM_ARGS", "");
        }

        @Override
        public String toString() {
            return env + " " + command + " preboot: " + preboot;
        }
    }
}
