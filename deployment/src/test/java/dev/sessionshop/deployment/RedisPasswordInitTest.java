package dev.sessionshop.deployment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * deployment/compose/redis-password.sh, the external profile's one-shot init service, run here on a temporary
 * directory in place of the named volume: it makes a password on the first start, keeps it on the next, and
 * takes a user's own from REDIS_PASSWORD. That is what lets {@code docker compose --profile external up}
 * start on a fresh clone with nothing prepared.
 */
class RedisPasswordInitTest {

    private static final Path SCRIPT = Path.of("compose", "redis-password.sh").toAbsolutePath();

    @TempDir
    Path volume;

    @Test
    void firstStartMakesARandomPasswordOnlyItsOwnerCanRead() throws Exception {
        run(Map.of());
        Path file = volume.resolve("redis_password");
        String password = Files.readString(file);
        assertTrue(password.matches("[A-Za-z0-9]{32}"), "32 letters and digits: " + password);
        assertEquals("r--------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
    }

    @Test
    void laterStartsKeepThePasswordTheRedisDataWasMadeWith() throws Exception {
        run(Map.of());
        String first = Files.readString(volume.resolve("redis_password"));
        run(Map.of());
        assertEquals(first, Files.readString(volume.resolve("redis_password")));
    }

    @Test
    void aPasswordGivenInRedisPasswordReplacesTheGeneratedOne() throws Exception {
        run(Map.of());
        String generated = Files.readString(volume.resolve("redis_password"));
        run(Map.of("REDIS_PASSWORD", "my-own-password"));
        String now = Files.readString(volume.resolve("redis_password"));
        assertNotEquals(generated, now);
        assertEquals("my-own-password", now);
    }

    private void run(Map<String, String> environment) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder("sh", SCRIPT.toString()).redirectErrorStream(true);
        builder.environment().remove("REDIS_PASSWORD");
        builder.environment().putAll(environment);
        builder.environment().put("SECRETS_DIR", volume.toString());
        // The container makes it uid 1000's (the shop's user); here the test's own user, which may not be root.
        builder.environment().put("SECRETS_OWNER", owner());
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(30, TimeUnit.SECONDS), "redis-password.sh did not finish");
        assertEquals(0, process.exitValue(), output);
    }

    private String owner() throws IOException {
        Object uid = Files.getAttribute(volume, "unix:uid");
        Object gid = Files.getAttribute(volume, "unix:gid");
        return uid + ":" + gid;
    }
}
