package dev.sessionshop.web.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** REDIS_URI or REDIS_SENTINELS + REDIS_MASTER, and the password from a value or a file. */
class RedisSettingsTest {

    @TempDir
    Path dir;

    @Test
    void withNothingSetItIsTheLocalRedisWithoutPassword() {
        RedisSettings settings = RedisSettings.of(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());

        assertEquals("redis://127.0.0.1:6379", settings.uri());
        assertFalse(settings.viaSentinel());
        assertNull(settings.password());
    }

    @Test
    void sentinelsWinOverAUriAndTheMasterNameDefaultsToShop() {
        RedisSettings settings = RedisSettings.of(Optional.of("redis://elsewhere:6379"),
                Optional.of(" 127.0.0.1:26379, 127.0.0.1:26380,127.0.0.1:26381 "), Optional.empty(), Optional.empty(), Optional.empty());

        assertTrue(settings.viaSentinel());
        assertEquals(List.of("127.0.0.1:26379", "127.0.0.1:26380", "127.0.0.1:26381"), settings.sentinels());
        assertEquals("shop", settings.master());
        assertNull(settings.uri());
    }

    @Test
    void passwordFileWinsAndItsTrailingNewlineIsNotPartOfIt() throws Exception {
        Path file = Files.writeString(dir.resolve("redis-password"), "s3cret\n");

        RedisSettings settings = RedisSettings.of(Optional.empty(), Optional.of("h:26379"), Optional.of("shop"),
                Optional.of("from-env"), Optional.of(file.toString()));

        assertEquals("s3cret", settings.password());
    }

    @Test
    void thePasswordIsNeverPrinted() {
        RedisSettings settings = RedisSettings.of(Optional.of("redis://:inuri@h:6379"), Optional.empty(), Optional.empty(),
                Optional.of("s3cret"), Optional.empty());

        assertFalse(settings.toString().contains("s3cret"), settings.toString());
        assertFalse(settings.describe().contains("inuri"), settings.describe());
        assertTrue(settings.describe().contains("with a password"));
    }
}
