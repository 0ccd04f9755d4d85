package dev.sessionshop.deployment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sessionshop.e2e.Strategy;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * What docker-compose.yml must keep, read from the file itself (the Docker check runs it): only nginx
 * publishes a port, so Redis, the Sentinels and the instances are reachable on the Compose network only;
 * an instance is its number and its strategy, the image's entry point gives it its flags; and every profile
 * starts on a fresh clone with nothing prepared, the default one with a plain {@code docker compose up}.
 */
class ComposeFileTest {

    private static final Path COMPOSE = Path.of("..", "docker-compose.yml");
    /** A top-level key: "x-nginx:", "services:", "secrets:"… */
    private static final Pattern TOP_LEVEL = Pattern.compile("(?m)^([a-z][\\w-]*):");
    /** A service under services:, indented by two. */
    private static final Pattern SERVICE = Pattern.compile("(?m)^  ([a-z][\\w-]*):");
    private static final Pattern MERGES = Pattern.compile("<<: \\[?([^\\]\\n]+)\\]?");

    /**
     * The image build reads the parent pom, which names every module: Maven refuses a reactor with one
     * missing, so each module's pom must be in the build context and copied.
     */
    @Test
    void theImageBuildCopiesThePomOfEveryModule() throws IOException {
        String parent = Files.readString(Path.of("..", "pom.xml"));
        String dockerfile = Files.readString(Path.of("Dockerfile"));
        String dockerignore = Files.readString(Path.of("..", ".dockerignore"));
        Matcher module = Pattern.compile("<module>([^<]+)</module>").matcher(parent);
        Set<String> notCopied = new TreeSet<>();
        Set<String> ignored = new TreeSet<>();
        while (module.find()) {
            String name = module.group(1);
            if (!dockerfile.contains("COPY " + name + "/pom.xml " + name + "/")) {
                notCopied.add(name);
            }
            // .dockerignore leaves out everything ("*") except what it names with "!".
            if (!dockerignore.contains("\n!" + name + "/pom.xml\n")) {
                ignored.add(name);
            }
        }
        assertTrue(notCopied.isEmpty(), "deployment/Dockerfile copies no pom.xml of " + notCopied);
        assertTrue(ignored.isEmpty(), ".dockerignore keeps the pom.xml of " + ignored + " out of the build context");
    }

    @Test
    void onlyNginxPublishesAPort() throws IOException {
        Map<String, String> blocks = blocks();
        Set<String> publishing = new TreeSet<>();
        blocks.forEach((name, body) -> {
            if (body.contains("\n  ports:") || body.contains("\n    ports:")) {
                publishing.add(name);
            }
        });
        assertEquals(Set.of("x-nginx"), publishing, "blocks that publish ports");
        Set<String> services = new TreeSet<>();
        blocks.forEach((name, body) -> {
            if (!name.startsWith("x-") && merges(body).contains("*nginx")) {
                services.add(name);
            }
        });
        Set<String> nginxPerStrategy = new TreeSet<>();
        for (Strategy strategy : Strategy.values()) {
            nginxPerStrategy.add(strategy.launcherName() + "-nginx");
        }
        assertEquals(nginxPerStrategy, services, "the services that merge the publishing block: one nginx per strategy");
        for (String redis : List.of("external-redis", "external-redis-replica", "external-sentinel-1",
                "external-sentinel-2", "external-sentinel-3")) {
            assertTrue(blocks.containsKey(redis), redis + " is a service");
            assertEquals(Set.of("*redis"), merges(blocks.get(redis)), redis + " merges only the Redis block");
        }
        for (String memcached : List.of("external-memcached-1", "external-memcached-2")) {
            assertTrue(blocks.containsKey(memcached), memcached + " is a service");
            assertEquals(Set.of("*memcached"), merges(blocks.get(memcached)), memcached + " merges only the memcached block");
        }
    }

    /**
     * An instance is one line: its own anchor (name, number) and its strategy's (profile,
     * SESSION_STRATEGY). The flags are the image's entry point's business (deployment/shop-instance.sh,
     * InstanceScriptTest), so no service may bring its own command or JVM options past it.
     */
    @Test
    void everyInstanceIsItsNumberAndItsStrategysAnchorNothingElse() throws IOException {
        Map<String, String> blocks = blocks();
        for (Strategy strategy : Strategy.values()) {
            String name = strategy.launcherName();
            String anchor = blocks.get("x-" + name);
            assertTrue(anchor != null && anchor.contains("<<: *shop\n") && anchor.contains("profiles: [" + name + "]\n")
                    && anchor.contains("environment: {SESSION_STRATEGY: " + name + "}\n"), "x-" + name + ": " + anchor);
            for (int n = 1; n <= 3; n++) {
                String service = name + "-shop-" + n;
                assertEquals("  " + service + ": {<<: [*shop-" + n + ", *" + name + "]}\n", blocks.get(service).stripTrailing() + "\n",
                        service);
            }
        }
        for (int n = 1; n <= 3; n++) {
            assertEquals("x-shop-" + n + ": &shop-" + n + " {container_name: shop-" + n + ", command: [\"" + n + "\"]}",
                    blocks.get("x-shop-" + n).strip());
        }
        String compose = Files.readString(COMPOSE);
        assertFalse(compose.contains("JVM_ARGS") || compose.contains("--clustername") || compose.contains("memory-sessions"),
                "flags belong to deployment/shop-instance.sh");
    }

