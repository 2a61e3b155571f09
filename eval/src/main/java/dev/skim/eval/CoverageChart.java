package dev.skim.eval;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Coverage (and needle recall@1) against tokens per frame for every chain and both baselines: the x
 * value is the tokens per frame each method really kept, so the baselines sit on the chain's
 * points.
 */
final class CoverageChart {
    private CoverageChart() {}

    static void save(EvalReport report, Path file) throws IOException {
        List<XYChart> charts = new ArrayList<>();
        charts.add(
                chart(
                        report,
                        "Coverage (time-local, R="
                                + report.settings().coverageRadius()
                                + " frames) vs tokens per frame",
                        "coverage",
                        MethodResult::coverage));
        if (!report.needles().isEmpty()) {
            charts.add(
                    chart(
                            report,
                            "Needle recall@1 vs tokens per frame ("
                                    + report.needles().size()
                                    + " needles)",
                            "needle recall@1",
                            r -> r.needleRecallAt1() == null ? 0.0 : r.needleRecallAt1()));
        }
        Charts.saveStacked(charts, file);
    }

    private static XYChart chart(
            EvalReport report, String title, String yTitle, Function<MethodResult, Double> y) {
        XYChart chart =
                new XYChartBuilder()
                        .width(900)
                        .height(480)
                        .title(title)
                        .xAxisTitle("tokens per frame (measured, log scale)")
                        .yAxisTitle(yTitle)
                        .build();
        chart.getStyler().setXAxisLogarithmic(true);
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS);
        chart.getStyler().setMarkerSize(9);
        chart.getStyler().setChartBackgroundColor(java.awt.Color.WHITE);
        Map<String, List<MethodResult>> series = new LinkedHashMap<>();
        boolean several = report.settings().chains().size() > 1;
        for (Comparison c : report.comparisons()) {
            int index = report.settings().chains().indexOf(c.chain()) + 1;
            String suffix = several ? " (vs chain " + index + ")" : "";
            series.computeIfAbsent("chain " + index + ": " + c.chain(), k -> new ArrayList<>())
                    .add(c.result());
            series.computeIfAbsent("grid pooling" + suffix, k -> new ArrayList<>())
                    .add(c.gridPooling());
            series.computeIfAbsent("frame subsampling" + suffix, k -> new ArrayList<>())
                    .add(c.frameSubsampling());
        }
        int i = 0;
        for (Map.Entry<String, List<MethodResult>> e : series.entrySet()) {
            List<MethodResult> points =
                    e.getValue().stream()
                            .filter(r -> r.tokensPerFrame() > 0)
                            .sorted(Comparator.comparingDouble(MethodResult::tokensPerFrame))
                            .toList();
            if (points.isEmpty()) {
                continue;
            }
            double[] xs = points.stream().mapToDouble(MethodResult::tokensPerFrame).toArray();
            double[] ys = points.stream().mapToDouble(y::apply).toArray();
            XYSeries s = chart.addSeries(e.getKey(), xs, ys);
            s.setLineColor(Charts.PALETTE[i % Charts.PALETTE.length]);
            s.setMarkerColor(Charts.PALETTE[i % Charts.PALETTE.length]);
            s.setMarker(
                    e.getKey().startsWith("chain")
                            ? SeriesMarkers.CIRCLE
                            : e.getKey().startsWith("grid")
                                    ? SeriesMarkers.SQUARE
                                    : SeriesMarkers.DIAMOND);
            i++;
        }
        return chart;
    }
}
