package dev.sessionshop.benchmark;

import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;

/**
 * The progress line on stderr. On a terminal it is rewritten in place every second; in a log (CI) a line
 * is written every {@value #LOG_EVERY_SECONDS} seconds instead, so the log stays readable.
 */
final class Progress {

    private static final int LOG_EVERY_SECONDS = 5;

    private final PrintStream out;
    private final boolean terminal;
    private long lastLogged = -LOG_EVERY_SECONDS;

    Progress(PrintStream out, boolean terminal) {
        this.out = out;
        this.terminal = terminal;
    }

    static Progress toStderr() {
        return new Progress(System.err, System.console() != null);
    }

    /** A step without a progress figure: "starting the topology", "creating 10000 sessions". */
    synchronized void step(String text) {
        endLine();
        out.println("bench: " + text);
        lastLogged = -LOG_EVERY_SECONDS;
    }

    synchronized void update(String label, Duration elapsed, Duration total, long requests, long errors) {
        long seconds = elapsed.toSeconds();
        double rps = elapsed.isZero() ? 0 : requests / (elapsed.toNanos() / 1e9);
        String line = String.format(Locale.ROOT, "bench: %-28s %3d/%d s  %8d requests  %7.0f req/s  %d errors",
                label, seconds, total.toSeconds(), requests, rps, errors);
        if (terminal) {
            out.print("\r" + line);
            out.flush();
        } else if (seconds - lastLogged >= LOG_EVERY_SECONDS) {
            out.println(line);
            lastLogged = seconds;
        }
    }

    synchronized void done(String label, long requests, long errors) {
        endLine();
        out.printf(Locale.ROOT, "bench: %-28s done: %d requests, %d errors%n", label, requests, errors);
        lastLogged = -LOG_EVERY_SECONDS;
    }

    private void endLine() {
        if (terminal) {
            out.print("\r\033[K");
        }
    }
}
