package dev.sessionshop.deployment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The Korean companion (README.ko.md, docs/ko/) says in Korean what the English pages say, and runs the same
 * commands: a command changed on one side only, or a test it cites that no longer exists, fails here.
 */
class KoreanCompanionTest {

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    /** A fenced block with its info string ("bash", "mermaid", none…): every block, so none is read from its end. */
    private static final Pattern FENCED_BLOCK = Pattern.compile("(?ms)^```([\\w-]*)\\n(.*?)^```[ \\t]*$");
    /** A test cited as `Class.method`. */
    private static final Pattern TEST_CITED = Pattern.compile("`([A-Z]\\w*(?:Test|IT))\\.(\\w+)`");

    static Stream<String> koreanPages() {
        try (Stream<Path> files = Files.list(ROOT.resolve("docs/ko"))) {
            return files.map(file -> "docs/ko/" + file.getFileName()).filter(name -> name.endsWith(".md")).sorted()
                    .toList().stream();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void theKoreanReadmeShowsExactlyTheEnglishReadmesCommands() throws IOException {
        assertEquals(ReadmeCommandsTest.commands(DocsGuardTest.read("README.md")),
                ReadmeCommandsTest.commands(DocsGuardTest.read("README.ko.md")));
    }

    @Test
    void bothReadmesLinkEachOtherAndTheStudyNotePage() throws IOException {
        String english = DocsGuardTest.read("README.md");
        String korean = DocsGuardTest.read("README.ko.md");
        assertTrue(english.contains("](README.ko.md)") && english.contains("](docs/ko/study-note.md)"), "README.md");
        assertTrue(korean.contains("](README.md)") && korean.contains("](docs/ko/study-note.md)"), "README.ko.md");
        assertTrue(korean.lines().count() <= 90, "README.ko.md is a front door too");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("koreanPages")
    void everyCommandOnAKoreanPageIsOneAnEnglishPageShows(String page) throws IOException {
        Set<String> english = englishCommands();
        List<String> unknown = new ArrayList<>();
        for (String command : fencedCommands(DocsGuardTest.read(page))) {
            if (!english.contains(command)) {
                unknown.add(command);
            }
        }
        assertEquals(List.of(), unknown, page + ": commands no English page shows (the same command, word for word)");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("koreanPages")
    void everyTestAKoreanPageCitesExists(String page) throws IOException {
        List<String> missing = new ArrayList<>();
        Matcher cited = TEST_CITED.matcher(DocsGuardTest.read(page));
        int count = 0;
        while (cited.find()) {
            count++;
            Path source = testSource(cited.group(1));
            if (source == null || !declares(source, cited.group(2))) {
                missing.add(cited.group(1) + "." + cited.group(2));
            }
        }
        assertEquals(List.of(), missing, page + " cites tests that do not exist");
        assertTrue(!page.endsWith("study-note.md") || count >= 12, "the study note's claims each name a test: " + count);
    }

    /** The study note's own terms, so a Korean reader finds each claim under the name they know it by. */
    @Test
    void theStudyNotePageAnswersTheNoteInItsOwnTerms() throws IOException {
        String page = DocsGuardTest.read("docs/ko/study-note.md");
        for (String term : List.of("정합성", "가용성", "스티키 세션", "세션 클러스터링", "세션 스토리지 분리")) {
            assertTrue(page.contains(term), "docs/ko/study-note.md uses the note's term " + term);
        }
    }

    /** Lines of fenced shell blocks, without their comments, trimmed. */
    static Set<String> fencedCommands(String markdown) {
        Set<String> commands = new LinkedHashSet<>();
        Matcher block = FENCED_BLOCK.matcher(markdown);
        while (block.find()) {
            if (!List.of("bash", "sh", "").contains(block.group(1))) {
                continue;
            }
            for (String line : block.group(2).split("\n")) {
                String command = line.replaceFirst("(^|\\s+)#\\s.*$", "").strip();
                if (!command.isEmpty()) {
                    commands.add(command);
                }
            }
        }
        return commands;
    }

    private static Set<String> englishCommands() throws IOException {
        Set<String> commands = new TreeSet<>(ReadmeCommandsTest.commands(DocsGuardTest.read("README.md")));
        for (String document : DocsGuardTest.documents()
                .filter(name -> !name.startsWith("docs/ko/") && !name.equals("README.ko.md")).toList()) {
            commands.addAll(fencedCommands(DocsGuardTest.read(document)));
        }
        return commands;
    }

    private static Path testSource(String className) throws IOException {
        try (Stream<Path> modules = Files.list(ROOT)) {
            for (Path tests : modules.map(module -> module.resolve("src/test/java")).filter(Files::isDirectory).toList()) {
                try (Stream<Path> files = Files.walk(tests)) {
                    var found = files.filter(file -> file.getFileName().toString().equals(className + ".java")).findFirst();
                    if (found.isPresent()) {
                        return found.get();
                    }
                }
            }
        }
        return null;
    }

    /** The test class declares the method, or inherits it from the contract every strategy's class keeps. */
    private static boolean declares(Path source, String method) throws IOException {
        String text = Files.readString(source);
        Path contract = source.resolveSibling("SessionContract.java");
        return text.contains("void " + method + "(")
                || text.contains(" implements SessionContract") && Files.readString(contract).contains("void " + method + "(");
    }
}
