package dev.skim.eval;

import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.knowm.xchart.AnnotationLine;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * One chain over time: tokens kept per frame at every budget with the slow frames marked, and below
 * it the chain's novelty and the video's frame-to-frame change. Needles are grey vertical lines.
 */
final class TimelineChart {
    private TimelineChart() {}

    static void save(EvalReport report, String chain, Path file) throws IOException {
        List<Comparison> runs =
                report.comparisons().stream().filter(c -> c.chain().equals(chain)).toList();
        double fps = report.fps();
        XYChart tokens = base("Tokens per frame over time: " + chain, "tokens kept", report, fps);
        XYChart novelty =
                base(
                        "Novelty over time (slow frames = keyframes given the full key budget)",
                        "novelty",
                        report,
                        fps);
        List<Double> slowX = new ArrayList<>();
        List<Double> slowY = new ArrayList<>();
        List<Double> slowNoveltyX = new ArrayList<>();
        List<Double> slowNoveltyY = new ArrayList<>();
        for (int i = 0; i < runs.size(); i++) {
            Comparison c = runs.get(i);
            MethodResult.Timeline t = c.result().timeline();
            String name = c.budget() == null ? c.result().method().spec() : "B=" + c.budget();
            Color color = Charts.PALETTE[i % Charts.PALETTE.length];
            double[] xs = new double[t.tokens().size()];
            double[] ys = new double[xs.length];
            for (int f = 0; f < xs.length; f++) {
                xs[f] = f / fps;
                ys[f] = t.tokens().get(f);
            }
            XYSeries s = tokens.addSeries(name, xs, ys);
            s.setLineColor(color);
            s.setMarker(SeriesMarkers.NONE);
            s.setLineWidth(1.2f);
            List<Double> nx = new ArrayList<>();
            List<Double> ny = new ArrayList<>();
            for (int f = 0; f < xs.length; f++) {
                Float n = t.novelty().get(f);
                if (n != null) {
                    nx.add(xs[f]);
                    ny.add((double) n);
                }
            }
            if (!nx.isEmpty()) {
                XYSeries ns = novelty.addSeries("chain novelty " + name, nx, ny);
                ns.setLineColor(color);
                ns.setMarker(SeriesMarkers.NONE);
                ns.setLineWidth(1.2f);
            }
            for (int f : t.slow()) {
                slowX.add(xs[f]);
                slowY.add(ys[f]);
                slowNoveltyX.add(xs[f]);
                slowNoveltyY.add((double) report.videoChange().get(f));
            }
        }
        double[] cx = new double[report.videoChange().size()];
        double[] cy = new double[cx.length];
        for (int f = 0; f < cx.length; f++) {
            cx[f] = f / fps;
            cy[f] = report.videoChange().get(f);
        }
        XYSeries change = novelty.addSeries("video change 1 - cos(mean token, previous)", cx, cy);
        change.setLineColor(Color.DARK_GRAY);
        change.setMarker(SeriesMarkers.NONE);
        change.setLineWidth(0.8f);
        if (!slowX.isEmpty()) {
            slow(tokens, slowX, slowY);
            slow(novelty, slowNoveltyX, slowNoveltyY);
        }
        Charts.saveStacked(List.of(tokens, novelty), file);
    }

    private static void slow(XYChart chart, List<Double> xs, List<Double> ys) {
        XYSeries s = chart.addSeries("slow frames (keyframes)", xs, ys);
        s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        s.setMarker(SeriesMarkers.CROSS);
        s.setMarkerColor(Color.RED);
    }

    /** 1, 2 or 5 times a power of ten, giving about eight steps over the range. */
    static double labelStep(double range) {
        double raw = Math.max(1.0, range / 8);
        double power = Math.pow(10, Math.floor(Math.log10(raw)));
        for (double m : new double[] {1, 2, 5}) {
            if (m * power >= raw) {
                return m * power;
            }
        }
        return 10 * power;
    }

    private static XYChart base(String title, String y, EvalReport report, double fps) {
        XYChart chart =
                new XYChartBuilder()
                        .width(1100)
                        .height(380)
                        .title(title)
                        .xAxisTitle("video time (s); grey lines = needles")
                        .yAxisTitle(y)
                        .build();
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        chart.getStyler().setMarkerSize(7);
        // a round axis end, else XChart crowds the axis with ticks every 1.8 s
        double step = labelStep(report.frames() / fps);
        chart.getStyler().setXAxisMin(0.0);
        chart.getStyler().setXAxisMax(Math.ceil(report.frames() / fps / step) * step);
        chart.getStyler().setAnnotationLineColor(Color.GRAY);
        chart.getStyler().setAnnotationLineStroke(new BasicStroke(1f));
        for (NeedlePlacement n : report.needles()) {
            chart.addAnnotation(new AnnotationLine(n.frame() / fps, true, false));
        }
        return chart;
    }
}
