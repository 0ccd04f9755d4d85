package dev.sessionshop.deployment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Keeps the READMEs and the tutorial in {@code docs/} true: every file they link or name exists, every
 * launcher command, compose service and Maven goal they show is real, and every shop URL they print names a
 * route the application has. A renamed file, command or endpoint fails the build instead of misleading a
 * reader.
 */
class DocsGuardTest {

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final Pattern LINK = Pattern.compile("\\]\\(([^)#\\s]+)[^)]*\\)");
    private static final Pattern LINK_TO_HEADING = Pattern.compile("\\]\\(([^)#\\s]*\\.md|)#([^)\\s]+)\\)");
    private static final Pattern HEADING = Pattern.compile("(?m)^#{1,6} +(.+?) *#* *$");
    private static final Pattern FENCED_BLOCK = Pattern.compile("(?ms)^```.*?^```");
    private static final Pattern REPO_PATH = Pattern.compile(
            "(?<![\\w/.-])((?:app-ejb|app-web|session-store|deployment|nginx|docs|\\.ci)(?:/[\\w.@-]+)*/?)");
    /** A compose command on one service; without --profile it runs on the default profile (.env). */
    private static final Pattern COMPOSE_SERVICE_COMMAND = Pattern.compile(
            "docker(?: |-)compose(?: --profile (\\w+))? (?:kill|start|stop|restart|logs -f|logs|exec(?: -T)?) ([a-z][\\w-]*)");
    private static final Pattern LAUNCHER_COMMAND = Pattern.compile("deployment/shop ([a-z]+)");
    /** {@code benchmark/run} and the options after it. */
    private static final Pattern BENCHMARK_COMMAND = Pattern.compile("benchmark/run((?: +--[a-z-]+(?: +[\\w,./]+)?)*)");
    private static final Pattern OPTION = Pattern.compile("--[a-z-]+");
    /** {@code ./mvnw} or {@code ../mvnw} and its arguments, up to the end of the command. */
    private static final Pattern MAVEN_COMMAND = Pattern.compile("(?<![\\w/])\\.{1,2}/mvnw((?: +[^\\s#;&|`)]+)*)");
    private static final Set<String> LIFECYCLE_PHASES = Set.of(
            "clean", "validate", "compile", "test-compile", "test", "package", "integration-test", "verify",
            "install", "deploy", "site", "dependency:tree", "dependency:go-offline");
    /** Maven options whose value is the next word. */
    private static final Set<String> OPTIONS_WITH_VALUE = Set.of("-pl", "--projects", "-P", "-f", "-T", "-rf", "-s");
    /** A Maven profile switched on in a command: -Pname or -P name. */
    private static final Pattern MAVEN_PROFILE = Pattern.compile("(?:^| )-P ?([\\w,-]+)");
    /** A test class named to Maven: -Dtest=… or -Dit.test=… */
    private static final Pattern MAVEN_TEST_FILTER = Pattern.compile("-D(?:it\\.)?test=([\\w,*#]+)");
    /** An API request as docs/api.md and the pages write it: `GET /api/cart`. */
    private static final Pattern API_REQUEST = Pattern.compile("`(?:GET|POST|PUT|DELETE) (/[^`\\s]*)`");
    /** A constant that names a session attribute: static final String CART = "shop.cart". */
    private static final Pattern SESSION_ATTRIBUTE = Pattern.compile("static final String \\w+ = \"(shop\\.\\w+)\"");
    private static final List<String> NUMBERS = List.of(
            "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten");
    /** A URL on the shop as a reader reaches it: through nginx on port 8080. */
    private static final Pattern SHOP_URL = Pattern.compile(
            "https?://(?:127\\.0\\.0\\.1|localhost):8080(/[^\\s)\"'`<>\\]|]*)?");

    static Stream<String> documents() {
        Stream<String> readmes = Stream.of(
                "README.md", "README.ko.md", "deployment/README.md", "deployment/DOCKER.md", "session-store/README.md");
        return Stream.of(readmes, tutorialPages(), KoreanCompanionTest.koreanPages(), benchmarkReports())
                .flatMap(documents -> documents);
    }

