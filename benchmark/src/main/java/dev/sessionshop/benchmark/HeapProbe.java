package dev.sessionshop.benchmark;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The live heap of a JVM by class: {@code jcmd <pid> GC.class_histogram} runs a full collection first,
 * so what it lists is what the instance really holds.
 */
final class HeapProbe {

    private static final Duration TIMEOUT = Duration.ofMinutes(1);
    /** {@code   1:   123456   7890123  java.lang.String (java.base@17)} */
    private static final Pattern ROW = Pattern.compile("^\\s*\\d+:\\s+(\\d+)\\s+(\\d+)\\s+(\\S+)");

    private HeapProbe() {
    }

    /** Live bytes per class name. */
    static Map<String, Long> histogram(long pid) {
        String output = Commands.run(TIMEOUT, Map.of(), List.of(jcmd(), String.valueOf(pid), "GC.class_histogram"));
        Map<String, Long> bytes = new HashMap<>();
        for (String line : output.split("\\R")) {
            Matcher row = ROW.matcher(line);
            if (row.find()) {
                bytes.merge(row.group(3), Long.parseLong(row.group(2)), Long::sum);
            }
        }
        if (bytes.isEmpty()) {
            throw new IllegalStateException("jcmd " + pid + " GC.class_histogram listed no classes: " + output);
        }
        return Collections.unmodifiableMap(bytes);
    }

    static long total(Map<String, Long> histogram) {
        return histogram.values().stream().mapToLong(Long::longValue).sum();
    }

    /**
     * What the classes that grew added between two histograms. Caches that a full collection happened to
     * shrink meanwhile (soft references, pools) would otherwise hide the growth, even turn it negative.
     */
    static Map<String, Long> growth(Map<String, Long> before, Map<String, Long> after) {
        Map<String, Long> grown = new HashMap<>();
        after.forEach((name, bytes) -> {
            long delta = bytes - before.getOrDefault(name, 0L);
            if (delta > 0) {
                grown.put(name, delta);
            }
        });
        return grown;
    }

    private static String jcmd() {
        Path beside = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        return Files.isExecutable(beside) ? beside.toString() : "jcmd";
    }
}
