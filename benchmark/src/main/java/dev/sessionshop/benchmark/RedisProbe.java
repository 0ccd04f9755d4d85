package dev.sessionshop.benchmark;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Asks the Redis primary, through {@code redis-cli} (installed with redis-server), what the store costs:
 * {@code MEMORY USAGE} of a session's key, {@code INFO} figures, and with {@code MONITOR} the commands the
 * shop's connections send. MONITOR also lists what the session store's Lua script runs inside Redis
 * ({@code [0 lua]}); those are not round trips and are counted apart.
 */
final class RedisProbe {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    /** A MONITOR line: {@code 1700000000.123456 [0 127.0.0.1:5678] "evalsha" "…"}. */
    private static final Pattern MONITOR_LINE = Pattern.compile("^\\d+\\.\\d+ \\[\\d+ ([^\\]]+)\\] \"([^\"]+)\"");
    /**
     * Not the shop's traffic: what the Sentinels and the replica send on their own, and this probe's own
     * {@code redis-cli} calls (AUTH, INFO).
     */
    private static final List<String> BACKGROUND = List.of("ping", "info", "publish", "subscribe", "replconf", "client", "role", "hello", "auth");

    private final int port;
    private final String password;

    RedisProbe(int port, String password) {
        this.port = port;
        this.password = password;
    }

    String cli(String... args) {
        List<String> command = new ArrayList<>(List.of("redis-cli", "--no-auth-warning", "-h", "127.0.0.1", "-p", String.valueOf(port)));
        command.addAll(List.of(args));
        return Commands.run(TIMEOUT, Map.of("REDISCLI_AUTH", password), command).trim();
    }

    /** {@code MEMORY USAGE key}: the bytes Redis spends on one key (the session hash). */
    long memoryUsage(String key) {
        String answer = cli("MEMORY", "USAGE", key, "SAMPLES", "0");
        return answer.isEmpty() ? -1 : Long.parseLong(answer);
    }

    /** One figure from {@code INFO section}, e.g. used_memory from "memory". */
    long info(String section, String field) {
        for (String line : cli("INFO", section).split("\\R")) {
            if (line.startsWith(field + ":")) {
                return Long.parseLong(line.substring(field.length() + 1).trim());
            }
        }
        throw new IllegalStateException("INFO " + section + " has no " + field);
    }

    /** Starts {@code MONITOR}: counts, by command, what clients send and what scripts run. */
    Monitor monitor() {
        return new Monitor();
    }

    final class Monitor implements AutoCloseable {

        private final Process process;
        private final Map<String, LongAdder> sent = new ConcurrentHashMap<>();
        private final Map<String, LongAdder> inScripts = new ConcurrentHashMap<>();
        private final Thread reader;

        private Monitor() {
            try {
                ProcessBuilder builder = new ProcessBuilder("redis-cli", "--no-auth-warning", "-h", "127.0.0.1",
                        "-p", String.valueOf(port), "MONITOR").redirectErrorStream(true);
                builder.environment().put("REDISCLI_AUTH", password);
                process = builder.start();
            } catch (IOException e) {
                throw new IllegalStateException("cannot start redis-cli MONITOR", e);
            }
            BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
            try {
                String first = lines.readLine();
                if (first == null || !first.startsWith("OK")) {
                    throw new IllegalStateException("redis-cli MONITOR answered " + first);
                }
            } catch (IOException e) {
                throw new IllegalStateException("redis-cli MONITOR failed", e);
            }
            reader = new Thread(() -> {
                try {
                    for (String line; (line = lines.readLine()) != null; ) {
                        Matcher m = MONITOR_LINE.matcher(line);
                        if (m.find()) {
                            String command = m.group(2).toLowerCase(Locale.ROOT);
                            (m.group(1).equals("lua") ? inScripts : sent).computeIfAbsent(command, c -> new LongAdder()).increment();
                        }
                    }
                } catch (IOException e) {
                    // the process was stopped
                }
            }, "redis-monitor");
            reader.setDaemon(true);
            reader.start();
        }

        /** Commands clients sent since the start (sentinels' and the replica's own traffic left out). */
        Map<String, Long> sent() {
            return snapshot(sent);
        }

        /** Commands the session store's scripts ran inside Redis. */
        Map<String, Long> inScripts() {
            return snapshot(inScripts);
        }

        /** Waits until MONITOR has printed what Redis did so far (it trails by a moment), then snapshots. */
        Map<String, Long> settle() {
            long before = -1;
            long now = total(sent);
            while (now != before) {
                sleep(200);
                before = now;
                now = total(sent);
            }
            return sent();
        }

        @Override
        public void close() {
            process.destroy();
            try {
                reader.join(2000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        private Map<String, Long> snapshot(Map<String, LongAdder> counts) {
            Map<String, Long> copy = new TreeMap<>();
            counts.forEach((command, count) -> {
                if (!BACKGROUND.contains(command)) {
                    copy.put(command, count.sum());
                }
            });
            return copy;
        }

        private long total(Map<String, LongAdder> counts) {
            return snapshot(counts).values().stream().mapToLong(Long::longValue).sum();
        }
    }

    /** Per command, how many more calls {@code after} counted than {@code before}. */
    static Map<String, Long> delta(Map<String, Long> before, Map<String, Long> after) {
        Map<String, Long> delta = new TreeMap<>();
        after.forEach((command, count) -> {
            long d = count - before.getOrDefault(command, 0L);
            if (d != 0) {
                delta.put(command, d);
            }
        });
        return delta;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