    /** Written by benchmark/run, committed (docs/benchmark and a folder per comparison): their links and commands must hold too. */
    static Stream<String> benchmarkReports() {
        try (Stream<Path> files = Files.walk(ROOT.resolve("docs/benchmark"))) {
            return files.filter(file -> file.getFileName().toString().equals("README.md"))
                    .map(file -> ROOT.relativize(file).toString().replace('\\', '/'))
                    .sorted()
                    .toList()
                    .stream();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The root READMEs and the tutorial: the documents that send readers to the shop's URLs. */
    static Stream<String> documentsWithShopUrls() {
        return Stream.concat(Stream.concat(Stream.of("README.md", "README.ko.md"), tutorialPages()),
                KoreanCompanionTest.koreanPages());
    }

    static Stream<String> tutorialPages() {
        try (Stream<Path> files = Files.list(ROOT.resolve("docs"))) {
            return files.map(file -> "docs/" + file.getFileName())
                    .filter(name -> name.endsWith(".md"))
                    .sorted()
                    .toList()
                    .stream();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("documents")
    void everyLinkedOrNamedFileExists(String document) throws IOException {
        String text = read(document);
        Set<String> missing = new TreeSet<>();
        Matcher link = LINK.matcher(text);
        while (link.find()) {
            String target = link.group(1);
            if (!target.contains("://") && !target.startsWith("mailto:")
                    && !Files.exists(ROOT.resolve(document).getParent().resolve(target))) {
                missing.add(target);
            }
        }
        Matcher path = REPO_PATH.matcher(text);
        while (path.find()) {
            String named = path.group(1).replaceAll("[.]$", "");
            // Build outputs (target/) are named as places where things appear, not as files in the repository.
            if (!named.contains("<") && !named.contains("/target") && !Files.exists(ROOT.resolve(named))) {
                missing.add(named);
            }
        }
        assertEquals(Set.of(), missing, document + " names files that do not exist");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("documents")
    void everyLinkToAHeadingFindsTheHeading(String document) throws IOException {
        Set<String> missing = new TreeSet<>();
        Matcher link = LINK_TO_HEADING.matcher(read(document));
        while (link.find()) {
            Path target = link.group(1).isEmpty()
                    ? ROOT.resolve(document) : ROOT.resolve(document).getParent().resolve(link.group(1)).normalize();
            if (Files.isRegularFile(target) && !headingAnchors(target).contains(link.group(2))) {
                missing.add(link.group(1) + "#" + link.group(2));
            }
        }
        assertEquals(Set.of(), missing, document + " links to headings that do not exist");
    }

    /** The anchors GitHub gives a Markdown file's headings: lower case, punctuation dropped, spaces as hyphens. */
    private static Set<String> headingAnchors(Path markdown) throws IOException {
        String text = FENCED_BLOCK.matcher(Files.readString(markdown, StandardCharsets.UTF_8)).replaceAll("");
        Set<String> anchors = new TreeSet<>();
        Matcher heading = HEADING.matcher(text);
        while (heading.find()) {
            anchors.add(heading.group(1).toLowerCase(Locale.ROOT)
                    .replaceAll("[^\\p{L}\\p{N} _-]", "").replace(' ', '-'));
        }
        return anchors;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("documents")
    void everyLauncherCommandShownIsOneTheLauncherHas(String document) throws Exception {
        String help = launcherHelp();
        List<String> unknown = new ArrayList<>();
        Matcher command = LAUNCHER_COMMAND.matcher(read(document));
        while (command.find()) {
            if (!help.contains("  " + command.group(1)) && !help.contains("| " + command.group(1))) {
                unknown.add(command.group(1));
            }
        }
        assertTrue(unknown.isEmpty(), document + " shows launcher commands it does not have: " + unknown);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("documents")
    void everyBenchmarkOptionShownIsOneTheBenchmarkHas(String document) throws Exception {
        String text = read(document);
        Matcher command = BENCHMARK_COMMAND.matcher(text);
        if (!command.find()) {
            return;
        }
        String help = benchmarkHelp();
        List<String> unknown = new ArrayList<>();
        do {
            Matcher option = OPTION.matcher(command.group(1));
            while (option.find()) {
                if (!help.contains(option.group() + " ")) {
                    unknown.add(option.group());
                }
            }
        } while (command.find());
        assertTrue(unknown.isEmpty(), document + " shows benchmark options it does not have: " + unknown);
    }

    /**
     * Every service a compose command names exists, in the profile the command runs: the one after
     * {@code --profile}, or without it the default profile of the committed .env ({@code docker compose kill
     * sticky-shop-2} would find no such service in a plain {@code docker compose up}'s project).
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("composeDocuments")
    void everyComposeServiceNamedInACommandIsInTheComposeFileAndItsProfile(String document) throws IOException {
        String compose = read("docker-compose.yml");
        String defaultProfile = ReadmeCommandsTest.defaultProfile();
        List<String> unknown = new ArrayList<>();
        Matcher command = COMPOSE_SERVICE_COMMAND.matcher(read(document));
        while (command.find()) {
            String profile = command.group(1) != null ? command.group(1) : defaultProfile;
            String service = command.group(2);
            if (!compose.contains("\n  " + service + ":")) {
                unknown.add(service);
            } else if (!service.startsWith(profile + "-")) {
                unknown.add(service + " (not in the profile " + profile + ")");
            }
        }
        assertTrue(unknown.isEmpty(), document + " names compose services that do not exist there: " + unknown);
    }

    static Stream<String> composeDocuments() {
        return Stream.concat(documents(), Stream.of("docker-compose.yml"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("documents")
    void everyMavenCommandRunsAPhaseOrGoalOnModulesThatExist(String document) throws IOException {
        List<String> wrong = new ArrayList<>();
        Matcher command = MAVEN_COMMAND.matcher(read(document));
        while (command.find()) {
            List<String> words = List.of(command.group(1).trim().split(" +"));
            List<String> goals = new ArrayList<>();
            for (int i = 0; i < words.size(); i++) {
                String word = words.get(i);
                if (word.isEmpty()) {
                    continue;
                }
                if (OPTIONS_WITH_VALUE.contains(word) && i + 1 < words.size()) {
                    String value = words.get(++i);
                    if (word.equals("-pl") || word.equals("--projects")) {
                        for (String module : value.split(",")) {
                            if (!Files.isRegularFile(ROOT.resolve(module.replaceFirst("^:", "")).resolve("pom.xml"))) {
                                wrong.add("module " + module + " in: mvnw" + command.group(1));
                            }
                        }
                    }
                } else if (!word.startsWith("-")) {
                    goals.add(word);
                }
            }
            if (goals.isEmpty() || !goals.stream().allMatch(LIFECYCLE_PHASES::contains)) {
                wrong.add("goals " + goals + " in: mvnw" + command.group(1));
            }
        }
        assertTrue(wrong.isEmpty(), document + " shows Maven commands that cannot run: " + wrong);
    }

    /**
     * Commands run from the repository root (where mvnw is), every -P profile is one a pom declares, and
     * every test class a -Dtest or -Dit.test names exists.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("documents")
    void everyMavenCommandRunsFromTheRootWithProfilesAndTestsThatExist(String document) throws IOException {
        String poms = poms();
        Set<String> testClasses = testClasses();
        List<String> wrong = new ArrayList<>();
        Matcher command = MAVEN_COMMAND.matcher(read(document));
        while (command.find()) {
            String arguments = command.group(1);
            if (command.group().startsWith("../")) {
                wrong.add("../mvnw (commands run from the repository root: ./mvnw)");
            }
            Matcher profile = MAVEN_PROFILE.matcher(arguments);
            while (profile.find()) {
                for (String id : profile.group(1).split(",")) {
                    if (!poms.contains("<id>" + id + "</id>")) {
                        wrong.add("profile " + id + " in: mvnw" + arguments);
                    }
                }
            }
            Matcher tests = MAVEN_TEST_FILTER.matcher(arguments);
            while (tests.find()) {
                for (String test : tests.group(1).split(",")) {
                    String name = test.replaceFirst("#.*$", "");
                    if (!name.equals("NONE") && !name.contains("*") && !testClasses.contains(name)) {
                        wrong.add("test class " + name + " in: mvnw" + arguments);
                    }
                }
            }
        }
        assertTrue(wrong.isEmpty(), document + " shows Maven commands that disagree with the build: " + wrong);
    }

    /** docs/api.md and the pages write requests as `GET /api/…`: each names a route the application has. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("tutorialPages")
    void everyApiRequestShownNamesARouteTheApplicationHas(String document) throws IOException {
        ShopRoutes routes = ShopRoutes.scan(ROOT);
        Set<String> unknown = new TreeSet<>();
        Matcher request = API_REQUEST.matcher(read(document));
        while (request.find()) {
            String path = request.group(1).replaceAll("[?#].*$", "");
            if (!routes.matches(path)) {
                unknown.add(path);
            }
        }
        assertTrue(unknown.isEmpty(), document + " shows API requests the application does not serve: " + unknown);
    }

    @Test
    void theApiPageShowsTheApi() throws IOException {
        Matcher request = API_REQUEST.matcher(read("docs/api.md"));
        int count = 0;
        while (request.find()) {
            count++;
        }
        assertTrue(count >= 15, "docs/api.md lists the API's requests, found " + count);
    }

    /** The root pom and every module's, one after the other. */
    /**
     * Page 1 lists every attribute the shop keeps in a session, read from the two classes that set them,
     * and counts them right ("up to five attributes").
     */
    @Test
    void pageOneListsEverySessionAttributeTheShopKeeps() throws IOException {
        Set<String> kept = new TreeSet<>();
        for (String source : List.of("app-web/src/main/java/dev/sessionshop/web/session/ShopSession.java",
                "app-web/src/main/java/dev/sessionshop/web/cart/SessionCart.java")) {
            Matcher constant = SESSION_ATTRIBUTE.matcher(read(source));
            while (constant.find()) {
                kept.add(constant.group(1));
            }
        }
        String page = read("docs/01-how-a-session-works.md");
        Set<String> listed = new TreeSet<>();
        Matcher row = Pattern.compile("(?m)^\\| `(shop\\.\\w+)` \\|").matcher(page);
        while (row.find()) {
            listed.add(row.group(1));
        }
        assertEquals(kept, listed, "the attributes docs/01 lists against those the code keeps");
        Matcher count = Pattern.compile("The shop keeps (?:up to )?(\\w+) attributes").matcher(page);
        assertTrue(count.find(), "docs/01 says how many attributes the shop keeps");
        assertEquals(NUMBERS.get(kept.size()), count.group(1), "docs/01's count of session attributes");
    }

    private static String poms() throws IOException {
        StringBuilder all = new StringBuilder(read("pom.xml"));
        try (Stream<Path> modules = Files.list(ROOT)) {
            for (Path pom : modules.map(module -> module.resolve("pom.xml")).filter(Files::isRegularFile).toList()) {
                all.append(Files.readString(pom, StandardCharsets.UTF_8));
            }
        }
        return all.toString();
    }

    /** The simple names of every module's test classes. */
    private static Set<String> testClasses() throws IOException {
        Set<String> names = new TreeSet<>();
        try (Stream<Path> modules = Files.list(ROOT)) {
            for (Path tests : modules.map(module -> module.resolve("src/test/java")).filter(Files::isDirectory).toList()) {
                try (Stream<Path> files = Files.walk(tests)) {
                    files.filter(file -> file.toString().endsWith(".java"))
                            .forEach(file -> names.add(file.getFileName().toString().replaceFirst("\\.java$", "")));
                }
            }
        }
        return names;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("documentsWithShopUrls")
    void everyShopUrlNamesARouteTheApplicationHas(String document) throws IOException {
        ShopRoutes routes = ShopRoutes.scan(ROOT);
        Set<String> unknown = new TreeSet<>();
        Matcher url = SHOP_URL.matcher(read(document));
        while (url.find()) {
            String path = url.group(1) == null ? "/" : url.group(1).replaceAll("[?#].*$", "").replaceAll("[.,:;]+$", "");
            if (!routes.matches(path)) {
                unknown.add(path);
            }
        }
        assertTrue(unknown.isEmpty(), document + " shows shop URLs the application does not serve: " + unknown
                + "; known routes: " + routes);
    }

    @Test
    void routeScanFindsTheApiThePagesAndPayarasHealth() {
        ShopRoutes routes = ShopRoutes.scan(ROOT);
        for (String path : List.of("/", "/products/kettle", "/cart", "/session", "/api/products", "/api/products/kettle",
                "/api/session", "/api/session/location", "/api/cart/items/kettle", "/api/cluster", "/health/ready",
                "/labs", "/api/labs/in-place", "/api/labs/ip-hash", "/css/shop.css")) {
            assertTrue(routes.matches(path), path + " is a route: " + routes);
        }
        for (String path : List.of("/api/nothing", "/api", "/sessions", "/api/cart/items/kettle/more")) {
            assertFalse(routes.matches(path), path + " is not a route: " + routes);
        }
    }

    static String read(String document) throws IOException {
        return Files.readString(ROOT.resolve(document), StandardCharsets.UTF_8);
    }

    private static String launcherHelp() throws IOException, InterruptedException {
        Process process = new ProcessBuilder(ROOT.resolve("deployment/shop").toString(), "help")
                .redirectErrorStream(true).start();
        assertTrue(process.waitFor(30, TimeUnit.SECONDS), "deployment/shop help did not finish");
        assertEquals(0, process.exitValue());
        return new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    }

    /** {@code benchmark/run --help}, after the build it may need first. */
    private static String benchmarkHelp() throws IOException, InterruptedException {
        Process process = new ProcessBuilder(ROOT.resolve("benchmark/run").toString(), "--help")
                .redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "benchmark/run --help did not finish");
        assertEquals(0, process.exitValue(), output);
        // On a fresh clone under `./mvnw test` the benchmark jar is not packaged yet: benchmark/run builds it
        // first and says so ("benchmark: building …") before its usage.
        int usage = output.indexOf("Usage: benchmark/run");
        assertTrue(usage >= 0, output);
        return output.substring(usage);
    }

    /**
     * The URL paths the shop answers through nginx, read from the sources rather than listed here, so a new
     * resource or page is known as soon as it is written: JAX-RS {@code @Path}s (class and method) under the
     * {@code @ApplicationPath}, {@code @WebServlet} URL patterns, static files of the web application, and
     * Payara Micro's own {@code /health} endpoints (nginx passes {@code /health} through).
     */
    static final class ShopRoutes {

        private static final Pattern APPLICATION_PATH = Pattern.compile("@ApplicationPath\\(\"/?([^\"]*)\"\\)");
        private static final Pattern JAX_RS_PATH = Pattern.compile("@Path\\(\"/?([^\"]*)\"\\)");
        private static final Pattern CLASS_DECLARATION = Pattern.compile(
                "(?m)^(?:public\\s+|final\\s+|abstract\\s+)*(?:class|record|interface|enum)\\s+\\w+");
        private static final Pattern WEB_SERVLET = Pattern.compile("@WebServlet\\(([^)]*)\\)");
        private static final Pattern QUOTED = Pattern.compile("\"([^\"]*)\"");
        private static final List<String> PAYARA_HEALTH = List.of("/health", "/health/ready", "/health/live", "/health/started");

        private final List<Pattern> routes;
        private final List<String> shown;

        private ShopRoutes(List<Pattern> routes, List<String> shown) {
            this.routes = routes;
            this.shown = shown;
        }

        static ShopRoutes scan(Path root) {
            Path java = root.resolve("app-web/src/main/java");
            Path webapp = root.resolve("app-web/src/main/webapp");
            List<String> sources = javaSources(java);
            String applicationPath = sources.stream()
                    .map(APPLICATION_PATH::matcher).filter(Matcher::find).map(m -> m.group(1))
                    .findFirst().orElseThrow(() -> new AssertionError("no @ApplicationPath under " + java));
            List<String> templates = new ArrayList<>(PAYARA_HEALTH);
            for (String source : sources) {
                templates.addAll(jaxRsPaths(source, applicationPath));
                templates.addAll(servletPatterns(source));
            }
            List<Pattern> patterns = new ArrayList<>(templates.stream().map(ShopRoutes::toRegex).toList());
            // Static files (css, pictures) are served as they are; WEB-INF is never served.
            patterns.add(Pattern.compile("/(?:" + staticFiles(webapp) + ")"));
            return new ShopRoutes(patterns, templates);
        }

        boolean matches(String path) {
            return routes.stream().anyMatch(route -> route.matcher(path).matches());
        }

        @Override
        public String toString() {
            return shown.toString();
        }

        private static List<String> jaxRsPaths(String source, String applicationPath) {
            if (!source.contains("jakarta.ws.rs.Path")) {
                return List.of();
            }
            Matcher declaration = CLASS_DECLARATION.matcher(source);
            if (!declaration.find()) {
                return List.of();
            }
            String classPath = null;
            List<String> methodPaths = new ArrayList<>();
            Matcher path = JAX_RS_PATH.matcher(source);
            while (path.find()) {
                if (path.start() < declaration.start()) {
                    classPath = path.group(1);
                } else {
                    methodPaths.add(path.group(1));
                }
            }
            if (classPath == null) {
                return List.of();  // a sub-resource or a provider, not reachable by itself
            }
            String base = "/" + applicationPath + "/" + classPath;
            List<String> paths = new ArrayList<>(List.of(base));
            methodPaths.forEach(method -> paths.add(base + "/" + method));
            return paths;
        }

        private static List<String> servletPatterns(String source) {
            List<String> patterns = new ArrayList<>();
            Matcher servlet = WEB_SERVLET.matcher(source);
            while (servlet.find()) {
                Matcher quoted = QUOTED.matcher(servlet.group(1));
                while (quoted.find()) {
                    String pattern = quoted.group(1);
                    if (pattern.isEmpty()) {
                        patterns.add("/");                      // "" is the context root only
                    } else if (pattern.endsWith("/*")) {
                        String prefix = pattern.substring(0, pattern.length() - 2);
                        patterns.add(prefix);
                        patterns.add(prefix + "/**");
                    } else if (pattern.startsWith("/")) {
                        patterns.add(pattern);
                    }
                }
            }
            return patterns;
        }

        /** {param} in a JAX-RS path is one segment, /** in a servlet prefix any rest; a doc's <name> is one segment. */
        private static Pattern toRegex(String template) {
            String regex = template.replaceAll("/+", "/")
                    .replace("/**", "\u0001")
                    .replaceAll("\\{[^}]+}", "\u0002");
            regex = Pattern.quote(regex)
                    .replace("\u0001", "\\E(?:/.*)?\\Q")
                    .replace("\u0002", "\\E[^/]+\\Q");
            return Pattern.compile(regex + "/?");
        }

        private static String staticFiles(Path webapp) {
            try (Stream<Path> files = Files.walk(webapp)) {
                List<String> names = files.filter(Files::isRegularFile)
                        .map(file -> webapp.relativize(file).toString().replace('\\', '/'))
                        .filter(name -> !name.startsWith("WEB-INF/") && !name.startsWith("META-INF/"))
                        .map(Pattern::quote)
                        .toList();
                return names.isEmpty() ? "(?!)" : String.join("|", names);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        private static List<String> javaSources(Path java) {
            try (Stream<Path> files = Files.walk(java)) {
                return files.filter(file -> file.toString().endsWith(".java")).map(file -> {
                    try {
                        return Files.readString(file, StandardCharsets.UTF_8);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }).toList();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
