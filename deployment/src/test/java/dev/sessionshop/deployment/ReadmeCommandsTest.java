package dev.sessionshop.deployment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The README is the front door: short, and every command it shows is one that CI or the compose check runs,
 * so a newcomer's first command cannot be one nobody tried. A command the README shows that no test or check
 * covers fails here, and so does a command whose check was taken away.
 */
class ReadmeCommandsTest {

    private static final int MAX_LINES = 90;
    /** A line of an indented code block: four spaces, then the command. */
    private static final Pattern INDENTED_CODE = Pattern.compile("(?m)^    (\\S.*)$");
    /** An inline code span that starts like a command. */
    private static final Pattern INLINE_COMMAND = Pattern.compile(
            "`((?:docker compose |docker-compose |\\./mvnw|deployment/shop |deployment/compose-check|apt-get |benchmark/run)[^`]*)`");
    private static final Pattern COMPOSE = Pattern.compile(
            "docker(?: |-)compose(?: --profile (\\w+))? (.+)");
    private static final Pattern LAUNCHER = Pattern.compile("deployment/shop (\\w+)(?: .*)?");
    private static final Pattern APT_INSTALL = Pattern.compile("apt-get install -y ((?:[\\w-]+ ?)+)");
    private static final Pattern CI_PACKAGE = Pattern.compile("missing\\+=\\(([\\w-]+)\\)");

    @Test
    void theReadmeIsAFrontDoorOfAtMostNinetyLines() throws IOException {
        long lines = DocsGuardTest.read("README.md").lines().count();
        assertTrue(lines <= MAX_LINES, "README.md has " + lines + " lines; the details belong in docs/");
    }

    @Test
    void everyCommandInTheReadmeIsRunByCiOrTheComposeCheck() throws IOException, InterruptedException {
        List<String> unexercised = new ArrayList<>();
        for (String command : commands(DocsGuardTest.read("README.md"))) {
            String why = unexercisedReason(command);
            if (why != null) {
                unexercised.add(command + "  <- " + why);
            }
        }
        assertEquals(List.of(), unexercised, "README commands that nothing runs");
    }

    @Test
    void theGuardRejectsACommandNothingRuns() throws IOException, InterruptedException {
        assertTrue(unexercisedReason("docker compose --profile memcached up --build") != null);
        assertTrue(unexercisedReason("docker compose kill sticky-shop-2") != null, "not in the default profile");
        assertTrue(unexercisedReason("./mvnw install") != null);
        assertTrue(unexercisedReason("apt-get install -y nginx") != null, "fewer packages than CI installs");
        assertTrue(unexercisedReason("make run") != null);
        assertEquals(null, unexercisedReason("docker compose --profile external kill external-shop-1"));
    }

    /** The commands of indented code blocks (without their comments) and inline code that starts like one. */
    static Set<String> commands(String markdown) {
        Set<String> commands = new LinkedHashSet<>();
        Matcher line = INDENTED_CODE.matcher(markdown);
        while (line.find()) {
            String command = line.group(1).replaceFirst("\\s+#.*$", "").strip();
            if (!command.isEmpty()) {
                commands.add(command);
            }
        }
        Matcher inline = INLINE_COMMAND.matcher(markdown);
        while (inline.find()) {
            commands.add(inline.group(1).strip());
        }
        return commands;
    }

    /** Null when CI or the compose check runs this command; otherwise why not. */
    private static String unexercisedReason(String command) throws IOException, InterruptedException {
        String ci = DocsGuardTest.read(".ci/run");
        String check = DocsGuardTest.read("deployment/compose-check.sh");
        Matcher compose = COMPOSE.matcher(command);
        if (compose.matches()) {
            return composeReason(compose.group(1), compose.group(2), check);
        }
        Matcher launcher = LAUNCHER.matcher(command);
        if (launcher.matches()) {
            // The end-to-end tests drive the launcher with the same command words (Topology, TopologyExtension).
            String e2e = DocsGuardTest.read("deployment/src/test/java/dev/sessionshop/e2e/Topology.java")
                    + DocsGuardTest.read("deployment/src/test/java/dev/sessionshop/e2e/TopologyExtension.java");
            return e2e.contains("\"" + launcher.group(1) + "\"") ? null : "no end-to-end test runs 'deployment/shop " + launcher.group(1) + "'";
        }
        Matcher apt = APT_INSTALL.matcher(command);
        if (apt.matches()) {
            Set<String> shown = new TreeSet<>(List.of(apt.group(1).strip().split(" +")));
            Set<String> installed = new TreeSet<>();
            Matcher ciPackage = CI_PACKAGE.matcher(ci);
            while (ciPackage.find()) {
                installed.add(ciPackage.group(1));
            }
            return shown.equals(installed) ? null : ".ci/run installs " + installed + ", not " + shown;
        }
        return switch (command) {
            // test is a phase of verify: CI runs it as part of the suite.
            case "./mvnw verify", "./mvnw test" -> ci.contains("\n./mvnw -B verify\n") ? null : ".ci/run does not run ./mvnw -B verify";
            case "deployment/compose-check.sh" -> ci.contains("\ndeployment/compose-check.sh\n") ? null : ".ci/run does not run it";
            default -> "no rule knows a test or check that runs it";
        };
    }

    private static String composeReason(String profile, String rest, String check) throws IOException {
        String strategy = profile != null ? profile : defaultProfile();
        // The strategies the check runs when given none: every one the launcher knows
        // ("set -- "${STRATEGY_NAMES[@]}"", from deployment/strategies.sh), or a list of its own.
        Matcher defaults = Pattern.compile("(?m)^    set -- ([\\w -]+)$").matcher(check);
        List<String> runs;
        if (check.contains("set -- \"${STRATEGY_NAMES[@]}\"")) {
            Matcher names = Pattern.compile("(?m)^STRATEGY_NAMES=\\(([^)]*)\\)").matcher(DocsGuardTest.read("deployment/strategies.sh"));
            runs = names.find() ? List.of(names.group(1).strip().split("\\s+")) : List.of();
        } else {
            runs = defaults.find() ? List.of(defaults.group(1).strip().split(" +")) : List.of();
        }
        if (!runs.contains(strategy)) {
            return "the compose check does not run the profile " + strategy;
        }
        if (rest.equals("up")) {
            return profile == null && check.contains("compose() { \"${COMPOSE_CMD[@]}\" \"$@\"; }") && check.contains("up_args=(up -d)")
                    ? null : "the compose check runs no plain 'up' of the default profile";
        }
        if (rest.equals("up --build")) {
            return check.contains("up_args=(up -d --build)") ? null : "the compose check runs no 'up --build'";
        }
        if (rest.equals("down -v")) {
            return check.contains("compose down -v") ? null : "the compose check runs no 'down -v'";
        }
        Matcher kill = Pattern.compile("kill ([\\w-]+)").matcher(rest);
        if (kill.matches()) {
            boolean ofProfile = kill.group(1).matches(strategy + "-shop-[123]|" + (strategy.equals("external") ? "external-redis" : "-"));
            boolean checked = check.contains("compose kill \"$s-$owner\"") && check.contains("compose kill external-redis");
            return ofProfile && checked ? null : kill.group(1) + " is no instance of " + strategy + " that the compose check kills";
        }
        return "the compose check does not run '" + rest + "'";
    }

    static String defaultProfile() throws IOException {
        Matcher profiles = Pattern.compile("(?m)^COMPOSE_PROFILES=(\\w+)$").matcher(DocsGuardTest.read(".env"));
        assertTrue(profiles.find(), ".env names the default profile");
        return profiles.group(1);
    }
}
