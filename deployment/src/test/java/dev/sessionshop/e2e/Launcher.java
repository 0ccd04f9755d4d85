package dev.sessionshop.e2e;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

/**
 * Runs {@code deployment/shop} commands, so the tests drive exactly what a user runs. Its output is
 * echoed to the test log line by line (start-up progress is worth seeing in a CI log) and kept for the
 * failure message.
 */
final class Launcher {

    private static final Logger LOG = Logger.getLogger(Launcher.class.getName());

    /** Above the launcher's own 180 s readiness deadline, with room for a build of a missing WAR. */
    static final Duration UP_TIMEOUT = Duration.ofMinutes(15);
    static final Duration COMMAND_TIMEOUT = Duration.ofMinutes(4);

    private final Path script;

    Launcher(Path script) {
        this.script = script;
    }

    /** The launcher named by the system property {@code shop.launcher} (set by the pom), else found from here. */
    static Launcher locate() {
        String configured = System.getProperty("shop.launcher");
        List<Path> candidates = configured != null
                ? List.of(Path.of(configured))
                : List.of(Path.of("shop"), Path.of("deployment", "shop"));
        for (Path candidate : candidates) {
            if (Files.isExecutable(candidate)) {
                return new Launcher(candidate.toAbsolutePath().normalize());
            }
        }
        throw new IllegalStateException("deployment/shop not found (looked for " + candidates
                + "); set -Dshop.launcher=/path/to/deployment/shop");
    }

    /** Where the launcher keeps its state: {@code SHOP_WORK_DIR}, or {@code .run/} in the repository. */
    Path workDir() {
        String workDir = System.getenv("SHOP_WORK_DIR");
        return workDir != null ? Path.of(workDir) : script.getParent().getParent().resolve(".run");
    }

    Path script() {
        return script;
    }

    /** Runs a command and fails with its output unless it exits 0. */
    Result run(Duration timeout, String... args) {
        Result result = exec(timeout, args);
        if (result.exitCode() != 0) {
            throw new IllegalStateException("deployment/shop " + String.join(" ", args) + " exited with "
                    + result.exitCode() + ":\n" + result.output());
        }
        return result;
    }

    /** Runs a command and returns its exit code and output, whatever they are. */
    Result exec(Duration timeout, String... args) {
        List<String> command = new ArrayList<>();
        command.add(script.toString());
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        try {
            Process process = builder.start();
            StringBuilder output = new StringBuilder();
            Thread pump = new Thread(() -> pump(process, output), "shop-" + args[0] + "-output");
            pump.start();
            if (!process.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
                // SIGTERM: the launcher's trap then stops what it had started.
                process.destroy();
                process.waitFor(60, TimeUnit.SECONDS);
                pump.join(5_000);
                throw new IllegalStateException("deployment/shop " + String.join(" ", args)
                        + " did not finish within " + timeout + ":\n" + output);
            }
            pump.join(5_000);
            synchronized (output) {
                return new Result(process.exitValue(), output.toString());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + script, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running deployment/shop " + args[0], e);
        }
    }

    private static void pump(Process process, StringBuilder output) {
        try (BufferedReader reader = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                LOG.info(line);
                synchronized (output) {
                    output.append(line).append('\n');
                }
            }
        } catch (IOException e) {
            LOG.fine(() -> "launcher output closed: " + e);
        }
    }

    record Result(int exitCode, String output) {
    }
}
