package dev.sessionshop.web.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Where the {@code external} strategy's Redis is, read from MicroProfile Config. Either one node
 * ({@code REDIS_URI}) or, for high availability, a set of Sentinels ({@code REDIS_SENTINELS}, a
 * comma-separated {@code host:port} list, and {@code REDIS_MASTER}, the name they monitor the primary
 * under), which the store asks for the current primary and asks again after a failover. The password
 * comes from {@code REDIS_PASSWORD} or, better (a compose secret, a file of mode 600), from the file
 * {@code REDIS_PASSWORD_FILE} names; it applies to Redis and the Sentinels alike, and is never printed.
 */
public record RedisSettings(String uri, List<String> sentinels, String master, String password) {

    public static final String URI = "redis.uri";
    public static final String SENTINELS = "redis.sentinels";
    public static final String MASTER = "redis.master";
    public static final String PASSWORD = "redis.password";
    public static final String PASSWORD_FILE = "redis.password.file";

    static final String DEFAULT_URI = "redis://127.0.0.1:6379";
    static final String DEFAULT_MASTER = "shop";

    public RedisSettings {
        sentinels = List.copyOf(sentinels);
    }

    public static RedisSettings fromConfig() {
        Config config = ConfigProvider.getConfig();
        return of(config.getOptionalValue(URI, String.class),
                config.getOptionalValue(SENTINELS, String.class),
                config.getOptionalValue(MASTER, String.class),
                config.getOptionalValue(PASSWORD, String.class),
                config.getOptionalValue(PASSWORD_FILE, String.class));
    }

    /** The rules, apart from where the values come from: Sentinels win over a URI; a file over a plain value. */
    static RedisSettings of(Optional<String> uri, Optional<String> sentinels, Optional<String> master,
                            Optional<String> password, Optional<String> passwordFile) {
        List<String> sentinelList = sentinels.map(list -> Arrays.stream(list.split(","))
                .map(String::trim).filter(each -> !each.isEmpty()).toList()).orElse(List.of());
        String secret = passwordFile.filter(file -> !file.isBlank()).map(RedisSettings::readSecret)
                .or(() -> password.filter(value -> !value.isEmpty())).orElse(null);
        return new RedisSettings(sentinelList.isEmpty() ? uri.orElse(DEFAULT_URI) : null, sentinelList,
                master.filter(name -> !name.isBlank()).orElse(DEFAULT_MASTER), secret);
    }

    public boolean viaSentinel() {
        return !sentinels.isEmpty();
    }

    /** For the log: where Redis is, never the password (not even one inside the URI). */
    public String describe() {
        String auth = password != null ? ", with a password" : "";
        return viaSentinel()
                ? "the primary named \"" + master + "\" by the Sentinels " + String.join(",", sentinels) + auth
                : uri.replaceAll("//[^@/]*@", "//***@") + auth;
    }

    @Override
    public String toString() {
        return "RedisSettings[" + describe() + "]";
    }

    private static String readSecret(String file) {
        try {
            // A trailing newline (echo "$secret" > file) is not part of the password.
            return Files.readString(Path.of(file), StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the Redis password file " + file
                    + " (redis.password.file / REDIS_PASSWORD_FILE)", e);
        }
    }
}