    /** Each profile's nginx reads the template of its strategy's routing (deployment/strategies.sh). */
    @Test
    void eachProfilesNginxReadsItsRoutingsTemplate() throws Exception {
        Map<String, String> blocks = blocks();
        Map<String, String> templates = Map.of("ip-hash", "sticky", "route-cookie", "route-cookie", "round-robin", "round-robin");
        InstanceScriptTest.axes().forEach((strategy, axes) -> {
            String nginx = blocks.get(strategy + "-nginx");
            assertTrue(nginx.contains("./nginx/templates/" + templates.get(axes.get(0)) + ".conf.template:"), strategy + ": " + nginx);
        });
    }

    @Test
    void redisTakesItsPasswordFromAGeneratedVolumeNotFromTheFile() throws IOException {
        String compose = Files.readString(COMPOSE);
        assertTrue(!compose.matches("(?s).*requirepass\\s+[\"']?\\w{6,}.*"), "no password written into the file");
        Map<String, String> blocks = blocks();
        assertTrue(blocks.get("x-redis").contains("- redis-secret:/run/secrets:ro"), blocks.get("x-redis"));
        // The instances read it from there (REDIS_PASSWORD_FILE: InstanceScriptTest).
        assertTrue(blocks.get("x-external").contains("- redis-secret:/run/secrets:ro"), blocks.get("x-external"));
    }

    /**
     * A fresh clone starts every profile with its one command: nothing the compose file reads from the host
     * has to be made first. The Redis password comes from a one-shot service that every Redis part and
     * instance waits for; the old hand-made {@code .secrets/} file is gone.
     */
    @Test
    void theExternalProfileMakesItsOwnPasswordBeforeAnythingElseStarts() throws IOException {
        String compose = Files.readString(COMPOSE);
        assertTrue(!compose.contains(".secrets"), "docker-compose.yml reads nothing from .secrets/");
        assertTrue(!Files.readString(Path.of("compose-check.sh")).contains(".secrets/"),
                "the compose check prepares no .secrets/ file");
        Map<String, String> blocks = blocks();
        String init = blocks.get("external-redis-password");
        assertTrue(init != null && init.contains("profiles: [external]") && init.contains("- redis-secret:/secrets"),
                "a one-shot init service writes the password volume: " + init);
        String completed = "external-redis-password: {condition: service_completed_successfully}";
        assertTrue(blocks.get("external-redis").contains(completed), blocks.get("external-redis"));
        assertTrue(blocks.get("x-external").contains(completed), blocks.get("x-external"));
        for (String service : List.of("external-redis-replica", "external-sentinel-1")) {
            assertTrue(blocks.get(service).contains("external-redis: {condition: service_healthy}"),
                    service + " waits for the primary, which waits for the password");
        }
    }

    /** Plain {@code docker compose up} starts a strategy: the committed .env names the default profile. */
    @Test
    void plainUpStartsTheDefaultProfileNamedInDotEnv() throws IOException {
        String env = Files.readString(Path.of("..", ".env"));
        Matcher profiles = Pattern.compile("(?m)^COMPOSE_PROFILES=(\\w+)$").matcher(env);
        assertTrue(profiles.find(), ".env sets COMPOSE_PROFILES to one strategy: " + env);
        String strategy = profiles.group(1);
        Set<String> inProfile = new TreeSet<>();
        Map<String, String> blocks = blocks();
        blocks.forEach((name, body) -> {
            if (!name.startsWith("x-") && inProfile(blocks, body, strategy)) {
                inProfile.add(name);
            }
        });
        assertEquals(Set.of(strategy + "-shop-1", strategy + "-shop-2", strategy + "-shop-3", strategy + "-nginx"),
                inProfile, "the default profile's services");
        // v1.28+ and v2 both read COMPOSE_PROFILES from .env; nothing else there (it also feeds ${…} in the file).
        assertEquals(1, env.lines().filter(line -> !line.isBlank() && !line.startsWith("#")).count(), env);
    }

    /** Whether a service's text, or an x- block it merges (anchor "&a" on block "x-a"), names the profile. */
    private static boolean inProfile(Map<String, String> blocks, String body, String profile) {
        if (body.contains("profiles: [" + profile + "]")) {
            return true;
        }
        return merges(body).stream().map(anchor -> blocks.get("x-" + anchor.substring(1)))
                .anyMatch(merged -> merged != null && inProfile(blocks, merged, profile));
    }

    /** Name → text of each top-level x- block and of each service under {@code services:}. */
    private static Map<String, String> blocks() throws IOException {
        Map<String, String> blocks = new LinkedHashMap<>();
        Map<String, String> topLevel = split(Files.readString(COMPOSE), TOP_LEVEL);
        topLevel.forEach((name, body) -> {
            if (name.startsWith("x-")) {
                blocks.put(name, body);
            }
        });
        blocks.putAll(split(topLevel.get("services"), SERVICE));
        return blocks;
    }

    private static Map<String, String> split(String text, Pattern keys) {
        Map<String, String> parts = new LinkedHashMap<>();
        Matcher key = keys.matcher(text);
        String name = null;
        int start = 0;
        while (key.find()) {
            if (name != null) {
                parts.put(name, text.substring(start, key.start()));
            }
            name = key.group(1);
            start = key.start();
        }
        if (name != null) {
            parts.put(name, text.substring(start));
        }
        return parts;
    }

    private static Set<String> merges(String body) {
        Set<String> merged = new TreeSet<>();
        Matcher merge = MERGES.matcher(body);
        if (merge.find()) {
            for (String anchor : merge.group(1).split(",")) {
                merged.add(anchor.strip());
            }
        }
        return merged;
    }
}
