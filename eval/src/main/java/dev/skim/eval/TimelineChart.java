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
        SlowFrames slow = new SlowFrames(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
        for (int i = 0; i < runs.size(); i++) {
            Color color = Charts.PALETTE[i % Charts.PALETTE.length];
            addRun(tokens, novelty, runs.get(i), color, report, slow);
        }
        double[] cx = new double[report.videoChange().size()];
        double[] cy = new double[cx.length];
        for (int f = 0; f < cx.length; f++) {
            cx[f] = f / fps;
            cy[f] = report.videoChange().get(f);
        }
        line(
                novelty.addSeries("video change 1 - cos(mean token, previous)", cx, cy),
                Color.DARK_GRAY,
                0.8f);
        if (!slow.x().isEmpty()) {
            slow(tokens, slow.x(), slow.tokens());
            slow(novelty, slow.x(), slow.change());
        }
        Charts.saveStacked(List.of(tokens, novelty), file);
    }

    /** The slow frames of every run: video time, tokens kept, and the video's change there. */
    private record SlowFrames(List<Double> x, List<Double> tokens, List<Double> change) {}

    /** One run's tokens per frame and novelty; its slow frames go to {@code slow}. */
    private static void addRun(
            XYChart tokens,
            XYChart novelty,
            Comparison c,
            Color color,
            EvalReport report,
            SlowFrames slow) {
        MethodResult.Timeline t = c.result().timeline();
        String name = c.budget() == null ? c.result().method().spec() : "B=" + c.budget();
        double[] xs = new double[t.tokens().size()];
        double[] ys = new double[xs.length];
        for (int f = 0; f < xs.length; f++) {
            xs[f] = f / report.fps();
            ys[f] = t.tokens().get(f);
        }
        line(tokens.addSeries(name, xs, ys), color, 1.2f);
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
            line(novelty.addSeries("chain novelty " + name, nx, ny), color, 1.2f);
        }
        for (int f : t.slow()) {
            slow.x().add(xs[f]);
            slow.tokens().add(ys[f]);
            slow.change().add((double) report.videoChange().get(f));
        }
    }

    private static void line(XYSeries s, Color color, float width) {
        s.setLineColor(color);
        s.setMarker(SeriesMarkers.NONE);
        s.setLineWidth(width);
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
