package dev.sessionshop.deployment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sessionshop.e2e.Strategy;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every list of session strategies names the same ones: the app's {@code SessionStrategy}, the launcher's
 * {@code deployment/strategies.sh} (which the compose check reads too), the compose profiles and the
 * end-to-end tests' {@link Strategy}, and each strategy has its own end-to-end class. A strategy added in one place and forgotten in another fails here, not at a
 * user's {@code deployment/shop up}.
 */
class StrategyListsTest {

    private static final Path APP_ENUM = Path.of("../app-web/src/main/java/dev/sessionshop/web/config/SessionStrategy.java");
    private static final Path E2E = Path.of("src/test/java/dev/sessionshop/e2e");

    private static List<String> e2eNames() {
        return Arrays.stream(Strategy.values()).map(Strategy::launcherName).toList();
    }

    @Test
    void theLauncherKnowsExactlyTheTestedStrategies() throws IOException {
        Matcher names = Pattern.compile("(?m)^STRATEGY_NAMES=\\(([^)]*)\\)").matcher(Files.readString(Path.of("strategies.sh")));
        names.find();
        assertEquals(e2eNames(), List.of(names.group(1).trim().split("\\s+")));
    }

    @Test
    void theAppKnowsExactlyTheTestedStrategies() throws IOException {
        // The enum's constants: NAME(Routing.X, Home.Y), in the order declared.
        Matcher constants = Pattern.compile("(?m)^    ([A-Z_]+)\\(Routing\\.").matcher(Files.readString(APP_ENUM));
        List<String> ids = new ArrayList<>();
        while (constants.find()) {
            ids.add(constants.group(1).toLowerCase(Locale.ROOT).replace('_', '-'));
        }
        assertEquals(e2eNames(), ids);
    }

    @Test
    void eachStrategyHasOneEndToEndClassOfItsOwnThatKeepsTheSharedContract() throws IOException {
        TreeMap<String, Integer> classes = new TreeMap<>();
        try (Stream<Path> files = Files.list(E2E)) {
            for (Path file : files.filter(f -> f.toString().endsWith("IT.java")).toList()) {
                Matcher topology = Pattern.compile("@ShopTopology\\(Strategy\\.([A-Z_]+)\\)").matcher(Files.readString(file));
                if (topology.find() && !file.getFileName().toString().startsWith("Redis")) {
                    classes.merge(Strategy.valueOf(topology.group(1)).launcherName(), 1, Integer::sum);
                    assertTrue(Files.readString(file).contains(" implements SessionContract"),
                            file + " keeps what every strategy promises (SessionContract)");
                }
            }
        }
        TreeMap<String, Integer> expected = new TreeMap<>();
        e2eNames().forEach(name -> expected.put(name, 1));
        assertEquals(expected, classes);
    }

    @Test
    void composeHasOneProfileForEveryStrategy() throws IOException {
        Matcher nginx = Pattern.compile("(?m)^  ([a-z-]+)-nginx:$").matcher(Files.readString(Path.of("../docker-compose.yml")));
        List<String> profiles = new ArrayList<>();
        while (nginx.find()) {
            profiles.add(nginx.group(1));
        }
        assertEquals(new java.util.TreeSet<>(e2eNames()), new java.util.TreeSet<>(profiles), "one <strategy>-nginx per profile");
    }
}
