package dev.sessionshop.deployment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Keeps the READMEs true: every file they link or name exists, and every launcher command they show is
 * one the launcher has. A renamed file or command fails the build instead of misleading a reader.
 */
class DocsGuardTest {

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final Pattern LINK = Pattern.compile("\\]\\(([^)#\\s]+)[^)]*\\)");
    private static final Pattern REPO_PATH = Pattern.compile(
            "(?<![\\w/.-])((?:app-ejb|app-web|session-store|deployment|nginx|\\.ci)(?:/[\\w.@-]+)*/?)");
    private static final Pattern COMPOSE_SERVICE_COMMAND = Pattern.compile(
            "docker(?: |-)compose --profile \\w+ (?:kill|start|stop|restart|logs -f|logs) ([a-z][\\w-]*)");
    private static final Pattern LAUNCHER_COMMAND = Pattern.compile("deployment/shop ([a-z]+)");

    @ParameterizedTest
    @ValueSource(strings = {"README.md", "deployment/README.md", "deployment/DOCKER.md", "session-store/README.md"})
    void everyLinkedOrNamedFileExists(String document) throws IOException {
        String text = read(document);
        Set<String> missing = new TreeSet<>();
        Matcher link = LINK.matcher(text);
        while (link.find()) {
            String target = link.group(1);
            if (!target.contains("://") && !target.startsWith("mailto:")
                    && !Files.exists(ROOT.resolve(document).getParent().resolve(target))) {
                missing.add(target);
            }
        }
        Matcher path = REPO_PATH.matcher(text);
        while (path.find()) {
            String named = path.group(1).replaceAll("[.]$", "");
            // Build outputs (target/) are named as places where things appear, not as files in the repository.
            if (!named.contains("<") && !named.contains("/target") && !Files.exists(ROOT.resolve(named))) {
                missing.add(named);
            }
        }
        assertEquals(Set.of(), missing, document + " names files that do not exist");
    }

    @ParameterizedTest
    @ValueSource(strings = {"README.md", "deployment/README.md"})
    void everyLauncherCommandShownIsOneTheLauncherHas(String document) throws Exception {
        String help = launcherHelp();
        List<String> unknown = new ArrayList<>();
        Matcher command = LAUNCHER_COMMAND.matcher(read(document));
        while (command.find()) {
            if (!help.contains("  " + command.group(1)) && !help.contains("| " + command.group(1))) {
                unknown.add(command.group(1));
            }
        }
        assertTrue(unknown.isEmpty(), document + " shows launcher commands it does not have: " + unknown);
    }

    @ParameterizedTest
    @ValueSource(strings = {"README.md", "deployment/DOCKER.md", "docker-compose.yml"})
    void everyComposeServiceNamedInACommandIsInTheComposeFile(String document) throws IOException {
        String compose = read("docker-compose.yml");
        List<String> unknown = new ArrayList<>();
        Matcher command = COMPOSE_SERVICE_COMMAND.matcher(read(document));
        while (command.find()) {
            if (!compose.contains("\n  " + command.group(1) + ":")) {
                unknown.add(command.group(1));
            }
        }
        assertTrue(unknown.isEmpty(), document + " names compose services that do not exist: " + unknown);
    }

    private static String read(String document) throws IOException {
        return Files.readString(ROOT.resolve(document), StandardCharsets.UTF_8);
    }

    private static String launcherHelp() throws IOException, InterruptedException {
        Process process = new ProcessBuilder(ROOT.resolve("deployment/shop").toString(), "help")
                .redirectErrorStream(true).start();
        assertTrue(process.waitFor(30, TimeUnit.SECONDS), "deployment/shop help did not finish");
        assertEquals(0, process.exitValue());
        return new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    }
}
