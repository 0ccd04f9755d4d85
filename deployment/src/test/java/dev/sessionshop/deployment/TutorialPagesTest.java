package dev.sessionshop.deployment;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The tutorial's shape: six numbered pages, linked from the README in reading order, and each strategy's page
 * ends the way a reader can check for themselves, with an "Expected result" that shows a screenshot and a
 * "Clean up" that leaves nothing running.
 */
class TutorialPagesTest {

    static final List<String> PAGES = List.of(
            "docs/01-how-a-session-works.md",
            "docs/02-sticky-sessions.md",
            "docs/03-session-clustering.md",
            "docs/04-external-session-store.md",
            "docs/05-labs.md",
            "docs/06-the-three-compared.md");

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final Pattern HEADING = Pattern.compile("(?m)^(#{1,6}) +(.+?) *$");
    private static final Pattern FENCED_BLOCK = Pattern.compile("(?ms)^```[^\\n]*\\n.*?^```");
    private static final Pattern IMAGE = Pattern.compile("!\\[[^\\]]*]\\(([^)\\s]+)\\)");

    @Test
    void everyPageExists() {
        List<String> missing = PAGES.stream().filter(page -> !Files.isRegularFile(ROOT.resolve(page))).toList();
        assertTrue(missing.isEmpty(), "tutorial pages missing: " + missing);
    }

    @Test
    void theReadmeLinksThePagesInReadingOrder() throws IOException {
        String readme = DocsGuardTest.read("README.md");
        int previous = -1;
        for (String page : PAGES) {
            int at = readme.indexOf("](" + page + ")");
            assertTrue(at >= 0, "README.md does not link " + page);
            assertTrue(at > previous, "README.md links " + page + " before the page that comes ahead of it");
            previous = at;
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
        "docs/02-sticky-sessions.md", "docs/03-session-clustering.md", "docs/04-external-session-store.md"})
    void strategyPagesShowAnExpectedResultWithAScreenshotAndHowToCleanUp(String page) throws IOException {
        String text = DocsGuardTest.read(page);
        String expected = section(text, "Expected result");
        assertTrue(expected != null, page + " has no \"Expected result\" section");
        Matcher image = IMAGE.matcher(expected);
        assertTrue(image.find(), page + ": \"Expected result\" shows no image");
        do {
            Path picture = ROOT.resolve(page).getParent().resolve(image.group(1)).normalize();
            assertTrue(Files.isRegularFile(picture), page + " shows a picture that does not exist: " + image.group(1));
        } while (image.find());
        assertTrue(section(text, "Clean up") != null, page + " has no \"Clean up\" section");
    }

    /**
     * Tests never write into the repository: the browser tour saves its screenshots under target/ unless the
     * docs-screenshots profile, the one documented way to refresh docs/images, says otherwise.
     */
    @Test
    void theBrowserTourWritesUnderTargetUnlessTheDocsScreenshotsProfileIsOn() throws IOException {
        String pom = DocsGuardTest.read("deployment/pom.xml");
        String browser = DocsGuardTest.read("deployment/src/test/java/dev/sessionshop/e2e/Browser.java");
        assertTrue(pom.contains("<shop.screenshots>${project.build.directory}/screenshots</shop.screenshots>"),
                "by default under target/");
        assertTrue(pom.contains("<shop.screenshots>${shop.screenshots}</shop.screenshots>"), "passed to the tests");
        Matcher profile = Pattern.compile("(?s)<id>docs-screenshots</id>\\s*<properties>\\s*"
                + "<shop.screenshots>\\$\\{project.basedir}/../docs/images</shop.screenshots>").matcher(pom);
        assertTrue(profile.find(), "-Pdocs-screenshots writes docs/images");
        assertTrue(browser.contains("System.getProperty(\"shop.screenshots\", \"target/screenshots\")"),
                "Browser saves where it is told, target/screenshots without a word");
        assertTrue(!browser.contains("\"docs\""), "Browser names no docs directory of its own");
        assertTrue(DocsGuardTest.read("deployment/README.md").contains("./mvnw -B verify -Pdocs-screenshots"),
                "deployment/README.md documents the refresh");
    }

    /** The text under the heading with exactly this title, up to the next heading of the same or a higher level. */
    private static String section(String markdown, String title) {
        // A "# comment" in a fenced shell block is not a heading.
        String text = FENCED_BLOCK.matcher(markdown).replaceAll("```\n```");
        Matcher heading = HEADING.matcher(text);
        int start = -1;
        int level = 0;
        while (heading.find()) {
            if (start >= 0 && heading.group(1).length() <= level) {
                return text.substring(start, heading.start());
            }
            if (start < 0 && heading.group(2).equals(title)) {
                start = heading.end();
                level = heading.group(1).length();
            }
        }
        return start >= 0 ? text.substring(start) : null;
    }
}
