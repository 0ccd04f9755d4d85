package dev.sessionshop.benchmark;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The local topology, driven through the launcher ({@code deployment/shop}) exactly as a user drives it:
 * nginx on 127.0.0.1:8080, instances shop-1..3 on 8081-8083, and for a strategy with its sessions in Redis,
 * Redis on 6379 (primary), 6380 (replica) with three Sentinels.
 */
final class LocalTopology {

    static final URI SHOP = URI.create("http://127.0.0.1:8080/");
    static final int INSTANCES = 3;
    static final int REDIS_PRIMARY_PORT = 6379;
    private static final Duration UP_TIMEOUT = Duration.ofMinutes(6);
    private static final Duration COMMAND_TIMEOUT = Duration.ofMinutes(2);

    private final Path repository;
    private final Path workDir;

    LocalTopology(Path repository) {
        this.repository = repository;
        String custom = System.getenv("SHOP_WORK_DIR");
        this.workDir = custom == null || custom.isBlank() ? repository.resolve(".run") : Path.of(custom);
    }

    Path repository() {
        return repository;
    }

    static URI instance(int n) {
        return URI.create("http://127.0.0.1:" + (8080 + n) + "/");
    }

    void up(BenchStrategy strategy) {
        launcher(UP_TIMEOUT, "up", strategy.id());
    }

    void down() {
        launcher(COMMAND_TIMEOUT, "down");
    }

    /** SIGKILL instance shop-n (a crash), as {@code deployment/shop kill n}. */
    void kill(int n) {
        launcher(COMMAND_TIMEOUT, "kill", String.valueOf(n));
    }

    /**
     * Starts instance shop-n again, as {@code deployment/shop start n}: returns once it is ready and nginx
     * sends it requests again (the launcher keeps it out of nginx until then).
     */
    void start(int n) {
        launcher(UP_TIMEOUT, "start", String.valueOf(n));
    }

    /** The process id of instance shop-n, from the launcher's pid file. */
    long pid(int n) {
        Path file = workDir.resolve("pids").resolve("shop-" + n + ".pid");
        try {
            return Long.parseLong(Files.readString(file, StandardCharsets.US_ASCII).trim());
        } catch (IOException | NumberFormatException e) {
            throw new IllegalStateException("no pid for shop-" + n + " in " + file + ": is the topology up?", e);
        }
    }

    /**
     * nginx's master (the launcher's pid file) and its workers (the master's children); empty when nginx
     * is not running.
     */
    List<Long> nginxPids() {
        List<Long> pids = new ArrayList<>();
        recordedPid("nginx").flatMap(ProcessHandle::of).ifPresent(master -> {
            pids.add(master.pid());
            master.children().forEach(worker -> pids.add(worker.pid()));
        });
        return pids;
    }

    /** The two Redis servers (redis-1 and redis-2, primary and replica in either role) that are running. */
    List<Long> redisPids() {
        List<Long> pids = new ArrayList<>();
        for (String name : List.of("redis-1", "redis-2")) {
            recordedPid(name).ifPresent(pids::add);
        }
        return pids;
    }

    /** The pid the launcher recorded for one of its processes ("nginx", "redis-1"), if it did. */
    private Optional<Long> recordedPid(String name) {
        Path file = workDir.resolve("pids").resolve(name + ".pid");
        try {
            return Optional.of(Long.parseLong(Files.readString(file, StandardCharsets.US_ASCII).trim()));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** The password the launcher gave Redis (a strategy with its sessions there). */
    String redisPassword() {
        Path file = workDir.resolve("redis-password");
        try {
            return Files.readString(file, StandardCharsets.UTF_8).trim();
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the Redis password in " + file, e);
        }
    }

    /** The Redis primary, for a strategy with its sessions there. */
    MemcachedProbe memcached() {
        return new MemcachedProbe();
    }

    RedisProbe redis() {
        return new RedisProbe(REDIS_PRIMARY_PORT, redisPassword());
    }

    /** The instances whose process is running, by number. */
    List<Integer> aliveInstances() {
        List<Integer> alive = new ArrayList<>();
        for (int n = 1; n <= INSTANCES; n++) {
            Optional<ProcessHandle> process = pidOf(n).flatMap(ProcessHandle::of);
            if (process.isPresent() && process.get().isAlive()) {
                alive.add(n);
            }
        }
        return alive;
    }

    private Optional<Long> pidOf(int n) {
        try {
            return Optional.of(pid(n));
        } catch (IllegalStateException e) {
            return Optional.empty();
        }
    }

    private void launcher(Duration timeout, String... args) {
        List<String> command = new ArrayList<>();
        command.add(repository.resolve("deployment/shop").toString());
        command.addAll(List.of(args));
        Commands.run(timeout, Map.of(), command, repository);
    }
}
