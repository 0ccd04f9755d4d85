package dev.sessionshop.benchmark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What benchmark/run says to arguments it cannot use; nothing is started for them. */
class BenchmarkCommandLineTest {

    @TempDir
    Path notTheRepository;

    @Test
    void helpPrintsTheUsage() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        assertEquals(0, Benchmark.run(new String[]{"--help"}, new PrintStream(out, true, StandardCharsets.UTF_8), notTheRepository));
        assertTrue(out.toString(StandardCharsets.UTF_8).startsWith("Usage: benchmark/run"));
    }

    @Test
    void anUnknownArgumentIsNamed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> run("--fast"));
        assertEquals("unknown argument: --fast", e.getMessage());
    }

    @Test
    void anUnknownStrategyIsNamed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> run("--strategies", "sticky,redis"));
        assertEquals("unknown strategy: redis (sticky, sticky-cookie, clustering, clustering-sticky, external, external-memcached)", e.getMessage());
    }

    @Test
    void aStrategyNamedTwiceIsRefused() {
        // The report and its charts key each strategy's figures by its name: the second run would hide the first.
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> run("--strategies", "sticky,clustering-sticky,sticky"));
        assertEquals("a strategy is named twice: sticky,clustering-sticky,sticky", e.getMessage());
    }

    @Test
    void usersMustBeAReasonableNumber() {
        assertEquals("--users must be a number, not many",
                assertThrows(IllegalArgumentException.class, () -> run("--users", "many")).getMessage());
        assertEquals("--users must be 1 to 200, not 0",
                assertThrows(IllegalArgumentException.class, () -> run("--users", "0")).getMessage());
        assertEquals("--users needs a value", assertThrows(IllegalArgumentException.class, () -> run("--users")).getMessage());
    }

    @Test
    void theOpenLoopRateMustBeAReasonableNumber() {
        assertEquals("--open-rate must be a number, not fast",
                assertThrows(IllegalArgumentException.class, () -> run("--open-rate", "fast")).getMessage());
        assertEquals("--open-rate must be 1 to 100000 requests per second, not 0",
                assertThrows(IllegalArgumentException.class, () -> run("--open-rate", "0")).getMessage());
    }

    @Test
    void roundsMustBeAReasonableNumber() {
        assertEquals("--rounds must be 1 to 10, not 0",
                assertThrows(IllegalArgumentException.class, () -> run("--rounds", "0")).getMessage());
        assertEquals("--rounds must be a number, not three",
                assertThrows(IllegalArgumentException.class, () -> run("--rounds", "three")).getMessage());
    }

    @Test
    void refusesToRunOutsideTheRepository() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> run("--quick"));
        assertTrue(e.getMessage().contains("no deployment/shop"), e.getMessage());
    }

    private void run(String... args) throws IOException {
        Benchmark.run(args, new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8), notTheRepository);
    }
}
