package dev.sessionshop.session;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/** What the ITs' throw-away servers (redis-server, memcached) share: a free loopback port, and a start that polls. */
public final class LocalServers {

    /** The topology's fixed ports (deployment, benchmark): a test server never takes one of them. */
    private static final List<Integer> PORTS_IN_USE_BY_OTHERS = List.of(6379, 6380, 6900, 6901, 6902, 11211, 11212,
            26379, 26380, 26381, 8080, 8081, 8082, 8083);
    private static final Duration STARTUP_DEADLINE = Duration.ofSeconds(15);

    private LocalServers() {
    }

    public static int freePort() throws IOException {
        while (true) {
            try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                int candidate = socket.getLocalPort();
                if (!PORTS_IN_USE_BY_OTHERS.contains(candidate)) {
                    return candidate;
                }
            }
        }
    }

    /** Polls until the server answers; fails when its process exits or the deadline passes. */
    public static void awaitAnswer(Process process, BooleanSupplier answers, String what) throws InterruptedException {
        long deadline = System.nanoTime() + STARTUP_DEADLINE.toNanos();
        while (!answers.getAsBoolean()) {
            if (!process.isAlive()) {
                throw new IllegalStateException(what + " exited with " + process.exitValue());
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(what + " did not answer within " + STARTUP_DEADLINE);
            }
            TimeUnit.MILLISECONDS.sleep(25); // poll interval, not a wait for readiness
        }
    }
}
