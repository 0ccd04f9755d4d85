package dev.sessionshop.benchmark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The benchmark's strategies are the launcher's: a strategy added to deployment/strategies.sh and not here
 * (or with another routing or home) fails here, not in the middle of a benchmark run.
 */
class BenchStrategyTest {

    /** Surefire runs in the module's directory. */
    private static final Path LAUNCHER_TABLE = Path.of("../deployment/strategies.sh");

    @Test
    void everyStrategyOfTheLauncherIsOneTheBenchmarkKnowsWithTheSameRoutingAndHome() throws IOException {
        String table = Files.readString(LAUNCHER_TABLE);
        Matcher names = Pattern.compile("(?m)^STRATEGY_NAMES=\\(([^)]*)\\)").matcher(table);
        assertTrue(names.find(), LAUNCHER_TABLE + " has no STRATEGY_NAMES");
        List<String> launcher = List.of(names.group(1).trim().split("\\s+"));

        assertEquals(launcher, Arrays.stream(BenchStrategy.values()).map(BenchStrategy::id).toList());
        Map<String, String> routing = assignments(table, "STRATEGY_ROUTING");
        Map<String, String> home = assignments(table, "STRATEGY_HOME");
        for (BenchStrategy strategy : BenchStrategy.values()) {
            assertEquals(routing.get(strategy.id()), axis(strategy.routing()), strategy.id() + "'s routing");
            assertEquals(home.get(strategy.id()), axis(strategy.home()), strategy.id() + "'s home");
        }
    }

    @Test
    void theNamesUsersTypeAreTheLaunchers() {
        assertEquals(BenchStrategy.CLUSTERING_STICKY, BenchStrategy.parse("clustering-sticky"));
        assertEquals(BenchStrategy.STICKY_COOKIE, BenchStrategy.parse("sticky-cookie"));
        assertEquals("sticky, sticky-cookie, clustering, clustering-sticky, external, external-memcached", BenchStrategy.names());
    }

    @Test
    void routeCookieAndIpHashPinTheClientRoundRobinDoesNot() {
        assertTrue(BenchStrategy.STICKY.pinsClient());
        assertTrue(BenchStrategy.STICKY_COOKIE.pinsClient());
        assertTrue(BenchStrategy.CLUSTERING_STICKY.pinsClient());
        assertFalse(BenchStrategy.CLUSTERING.pinsClient());
        assertFalse(BenchStrategy.EXTERNAL.pinsClient());
    }

    @Test
    void eachStrategyHasAChartColourOfItsOwn() {
        assertEquals(BenchStrategy.values().length, Arrays.stream(BenchStrategy.values()).mapToInt(BenchStrategy::colour).distinct().count());
    }

    @Test
    void theDefaultRunStartsWithStickyAndMeasuresClusteringStickyBesideClustering() {
        List<BenchStrategy> defaults = BenchmarkSettings.quick().strategies();

        assertEquals(BenchStrategy.BASELINE, defaults.get(0), "the ratios need sticky");
        assertTrue(defaults.containsAll(List.of(BenchStrategy.CLUSTERING, BenchStrategy.CLUSTERING_STICKY, BenchStrategy.EXTERNAL)), defaults.toString());
        assertEquals(defaults, BenchmarkSettings.full().strategies());
    }

    /** {@code IP_HASH} as strategies.sh writes it: {@code ip-hash}. */
    private static String axis(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** The {@code [name]=value} pairs of a bash associative array {@code declare -A NAME=( … )}. */
    private static Map<String, String> assignments(String table, String array) {
        Matcher block = Pattern.compile("declare -A " + array + "=\\(([^)]*)\\)").matcher(table);
        assertTrue(block.find(), LAUNCHER_TABLE + " has no " + array);
        Map<String, String> values = new LinkedHashMap<>();
        Matcher pair = Pattern.compile("\\[([a-z-]+)]=([a-z-]+)").matcher(block.group(1));
        while (pair.find()) {
            values.put(pair.group(1), pair.group(2));
        }
        return values;
    }
}
