package dev.sessionshop.benchmark;

import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Collectors;

/** What a report needs to be reproduced: the commit, the machine, the versions, the settings. */
record RunInputs(Map<String, String> values) {

    static RunInputs collect(Path repository, BenchmarkSettings settings, Instant started) {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("command", "benchmark/run --" + settings.mode() + (settings.strategies().equals(BenchmarkSettings.DEFAULT_STRATEGIES)
                ? "" : " --strategies " + settings.strategies().stream().map(BenchStrategy::id).collect(Collectors.joining(",")))
                + (settings.openLoopRate() > 0 ? " --open-rate " + Math.round(settings.openLoopRate()) : "")
                + (settings.rounds() > 1 ? " --rounds " + settings.rounds() : ""));
        values.put("started", DateTimeFormatter.ISO_INSTANT.format(started.truncatedTo(java.time.temporal.ChronoUnit.SECONDS)));
        values.put("commit", commit(repository));
        values.put("machine", machine());
        values.put("Java (shop instances and load generator)", System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"));
        Properties versions = versions();
        values.put("Payara Micro", versions.getProperty("payara.version"));
        values.put("Hazelcast (inside Payara)", versions.getProperty("hazelcast.version"));
        values.put("Lettuce (session store)", versions.getProperty("lettuce.version"));
        values.put("nginx", firstLine(quietly(List.of(nginx(), "-v"))).replace("nginx version: nginx/", ""));
        values.put("Redis", firstLine(quietly(List.of("redis-server", "--version"))));
        values.put("shoppers (concurrency)", settings.users() + ", each one request at a time");
        String warmUp = settings.warmUp().equals(settings.warmUpLimit())
                ? seconds(settings.warmUp()) + " for each strategy"
                : seconds(settings.warmUp()) + " to " + seconds(settings.warmUpLimit()) + " (until three 10 s slices agree within 5 %)";
        values.put("durations", "warm-up (shop mix) " + warmUp + ", each mix " + seconds(settings.measure())
                + ", open loop " + seconds(settings.openLoop()) + ", failover " + seconds(settings.failover()) + " (kill at " + seconds(settings.killAt()) + "), then the start of the killed instance and "
                + seconds(settings.afterStart()) + " after it");
        values.put("session cost", settings.costRequests() + " requests of each kind; " + settings.liveSessions() + " live sessions for the memory figures");
        return new RunInputs(values);
    }

    private static String seconds(Duration duration) {
        return duration.toSeconds() + " s";
    }

    private static String commit(Path repository) {
        String head = quietly(List.of("git", "-C", repository.toString(), "rev-parse", "--short", "HEAD")).trim();
        String status = quietly(List.of("git", "-C", repository.toString(), "status", "--porcelain", "--untracked-files=no")).trim();
        if (head.isEmpty()) {
            return "unknown (not a git checkout)";
        }
        return status.isEmpty() ? head : head + " with uncommitted changes";
    }

    private static String machine() {
        int cores = Runtime.getRuntime().availableProcessors();
        String memory = "";
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            memory = ", " + Math.round(os.getTotalMemorySize() / (1024.0 * 1024 * 1024)) + " GiB";
        }
        String os = System.getProperty("os.name") + " " + System.getProperty("os.version");
        try {
            for (String line : Files.readAllLines(Path.of("/etc/os-release"))) {
                if (line.startsWith("PRETTY_NAME=")) {
                    os = line.substring("PRETTY_NAME=".length()).replace("\"", "") + " (Linux " + System.getProperty("os.version") + ")";
                }
            }
        } catch (IOException e) {
            // not Linux, or no os-release: the JVM's name of it will do
        }
        return cores + " cores" + memory + ", " + os;
    }

    private static Properties versions() {
        Properties properties = new Properties();
        try (InputStream in = RunInputs.class.getResourceAsStream("/benchmark.properties")) {
            if (in != null) {
                properties.load(in);
            }
        } catch (IOException e) {
            throw new IllegalStateException("benchmark.properties is unreadable", e);
        }
        return properties;
    }

    private static String nginx() {
        return Files.isExecutable(Path.of("/usr/sbin/nginx")) ? "/usr/sbin/nginx" : "nginx";
    }

    private static String quietly(List<String> command) {
        try {
            return Commands.run(Duration.ofSeconds(10), Map.of(), command);
        } catch (IllegalStateException e) {
            return "";
        }
    }

    private static String firstLine(String text) {
        String trimmed = text.strip();
        int end = trimmed.indexOf('\n');
        return end < 0 ? trimmed : trimmed.substring(0, end);
    }
}
