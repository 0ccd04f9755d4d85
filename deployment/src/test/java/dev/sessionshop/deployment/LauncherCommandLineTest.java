package dev.sessionshop.deployment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The launcher's command-line contract, checked without starting anything (an empty work dir). */
class LauncherCommandLineTest {

    @TempDir
    Path workDir;

    @Test
    void helpListsEveryCommandTheReadmeDocuments() throws Exception {
        Run help = shop("help");

        assertEquals(0, help.exitCode);
        for (String command : List.of("up <strategy>", "status", "kill <n>", "stop <n>",
                "start <n>", "down", "logs <n|nginx|redis|memcached>", "stop redis", "start redis", "kill redis-primary",
                "start redis-<n>", "kill memcached-<n>", "start memcached-<n>")) {
            assertTrue(help.output.contains(command), "help does not mention " + command);
            assertTrue(readme().contains("`" + command.split(" ")[0]), "README does not document " + command);
            if (command.contains(" redis") || command.contains(" memcached")) {
                assertTrue(readme().contains("`" + command), "README does not document " + command);
            }
        }
    }

    @Test
    void unknownCommandPrintsUsageAndExitsTwo() throws Exception {
        Run unknown = shop("launch");

        assertEquals(2, unknown.exitCode);
        assertTrue(unknown.output.contains("Usage:"), unknown.output);
    }

    @Test
    void upRejectsAnUnknownStrategy() throws Exception {
        assertEquals(2, shop("up", "memcached").exitCode);
    }

    @Test
    void statusWithNothingRunningExitsThree() throws Exception {
        Run status = shop("status");

        assertEquals(3, status.exitCode, status.output);
        assertTrue(status.output.contains("Nothing is running"), status.output);
    }

    @Test
    void downWithNothingRunningSucceeds() throws Exception {
        assertEquals(0, shop("down").exitCode);
    }

    @Test
    void instanceCommandsRejectAnInstanceThatDoesNotExist() throws Exception {
        assertEquals(2, shop("kill", "4").exitCode);
        assertEquals(2, shop("logs", "0").exitCode);
        assertEquals(2, shop("start", "redis-3").exitCode);
    }

    @Test
    void helpTellsWhereTheRedisPasswordComesFrom() throws Exception {
        Run help = shop("help");

        for (String source : List.of("REDIS_PASSWORD", "REDIS_PASSWORD_FILE", "redis-password")) {
            assertTrue(help.output.contains(source), "help does not mention " + source + ":\n" + help.output);
        }
    }

    @Test
    void redisCommandsWithNothingRunningSayWhatIsMissing() throws Exception {
        for (String[] command : List.of(new String[] {"kill", "redis-primary"}, new String[] {"start", "redis-1"},
                new String[] {"stop", "redis"})) {
            Run run = shop(command);

            assertEquals(1, run.exitCode, run.output);
            assertTrue(run.output.contains("no topology is running"), run.output);
        }
    }

    private Run shop(String... args) throws IOException, InterruptedException {
        List<String> command = new java.util.ArrayList<>(List.of(Path.of("shop").toAbsolutePath().toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("SHOP_WORK_DIR", workDir.toString());
        Process process = builder.start();
        assertTrue(process.waitFor(30, TimeUnit.SECONDS), "deployment/shop " + String.join(" ", args) + " hung");
        return new Run(process.exitValue(), new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
    }

    private static String readme() throws IOException {
        return Files.readString(Path.of("README.md"), StandardCharsets.UTF_8);
    }

    private record Run(int exitCode, String output) {
    }
}
