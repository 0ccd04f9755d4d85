package dev.sessionshop.deployment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Page 6 quotes the committed benchmark report (docs/benchmark/README.md, written by benchmark/run): when a
 * new run replaces the report, the page's figures must follow, or this fails and names the figure. Checked:
 * the page's benchmark table has a column for each strategy the report measured, in the report's order;
 * its failover row (errors, served again after, carts lost) and its throughput ratios against sticky.
 */
class BenchmarkFiguresTest {

    private static final String PAGE = "docs/06-the-three-compared.md";
    private static final String REPORT = "docs/benchmark/README.md";
    private static final String THROUGHPUT_ROW = "requests/s, *browse* / *shop*";
    private static final String ROUTING_REPORT = "docs/benchmark/routing/README.md";
    private static final String CLUSTERING_PAGE = "docs/03-session-clustering.md";
    private static final String STORES_REPORT = "docs/benchmark/stores/README.md";
    private static final String STORES_PAGE = "docs/04-external-session-store.md";
    private static final String LEAN_REPORT = "docs/benchmark/lean/README.md";

    @Test
    void pageSixHasAColumnForEachStrategyTheReportMeasured() throws IOException {
        assertEquals(reportedStrategies(), pageStrategies());
    }

    @Test
    void pageSixQuotesTheReportsFailoverFigures() throws IOException {
        Map<String, List<String>> report = new LinkedHashMap<>();
        Matcher row = Pattern.compile("(?m)^\\| ([a-z-]+) \\| (\\d+) \\| (\\d+) \\| (\\d+ ms) \\| (\\d+ of \\d+) \\|")
                .matcher(DocsGuardTest.read(REPORT));
        while (row.find()) {
            report.put(row.group(1), List.of(row.group(3), row.group(4), row.group(5)));
        }
        List<String> strategies = pageStrategies();
        assertEquals(strategies, List.copyOf(report.keySet()), "the report's failover table");

        List<String> cells = row(DocsGuardTest.read(PAGE), "failover: errors, served again after, carts lost");
        for (int i = 0; i < strategies.size(); i++) {
            String cell = cells.get(i).replace("*", "");
            for (String figure : report.get(strategies.get(i))) {
                assertTrue(cell.contains(figure), PAGE + ", failover of " + strategies.get(i) + ": the report has "
                        + figure + ", the page says: " + cell);
            }
        }
    }

    @Test
    void pageSixQuotesTheReportsThroughputRatios() throws IOException {
        List<String> strategies = pageStrategies();
        List<String> cells = row(DocsGuardTest.read(PAGE), THROUGHPUT_ROW);
        for (int i = 1; i < strategies.size(); i++) {
            String strategy = strategies.get(i);
            String browse = ratio(REPORT, strategy, "browse");
            String shop = ratio(REPORT, strategy, "shop");
            assertTrue(cells.get(i).contains("(" + browse + " / " + shop + " ×)"), PAGE + ", " + strategy
                    + ": the report has " + browse + " / " + shop + " ×, the page says: " + cells.get(i));
        }
    }

    /**
     * Page 3 quotes the routing comparison (docs/benchmark/routing/README.md: sticky, clustering and
     * clustering-sticky in one run) as "`clustering-sticky` 0.70 / 0.72 × sticky": the report's browse and
     * shop ratios for both grid strategies.
     */
    @Test
    void pageThreeQuotesTheRoutingReportsRatios() throws IOException {
        assertQuotesRatios(CLUSTERING_PAGE, ROUTING_REPORT, "clustering", "clustering-sticky");
    }

    /**
     * Page 6's section on issue 17's run quotes docs/benchmark/lean/README.md (sticky, clustering-sticky and
     * external in one --full run) as "`external` 0.70 / 0.75 × sticky": the browse and shop ratios.
     */
    @Test
    void pageSixQuotesTheLeanRunsRatios() throws IOException {
        assertQuotesRatios(PAGE, LEAN_REPORT, "external", "clustering-sticky");
    }

    /** The page says "`clustering` 0.37 / 0.38 × sticky" for each strategy: its browse and shop ratios in the report. */
    private static void assertQuotesRatios(String pagePath, String reportPath, String... strategies) throws IOException {
        String page = DocsGuardTest.read(pagePath);
        for (String strategy : strategies) {
            String quoted = "`" + strategy + "` " + ratio(reportPath, strategy, "browse") + " / "
                    + ratio(reportPath, strategy, "shop") + " × sticky";
            assertTrue(page.contains(quoted), pagePath + " should say " + quoted + ", as " + reportPath + " measured");
        }
    }

