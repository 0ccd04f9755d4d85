package dev.sessionshop.deployment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * deployment/redis/*.conf.template are the Redis and Sentinel configuration of both topologies: the launcher
 * renders them (bash) and so does the compose profile's deployment/compose/redis-start.sh (sh and sed). A
 * name added to a template and forgotten by one renderer would reach Redis as a literal "${NAME}": each
 * renderer must substitute every name of both templates.
 */
class RedisTemplatesTest {

    private static final Pattern NAME = Pattern.compile("\\$\\{([A-Z_]+)}");

    @Test
    void bothRenderersSubstituteEveryNameOfTheTemplates() throws IOException {
        Set<String> names = new TreeSet<>();
        for (String template : new String[] {"redis", "sentinel"}) {
            Matcher name = NAME.matcher(Files.readString(Path.of("redis", template + ".conf.template")));
            while (name.find()) {
                names.add(name.group(1));
            }
        }
        assertTrue(names.contains("REDIS_PASSWORD") && names.contains("REDIS_REPLICAOF"), names.toString());

        String launcher = Files.readString(Path.of("shop"));
        Matcher call = Pattern.compile("render_template \"\\$SCRIPT_DIR/redis/\\$1.conf.template\"([^>]+)>").matcher(launcher);
        assertTrue(call.find(), "deployment/shop renders deployment/redis/<template>.conf.template");
        assertEquals(names, new TreeSet<>(Set.of(call.group(1).replace("\\", " ").trim().split("\\s+"))), "deployment/shop");

        Set<String> compose = new TreeSet<>();
        Matcher sed = Pattern.compile("-e \"s\\|\\\\\\$\\{([A-Z_]+)}\\|").matcher(Files.readString(Path.of("compose", "redis-start.sh")));
        while (sed.find()) {
            compose.add(sed.group(1));
        }
        assertEquals(names, compose, "deployment/compose/redis-start.sh");
    }
}
