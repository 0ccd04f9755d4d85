package dev.sessionshop.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * {@code redis-cli} against the launcher's Redis nodes (6379, 6380) and Sentinels (26379-26381), with
 * the password the launcher keeps in its work dir ({@code .run/redis-password}), handed over in
 * {@code REDISCLI_AUTH} as the launcher does, never on the command line.
 */
final class RedisCli {

    private RedisCli() {
    }

    /** One command; its trimmed output (several lines for an array reply). */
    static String run(int port, String... command) {
        return run(port, true, command);
    }

    /** One command sent WITHOUT the password: what anyone on the host who does not know it gets. */
    static String runWithoutPassword(int port, String... command) {
        return run(port, false, command);
    }

    private static String run(int port, boolean withPassword, String... command) {
        List<String> line = new ArrayList<>(List.of("redis-cli", "--no-auth-warning", "-h", "127.0.0.1", "-p", String.valueOf(port)));
        line.addAll(List.of(command));
        ProcessBuilder builder = new ProcessBuilder(line).redirectErrorStream(true);
        builder.environment().remove("REDISCLI_AUTH");
        if (withPassword) {
            builder.environment().put("REDISCLI_AUTH", password());
        }
        try {
            Process process = builder.start();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("redis-cli -p " + port + " did not answer in 10 s");
            }
            return new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** "127.0.0.1:6380": the primary according to sentinel-1. */
    static String primary() {
        return run(26379, "SENTINEL", "GET-MASTER-ADDR-BY-NAME", "shop").replace('\n', ':');
    }

    private static String password() {
        Path dir = Launcher.locate().workDir();
        try {
            return Files.readString(dir.resolve("redis-password"), StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            throw new UncheckedIOException("no Redis password in " + dir + "; is the external topology up?", e);
        }
    }
}