    /**
     * Page 4's Redis-or-Memcached table quotes docs/benchmark/stores/README.md (all five strategies in one
     * run) for both stores: the throughput ratios, the round trips of a page view and of a cart change, and
     * the bytes of a typical session.
     */
    @Test
    void pageFourQuotesTheStoresReportsFigures() throws IOException {
        String report = DocsGuardTest.read(STORES_REPORT);
        String page = DocsGuardTest.read(STORES_PAGE);
        String section = page.substring(page.indexOf("### Redis or Memcached?"), page.indexOf("## Clean up"));
        for (String strategy : List.of("external", "external-memcached")) {
            List<String> figures = List.of(
                    ratio(STORES_REPORT, strategy, "browse") + " / " + ratio(STORES_REPORT, strategy, "shop") + " ×",
                    roundTrips(report, strategy, "page view") + " / " + roundTrips(report, strategy, "cart change"),
                    match(report, "(?m)^\\| " + Pattern.quote(strategy) + " \\| (\\d+ B) \\(", strategy + "'s typical session"));
            for (String figure : figures) {
                assertTrue(section.contains(figure), STORES_PAGE + " should quote " + figure + " for " + strategy
                        + ", as " + STORES_REPORT + " measured");
            }
        }
    }

    /** The store round trips of one kind of request in the report's session-cost table, e.g. "1.98". */
    private static String roundTrips(String report, String strategy, String request) {
        return match(report, "(?m)^\\| " + Pattern.quote(strategy) + " \\| " + Pattern.quote(request) + ":[^|]*\\|[^|]*\\| ([0-9.]+) \\|",
                strategy + "'s round trips per " + request);
    }

    private static String match(String text, String regex, String what) {
        Matcher found = Pattern.compile(regex).matcher(text);
        assertTrue(found.find(), STORES_REPORT + " has no " + what);
        return found.group(1);
    }

    /** The strategies of the report's throughput table, in its order (sticky first: the ratios' base). */
    private static List<String> reportedStrategies() throws IOException {
        Matcher row = Pattern.compile("(?m)^\\| ([a-z-]+) \\| browse \\| \\d+ \\| [0-9.]+ \\|").matcher(DocsGuardTest.read(REPORT));
        List<String> strategies = new ArrayList<>();
        while (row.find()) {
            strategies.add(row.group(1));
        }
        assertFalse(strategies.isEmpty(), REPORT + " has no throughput table");
        return strategies;
    }

    /** The column heads of the page's benchmark table, the line two above its throughput row. */
    private static List<String> pageStrategies() throws IOException {
        List<String> lines = DocsGuardTest.read(PAGE).lines().toList();
        int throughput = -1;
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).startsWith("| " + THROUGHPUT_ROW + " |")) {
                throughput = i;
            }
        }
        assertTrue(throughput >= 2, PAGE + " has no row '" + THROUGHPUT_ROW + "'");
        List<String> heads = new ArrayList<>();
        Matcher head = Pattern.compile("`([a-z-]+)`").matcher(lines.get(throughput - 2));
        while (head.find()) {
            heads.add(head.group(1));
        }
        return heads;
    }

    /** The cells after the row's title in the page's table, one per strategy. */
    private static List<String> row(String page, String title) throws IOException {
        Matcher line = Pattern.compile("(?m)^\\| " + Pattern.quote(title) + " \\|(.*)\\|$").matcher(page);
        assertTrue(line.find(), PAGE + " has no row '" + title + "'");
        List<String> cells = List.of(line.group(1).split("\\|"));
        assertEquals(pageStrategies().size(), cells.size(), "one cell per strategy: " + line.group());
        return cells.stream().map(String::strip).toList();
    }

    /** The measured ratio to sticky in the throughput table of the report at {@code reportPath}, e.g. "0.37". */
    private static String ratio(String reportPath, String strategy, String mix) throws IOException {
        Matcher measured = Pattern.compile("(?m)^\\| " + Pattern.quote(strategy) + " \\| " + mix + " \\| \\d+ \\| ([0-9.]+) \\|")
                .matcher(DocsGuardTest.read(reportPath));
        assertTrue(measured.find(), reportPath + " has no " + strategy + " " + mix + " throughput");
        return measured.group(1);
    }
}
