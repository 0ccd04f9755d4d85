package dev.sessionshop.benchmark;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The machine's CPU time, all cores together, from the first line of {@code /proc/stat}: what the cores
 * spent busy, idle (waiting for I/O included) and stolen by the hypervisor. Between two readings it tells
 * whether the cores were saturated during a phase: throughput ratios mean "CPU per request" only when
 * they were. The unit is the kernel's clock tick; only shares of the total are used, so its size does
 * not matter.
 *
 * @param busy  user, nice, system, irq and softirq (guest time is already in user and nice)
 * @param idle  idle and iowait
 * @param steal time the hypervisor ran something else while this machine had work
 */
record MachineTicks(long busy, long idle, long steal) {

    private static final Path PROC_STAT = Path.of("/proc/stat");

    /** The machine's ticks now; zeros where {@code /proc/stat} cannot be read (not Linux). */
    static MachineTicks now() {
        try {
            return parse(Files.readString(PROC_STAT, StandardCharsets.US_ASCII));
        } catch (IOException | IllegalArgumentException e) {
            return new MachineTicks(0, 0, 0);
        }
    }

    /** Reads the "cpu" line: user nice system idle iowait irq softirq steal [guest guest_nice]. */
    static MachineTicks parse(String procStat) {
        String first = procStat.lines().findFirst().orElse("");
        String[] fields = first.trim().split("\\s+");
        if (fields.length < 8 || !fields[0].equals("cpu")) {
            throw new IllegalArgumentException("not the first line of /proc/stat: " + first);
        }
        long user = Long.parseLong(fields[1]);
        long nice = Long.parseLong(fields[2]);
        long system = Long.parseLong(fields[3]);
        long idle = Long.parseLong(fields[4]);
        long iowait = Long.parseLong(fields[5]);
        long irq = Long.parseLong(fields[6]);
        long softirq = Long.parseLong(fields[7]);
        long steal = fields.length > 8 ? Long.parseLong(fields[8]) : 0;
        return new MachineTicks(user + nice + system + irq + softirq, idle + iowait, steal);
    }

    /** What happened between {@code before} and this reading. */
    MachineTicks since(MachineTicks before) {
        return new MachineTicks(busy - before.busy, idle - before.idle, steal - before.steal);
    }

    long total() {
        return busy + idle + steal;
    }

    /** The share of the cores' time they were idle, 0 to 1; NaN when nothing was counted. */
    double idleShare() {
        return total() == 0 ? Double.NaN : idle / (double) total();
    }

    /** The share of the cores' time the hypervisor took, 0 to 1; NaN when nothing was counted. */
    double stealShare() {
        return total() == 0 ? Double.NaN : steal / (double) total();
    }

    /** The share of the cores' time they were busy here, 0 to 1; NaN when nothing was counted. */
    double busyShare() {
        return total() == 0 ? Double.NaN : busy / (double) total();
    }
}
