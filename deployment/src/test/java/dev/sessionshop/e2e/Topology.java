package dev.sessionshop.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The running topology as a test sees it: the shop's URL behind nginx, each instance's own URL, the
 * launcher's kill/stop/start commands, and simulated shoppers.
 */
public final class Topology {

    /** nginx: the shop as users reach it. */
    public static final URI SHOP = URI.create("http://127.0.0.1:8080/");
    /** shop-1, shop-2 and shop-3. */
    public static final int INSTANCES = 3;

    /**
     * Each new client gets its own /24 (10.0.N.1): nginx trusts X-Forwarded-For from loopback in the local
     * topology, and ip_hash hashes only the first three octets, so clients in different /24s are
     * independent for sticky routing. Shared by all classes of one test run, so no two clients collide.
     */
    private static final AtomicInteger NEXT_SUBNET = new AtomicInteger();

    private final Strategy strategy;
    private final Launcher launcher;

    Topology(Strategy strategy, Launcher launcher) {
        this.strategy = strategy;
        this.launcher = launcher;
    }

    public Strategy strategy() {
        return strategy;
    }

    /** One instance directly, bypassing nginx (loopback only): http://127.0.0.1:808n/. */
    public static URI instance(int n) {
        checkInstance(n);
        return URI.create("http://127.0.0.1:" + (8080 + n) + "/");
    }

    /** The instance name the app reports in {@code X-Shop-Instance} for instance n. */
    public static String instanceName(int n) {
        checkInstance(n);
        return "shop-" + n;
    }

    /** A new shopper with an empty cookie jar and an address of its own, talking to nginx. */
    public ShopClient client() {
        return new ShopClient(SHOP, nextClientAddress());
    }

    /** A new shopper that talks to instance n directly (no nginx, no X-Forwarded-For). */
    public ShopClient clientOfInstance(int n) {
        return new ShopClient(instance(n), null);
    }

    /**
     * A new shopper whose requests nginx sends to instance n while it is up: with ip_hash (sticky) that
     * is a matter of the client's address, so addresses are tried until one lands there. Only meaningful
     * for {@link Strategy#STICKY}; round robin sends every client everywhere.
     */
    public ShopClient clientPinnedTo(int n) {
        String wanted = instanceName(n);
        for (int attempt = 0; attempt < 64; attempt++) {
            ShopClient candidate = client();
            if (wanted.equals(candidate.get("api/session").instance())) {
                return candidate;
            }
        }
        throw new IllegalStateException("no client address maps to " + wanted + " after 64 tries; is it up?");
    }

    /**
     * Waits until nginx sends requests to every instance again. After an instance failed, nginx leaves it
     * out for {@code fail_timeout} (10 s), even once it is back up: a sticky client pinned to it is served
     * elsewhere meanwhile, and sent home (to a new, empty session) when the time is up. New client
     * addresses ask until each instance has answered one, within {@code patience}.
     */
    public void awaitNginxRoutesToEveryInstance(Duration patience) {
        Set<String> seen = new HashSet<>();
        Instant deadline = Instant.now().plus(patience);
        while (seen.size() < INSTANCES) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("nginx sent requests only to " + seen + " within " + patience);
            }
            for (int attempt = 0; attempt < 16 && seen.size() < INSTANCES; attempt++) {
                seen.add(client().get("api/session").instance());
            }
            if (seen.size() < INSTANCES) {
                pause(Duration.ofMillis(250));
            }
        }
    }

    private static void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The process id of instance n as the launcher recorded it (its pid file). */
    public String pid(int n) {
        checkInstance(n);
        try {
            return Files.readString(launcher.workDir().resolve("pids").resolve("shop-" + n + ".pid")).strip();
        } catch (IOException e) {
            throw new UncheckedIOException("no pid file for shop-" + n + "; is it running?", e);
        }
    }

    /** {@code deployment/shop kill n}: SIGKILL, a crash. */
    /** Whether instance n's process (the pid the launcher recorded) is alive. */
    public boolean running(int n) {
        try {
            return ProcessHandle.of(Long.parseLong(pid(n))).map(ProcessHandle::isAlive).orElse(false);
        } catch (RuntimeException e) {
            return false;
        }
    }

    public void kill(int n) {
        checkInstance(n);
        launcher.run(Launcher.COMMAND_TIMEOUT, "kill", String.valueOf(n));
    }

    /** {@code deployment/shop stop n}: SIGTERM and wait until it has exited, a clean shutdown. */
    public void stop(int n) {
        checkInstance(n);
        launcher.run(Launcher.COMMAND_TIMEOUT, "stop", String.valueOf(n));
    }

    /** {@code deployment/shop start n}: start it again and wait until it is ready. */
    public void start(int n) {
        checkInstance(n);
        launcher.run(Launcher.COMMAND_TIMEOUT, "start", String.valueOf(n));
    }

    /**
     * {@code deployment/shop kill redis-primary} (external): SIGKILL the node the Sentinels call the
     * primary now. Returns the launcher's output, which names it ("redis-1 (pid ..., 127.0.0.1:6379, ...").
     */
    public String killRedisPrimary() {
        return launcher.run(Launcher.COMMAND_TIMEOUT, "kill", "redis-primary").output();
    }

    /** {@code deployment/shop start redis-n}: redis-n (1 or 2) comes back as a replica of the current primary. */
    public void startRedisNode(int n) {
        launcher.run(Launcher.COMMAND_TIMEOUT, "start", "redis-" + n);
    }

    /** {@code deployment/shop stop redis} (external): all of Redis (nodes and Sentinels) goes away, instances keep running. */
    public void stopRedis() {
        launcher.run(Launcher.COMMAND_TIMEOUT, "stop", "redis");
    }

    /** {@code deployment/shop start redis}: an empty primary, replica and Sentinels come back on the same ports. */
    public void startRedis() {
        launcher.run(Launcher.COMMAND_TIMEOUT, "start", "redis");
    }

    /** {@code deployment/shop kill memcached-n} (external-memcached): SIGKILL memcached node n (1 or 2). */
    public void killMemcached(int n) {
        launcher.run(Launcher.COMMAND_TIMEOUT, "kill", "memcached-" + n);
    }

    /** {@code deployment/shop start memcached-n}: the node comes back on its port, empty (memcached keeps nothing). */
    public void startMemcached(int n) {
        launcher.run(Launcher.COMMAND_TIMEOUT, "start", "memcached-" + n);
    }

    /** {@code deployment/shop status}: its exit code (0 all up, 1 something down) and output. */
    public Launcher.Result status() {
        return launcher.exec(Duration.ofMinutes(1), "status");
    }

    private static String nextClientAddress() {
        int subnet = NEXT_SUBNET.getAndIncrement();
        // 10.<1..255>.<0..255>.1: 65 280 distinct /24s before wrapping, far more than any test needs.
        return "10." + (1 + (subnet / 256) % 255) + "." + (subnet % 256) + ".1";
    }

    private static void checkInstance(int n) {
        if (n < 1 || n > INSTANCES) {
            throw new IllegalArgumentException("instances are 1, 2 and 3, not " + n);
        }
    }
}
