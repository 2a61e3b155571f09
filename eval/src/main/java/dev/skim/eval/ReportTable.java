package dev.skim.eval;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The terminal table: one row per chain and budget, each followed by its two baselines. */
final class ReportTable {
    private static final String[] HEADER = {
        "budget",
        "method",
        "tokens/frame",
        "ratio",
        "fp16 B/frame",
        "int8 B/frame",
        "coverage",
        "recon err",
        "needle R@1",
        "needle dt s",
        "s16/s64 R@1",
        "s16/s64 patch cov",
        "event recall",
        "encode ms/f",
        "method ms/f",
        "cost % enc"
    };

    private ReportTable() {}

    /** Writes the table as Markdown (aligned columns, readable as plain text too). */
    static void print(EvalReport report, PrintWriter out) {
        out.printf(
                Locale.ROOT,
                "input: %s | encoder: %s (%dx%d x %d) | frames: %d (%d needles, %d spatial needles, %d events) | coverage radius: %d frames%s%n%n",
                report.input(),
                report.encoder(),
                report.rows(),
                report.cols(),
                report.dim(),
                report.frames(),
                report.needles().size(),
                report.spatialNeedles().size(),
                report.events(),
                report.settings().coverageRadius(),
                report.settings().centred()
                        ? " | cosine: CENTRED (video's mean token subtracted; coverage, needle"
                                + " and patch columns)"
                        : "");
        List<String[]> rows = new ArrayList<>();
        for (Comparison c : report.comparisons()) {
            String b = c.budget() == null ? "-" : c.budget().toString();
            rows.add(row(b, c.result().method().spec(), c.result()));
            rows.add(row(b, "  baseline: grid pooling", c.gridPooling()));
            rows.add(
                    row(
                            b,
                            "  baseline: frame subsampling"
                                    + (c.frameStride() == null
                                            ? ""
                                            : String.format(
                                                    Locale.ROOT, " (every %.1f)", c.frameStride())),
                            c.frameSubsampling()));
        }
        int[] width = new int[HEADER.length];
        for (int i = 0; i < HEADER.length; i++) {
            width[i] = HEADER[i].length();
            for (String[] r : rows) {
                width[i] = Math.max(width[i], r[i].length());
            }
        }
        out.println(line(HEADER, width));
        String[] rule = new String[HEADER.length];
        for (int i = 0; i < rule.length; i++) {
            rule[i] = "-".repeat(width[i]);
        }
        out.println(line(rule, width));
        for (String[] r : rows) {
            out.println(line(r, width));
        }
        out.flush();
    }

    private static String[] row(String budget, String method, MethodResult r) {
        return new String[] {
            budget,
            method,
            fmt("%.1f", r.tokensPerFrame()),
            r.compressionRatio() == null ? "inf" : fmt("%.1f", r.compressionRatio()),
            fmt("%.0f", r.bytesPerFrameFp16()),
            fmt("%.0f", r.bytesPerFrameInt8()),
            fmt("%.4f", r.coverage()),
            fmt("%.4f", r.reconstructionError()),
            r.needleRecallAt1() == null ? "-" : fmt("%.2f", r.needleRecallAt1()),
            r.needleTimeErrorSeconds() == null ? "-" : fmt("%.2f", r.needleTimeErrorSeconds()),
            pair(r, MethodResult.SpatialSummary::recallAt1, "%.2f"),
            pair(r, MethodResult.SpatialSummary::patchCoverage, "%.3f"),
            r.eventRecall() == null
                    ? "-"
                    : fmt("%.2f", r.eventRecall())
                            + " ("
                            + r.eventsFound()
                            + "/"
                            + r.events()
                            + ")",
            fmt("%.2f", r.encodeMsPerFrame()),
            fmt("%.3f", r.methodMsPerFrame()),
            r.costPercentOfEncoder() == null ? "-" : fmt("%.1f", r.costPercentOfEncoder())
        };
    }

    /** "a/b": the figure for spatial needles of 1/16 and of 1/64 of the frame ("-" for none). */
    private static String pair(
            MethodResult r,
            java.util.function.Function<MethodResult.SpatialSummary, Double> figure,
            String f) {
        StringBuilder sb = new StringBuilder();
        for (int area : SpatialNeedlePlan.AREAS) {
            MethodResult.SpatialSummary s = r.spatialArea(area);
            Double v = s == null ? null : figure.apply(s);
            sb.append(sb.length() == 0 ? "" : "/").append(v == null ? "-" : fmt(f, v));
        }
        return sb.toString();
    }

    private static String fmt(String f, double v) {
        return String.format(Locale.ROOT, f, v);
    }

    private static String line(String[] cells, int[] width) {
        StringBuilder sb = new StringBuilder("|");
        for (int i = 0; i < cells.length; i++) {
            String c = cells[i];
            String pad = " ".repeat(width[i] - c.length());
            sb.append(' ').append(i == 1 ? c + pad : pad + c).append(" |");
        }
        return sb.toString();
    }
}
