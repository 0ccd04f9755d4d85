package dev.sessionshop.deployment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Page 6 quotes the committed benchmark report (docs/benchmark/README.md, written by benchmark/run): when a
 * new run replaces the report, the page's figures must follow, or this fails and names the figure. Checked:
 * the failover row (errors, served again after, carts lost) and the throughput ratios against sticky.
 */
class BenchmarkFiguresTest {

    private static final String PAGE = "docs/06-the-three-compared.md";
    private static final String REPORT = "docs/benchmark/README.md";
    private static final List<String> STRATEGIES = List.of("sticky", "clustering", "external");

    @Test
    void pageSixQuotesTheReportsFailoverFigures() throws IOException {
        Map<String, List<String>> report = new LinkedHashMap<>();
        Matcher row = Pattern.compile("(?m)^\\| (sticky|clustering|external) \\| (\\d+) \\| (\\d+) \\| (\\d+ ms) \\| (\\d+ of \\d+) \\|")
                .matcher(DocsGuardTest.read(REPORT));
        while (row.find()) {
            report.put(row.group(1), List.of(row.group(3), row.group(4), row.group(5)));
        }
        assertEquals(STRATEGIES, List.copyOf(report.keySet()), "the report's failover table");

        List<String> cells = row(DocsGuardTest.read(PAGE), "failover: errors, served again after, carts lost");
        for (int i = 0; i < STRATEGIES.size(); i++) {
            String cell = cells.get(i).replace("*", "");
            for (String figure : report.get(STRATEGIES.get(i))) {
                assertTrue(cell.contains(figure), PAGE + ", failover of " + STRATEGIES.get(i) + ": the report has "
                        + figure + ", the page says: " + cell);
            }
        }
    }

    @Test
    void pageSixQuotesTheReportsThroughputRatios() throws IOException {
        String report = DocsGuardTest.read(REPORT);
        List<String> cells = row(DocsGuardTest.read(PAGE), "requests/s, *browse* / *shop*");
        for (int i = 1; i < STRATEGIES.size(); i++) {
            String strategy = STRATEGIES.get(i);
            String browse = ratio(report, strategy, "browse");
            String shop = ratio(report, strategy, "shop");
            assertTrue(cells.get(i).contains("(" + browse + " / " + shop + " ×)"), PAGE + ", " + strategy
                    + ": the report has " + browse + " / " + shop + " ×, the page says: " + cells.get(i));
        }
    }

    /** The cells after the row's title in the page's table, one per strategy. */
    private static List<String> row(String page, String title) {
        Matcher line = Pattern.compile("(?m)^\\| " + Pattern.quote(title) + " \\|(.*)\\|$").matcher(page);
        assertTrue(line.find(), PAGE + " has no row '" + title + "'");
        List<String> cells = List.of(line.group(1).split("\\|"));
        assertEquals(3, cells.size(), "one cell per strategy: " + line.group());
        return cells.stream().map(String::strip).toList();
    }

    /** The report's measured ratio in its Targets table, e.g. "0.37". */
    private static String ratio(String report, String strategy, String mix) {
        Matcher target = Pattern.compile("(?m)^\\| " + strategy + " throughput, " + mix + ", [^|]+\\| ([0-9.]+) × \\|")
                .matcher(report);
        assertTrue(target.find(), REPORT + " has no " + strategy + " " + mix + " throughput target");
        return target.group(1);
    }
}
