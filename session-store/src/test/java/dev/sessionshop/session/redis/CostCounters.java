package dev.sessionshop.session.redis;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * What one measured window cost, read from the kernel and the JVM: this JVM's CPU time
 * ({@code OperatingSystemMXBean.getProcessCpuTime}), its context switches (voluntary and nonvoluntary, summed
 * over {@code /proc/self/task/*}/status; the threads must be alive at both readings, which
 * {@link ClientPathMeasurement} sees to) and redis-server's CPU ({@code /proc/<pid>/stat} utime + stime, in
 * clock ticks of 10 ms).
 */
final class CostCounters {

    /** Linux's USER_HZ: what /proc/<pid>/stat counts CPU time in. */
    private static final long CLOCK_TICKS_PER_SECOND = 100;

    private static final com.sun.management.OperatingSystemMXBean OS =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

    private CostCounters() {
    }

    record Snapshot(long nanoTime, long jvmCpuNanos, long contextSwitches, long redisCpuNanos) {
    }

    /** The cost of a window per operation. */
    record PerOperation(double opsPerSecond, double jvmCpuMicros, double contextSwitches, double redisCpuMicros) {
    }

    static Snapshot take(long redisPid) {
        return new Snapshot(System.nanoTime(), OS.getProcessCpuTime(), contextSwitches(), redisCpuNanos(redisPid));
    }

    static PerOperation between(Snapshot before, Snapshot after, long operations) {
        double ops = operations;
        return new PerOperation(ops * 1e9 / (after.nanoTime() - before.nanoTime()),
                (after.jvmCpuNanos() - before.jvmCpuNanos()) / 1e3 / ops,
                (after.contextSwitches() - before.contextSwitches()) / ops,
                (after.redisCpuNanos() - before.redisCpuNanos()) / 1e3 / ops);
    }

    private static long contextSwitches() {
        try (Stream<Path> tasks = Files.list(Path.of("/proc/self/task"))) {
            return tasks.mapToLong(CostCounters::contextSwitches).sum();
        } catch (IOException e) {
            throw new IllegalStateException("cannot list /proc/self/task", e);
        }
    }

    private static long contextSwitches(Path task) {
        try {
            long sum = 0;
            for (String line : Files.readAllLines(task.resolve("status"))) {
                if (line.startsWith("voluntary_ctxt_switches:") || line.startsWith("nonvoluntary_ctxt_switches:")) {
                    sum += Long.parseLong(line.substring(line.indexOf(':') + 1).trim());
                }
            }
            return sum;
        } catch (IOException e) {
            return 0; // a thread that ended between the listing and the read: nothing of it to count
        }
    }

    private static long redisCpuNanos(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            // After the command name in parentheses: field 3 (state) first, so utime (14) and stime (15) are 11 and 12.
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
            return ticks * 1_000_000_000L / CLOCK_TICKS_PER_SECOND;
        } catch (IOException e) {
            throw new IllegalStateException("cannot read /proc/" + pid + "/stat", e);
        }
    }

    /** The system's load averages, as /proc/loadavg gives them (1, 5, 15 minutes). */
    static String loadAverage() {
        try {
            String[] fields = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return fields[0] + " " + fields[1] + " " + fields[2];
        } catch (IOException e) {
            return "unknown";
        }
    }
}
