package dev.skim.eval;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * A keep-map: a few frames (columns) as the chain and the two baselines (rows) kept them. Patches
 * kept as their own token are outlined in green, patches inside a pooled or merged token are tinted
 * blue, dropped patches are darkened. The frames are composed with Java2D over the decoded frame
 * (the plotting library draws charts, not image overlays).
 */
final class KeepMapPicture {
    private static final int LABEL_WIDTH = 190;
    private static final int HEADER = 60;
    private static final int GAP = 6;
    private static final Color KEPT = new Color(40, 230, 60);
    private static final Color MERGED = new Color(40, 120, 255, 70);
    private static final Color DROPPED = new Color(0, 0, 0, 165);

    private KeepMapPicture() {}

    static void save(
            EvalReport report,
            Comparison comparison,
            List<BufferedImage> thumbnails,
            List<List<FrameKeep>> keeps,
            Path file)
            throws IOException {
        int columns = thumbnails.size();
        int w = thumbnails.isEmpty() ? 1 : thumbnails.get(0).getWidth();
        int h = thumbnails.isEmpty() ? 1 : thumbnails.get(0).getHeight();
        int width = LABEL_WIDTH + columns * (w + GAP);
        int height = HEADER + 3 * (h + GAP + 16);
        BufferedImage out = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        g.setRenderingHint(
                RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, width, height);
        header(g, report, comparison, columns, w);
        String[] names = {"chain", "grid pooling", "frame subsampling"};
        MethodResult[] results = {
            comparison.result(), comparison.gridPooling(), comparison.frameSubsampling()
        };
        for (int m = 0; m < 3; m++) {
            int y = HEADER + m * (h + GAP + 16);
            g.setColor(Color.BLACK);
            g.drawString(names[m], 8, y + 16);
            g.drawString(
                    String.format(Locale.ROOT, "%.1f tokens/frame", results[m].tokensPerFrame()),
                    8,
                    y + 32);
            g.drawString(
                    String.format(Locale.ROOT, "coverage %.3f", results[m].coverage()), 8, y + 48);
            for (int c = 0; c < columns; c++) {
                int x = LABEL_WIDTH + c * (w + GAP);
                FrameKeep k = keeps.get(m).get(c);
                g.drawImage(thumbnails.get(c), x, y, null);
                overlay(g, k, x, y, w, h, report.rows(), report.cols());
                g.setColor(Color.BLACK);
                g.drawString(k.tokens() + " tokens", x, y + h + 13);
            }
        }
        g.dispose();
        Charts.write(out, file);
    }

    /** The title, the legend and a label over each column (frame, time, needle). */
    private static void header(
            Graphics2D g, EvalReport report, Comparison comparison, int columns, int w) {
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
        g.drawString(
                "Keep-map: "
                        + comparison.chain()
                        + (comparison.budget() == null ? "" : " at B=" + comparison.budget()),
                8,
                18);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        g.drawString(
                "green outline: patch kept as its own token; blue tint: inside a pooled or merged"
                        + " token; dark: dropped",
                8,
                34);
        for (int c = 0; c < columns; c++) {
            int f = report.keepMapFrames().get(c);
            boolean needle = report.needles().stream().anyMatch(n -> n.frame() == f);
            g.drawString(
                    String.format(
                            Locale.ROOT,
                            "frame %d (%.1f s)%s",
                            f,
                            f / report.fps(),
                            needle ? " needle" : ""),
                    LABEL_WIDTH + c * (w + GAP),
                    HEADER - 8);
        }
    }

    private static void overlay(
            Graphics2D g, FrameKeep k, int x, int y, int w, int h, int rows, int cols) {
        g.setStroke(new BasicStroke(1.6f));
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                int x0 = x + c * w / cols;
                int x1 = x + (c + 1) * w / cols;
                int y0 = y + r * h / rows;
                int y1 = y + (r + 1) * h / rows;
                byte kind = k.cells()[r * cols + c];
                if (kind == FrameKeep.DROPPED) {
                    g.setColor(DROPPED);
                    g.fillRect(x0, y0, x1 - x0, y1 - y0);
                } else if (kind == FrameKeep.MERGED) {
                    g.setColor(MERGED);
                    g.fillRect(x0, y0, x1 - x0, y1 - y0);
                } else {
                    g.setColor(KEPT);
                    g.drawRect(x0 + 1, y0 + 1, x1 - x0 - 2, y1 - y0 - 2);
                }
            }
        }
    }
}
