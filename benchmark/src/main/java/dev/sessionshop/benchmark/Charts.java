package dev.sessionshop.benchmark;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Rectangle;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.ToDoubleFunction;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.category.DefaultCategoryDataset;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.jfree.svg.SVGGraphics2D;

/** The report's charts, drawn by JFreeChart into SVG (JFreeSVG): text files that diff and render on GitHub. */
final class Charts {

    static final String THROUGHPUT = "throughput.svg";
    static final String LATENCY = "latency-p99.svg";
    static final String FAILOVER = "failover.svg";

    private static final int WIDTH = 720;
    private static final int HEIGHT = 380;
    private static final List<Color> MIX_COLOURS = List.of(new Color(0x4E79A7), new Color(0xE15759), new Color(0x59A14F));

    private Charts() {
    }

    static void writeAll(List<StrategyResult> results, Path directory) throws IOException {
        System.setProperty("java.awt.headless", "true");
        write(bars("Throughput: requests per second (higher is better)", "requests per second", results,
                LoadPhase.Result::requestsPerSecond), directory.resolve(THROUGHPUT), "throughput");
        write(bars("Latency: 99th percentile in ms (lower is better)", "p99 latency (ms)", results,
                phase -> phase.percentileMillis(99)), directory.resolve(LATENCY), "latency");
        write(failover(results), directory.resolve(FAILOVER), "failover");
    }

    private static JFreeChart bars(String title, String axis, List<StrategyResult> results, ToDoubleFunction<LoadPhase.Result> value) {
        DefaultCategoryDataset data = new DefaultCategoryDataset();
        for (StrategyResult result : results) {
            result.mixes().forEach((mix, measured) ->
                    data.addValue(value.applyAsDouble(measured.phase()), mix.label() + " mix", result.strategy().id()));
        }
        JFreeChart chart = ChartFactory.createBarChart(title, "strategy", axis, data, PlotOrientation.VERTICAL, true, false, false);
        CategoryPlot plot = chart.getCategoryPlot();
        // Five strategies leave a category about 130 px: one line cut "clustering-sticky" to "clusteri...".
        plot.getDomainAxis().setMaximumCategoryLabelLines(2);
        BarRenderer renderer = (BarRenderer) plot.getRenderer();
        renderer.setBarPainter(new StandardBarPainter());
        renderer.setShadowVisible(false);
        for (int i = 0; i < MIX_COLOURS.size(); i++) {
            renderer.setSeriesPaint(i, MIX_COLOURS.get(i));
        }
        renderer.setDefaultItemLabelGenerator(new org.jfree.chart.labels.StandardCategoryItemLabelGenerator("{2}",
                new java.text.DecimalFormat("0.#")));
        renderer.setDefaultItemLabelsVisible(true);
        style(chart);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
        return chart;
    }

    /**
     * Successful requests per second around the kill and the start that follows it, one line per strategy;
     * failed ones as a second line.
     */
    private static JFreeChart failover(List<StrategyResult> results) {
        XYSeriesCollection data = new XYSeriesCollection();
        int series = 0;
        double startAt = 0;
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, false);
        for (StrategyResult result : results) {
            LoadPhase.Result phase = result.failover().phase();
            double killAt = phase.eventAt() == null ? 0 : phase.eventAt().toMillis() / 1000.0;
            // The start begins where the kill's phase ended.
            startAt = phase.elapsed().toMillis() / 1000.0 - killAt;
            XYSeries ok = new XYSeries(result.strategy().id() + ": served");
            XYSeries failed = new XYSeries(result.strategy().id() + ": failed");
            add(ok, failed, phase, -killAt);
            add(ok, failed, result.failover().restart(), startAt);
            data.addSeries(ok);
            data.addSeries(failed);
            // One colour per strategy, the same in every run (the session panel's instance colours are unrelated).
            Color colour = new Color(result.strategy().colour());
            renderer.setSeriesPaint(series, colour);
            renderer.setSeriesStroke(series, new BasicStroke(2f));
            renderer.setSeriesPaint(series + 1, colour);
            renderer.setSeriesStroke(series + 1, new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[]{4f, 4f}, 0f));
            series += 2;
        }
        JFreeChart chart = ChartFactory.createXYLineChart("Failover under load: shop-" + BenchmarkSettings.KILLED_INSTANCE
                        + " killed at 0 s, started again (requests per second, " + LoadPhase.BUCKET_MILLIS + " ms steps)",
                "seconds from the kill", "requests per second", data, PlotOrientation.VERTICAL, true, false, false);
        XYPlot plot = chart.getXYPlot();
        plot.setRenderer(renderer);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
        plot.setDomainGridlinePaint(Color.LIGHT_GRAY);
        plot.addDomainMarker(marker(0, "SIGKILL"));
        plot.addDomainMarker(marker(startAt, "start"));
        ((NumberAxis) plot.getRangeAxis()).setAutoRangeIncludesZero(true);
        style(chart);
        return chart;
    }

    /** A phase's requests per second, {@code offset} seconds from the kill; the last bucket (after its end) left out. */
    private static void add(XYSeries ok, XYSeries failed, LoadPhase.Result phase, double offset) {
        double perSecond = 1000.0 / LoadPhase.BUCKET_MILLIS;
        for (int b = 0; b < phase.okPerBucket().length - 1; b++) {
            double t = offset + b * LoadPhase.BUCKET_MILLIS / 1000.0;
            ok.add(t, phase.okPerBucket()[b] * perSecond);
            failed.add(t, phase.failedPerBucket()[b] * perSecond);
        }
    }

    private static ValueMarker marker(double at, String label) {
        ValueMarker marker = new ValueMarker(at, Color.RED, new BasicStroke(1f));
        marker.setLabel(label);
        marker.setLabelAnchor(RectangleAnchor.TOP_RIGHT);
        marker.setLabelTextAnchor(TextAnchor.TOP_LEFT);
        return marker;
    }

    private static void style(JFreeChart chart) {
        chart.setBackgroundPaint(Color.WHITE);
        chart.getTitle().setFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
    }

    private static void write(JFreeChart chart, Path file, String idPrefix) throws IOException {
        SVGGraphics2D svg = new SVGGraphics2D(WIDTH, HEIGHT);
        // Fixed ids for the clip paths and gradients: the same figures give the same file.
        svg.setDefsKeyPrefix(idPrefix);
        chart.draw(svg, new Rectangle(0, 0, WIDTH, HEIGHT));
        Files.writeString(file, svg.getSVGDocument(), StandardCharsets.UTF_8);
    }
}
