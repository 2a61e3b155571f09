package dev.skim.eval;

import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Where spatial needles go: a needle picture pasted into part of the video's own frames (not a
 * frame of its own), in four kinds: 1/16 or 1/64 of the frame's area, shown on 1 frame or on 10
 * consecutive frames. Each instance gets one of count equal slices of the video (so they do not
 * overlap in time), a random start inside it and a random position, the same for the same seed.
 */
final class SpatialNeedlePlan {
    /** Area denominators: a needle covers 1/16 or 1/64 of the frame. */
    static final List<Integer> AREAS = List.of(16, 64);

    /** Frames a needle is shown on. */
    static final List<Integer> LENGTHS = List.of(1, 10);

    /**
     * A cell counts as covered by the needle when at least this share of its area lies under the
     * needle.
     */
    static final double CELL_SHARE = 0.5;

    private SpatialNeedlePlan() {}

    /**
     * One planned needle.
     *
     * @param id number, 0-based, in time order
     * @param area the needle covers 1/area of the frame (the frame's aspect ratio, sides /
     *     sqrt(area))
     * @param length frames it is shown on
     * @param firstFrame first source frame showing it
     * @param fx horizontal position in [0, 1): 0 = left edge, towards 1 = right edge
     * @param fy vertical position in [0, 1)
     */
    record Planned(int id, int area, int length, int firstFrame, double fx, double fy) {
        /** Whether source frame {@code frame} shows this needle. */
        boolean shows(int frame) {
            return frame >= firstFrame && frame < firstFrame + length;
        }

        /** The pixel rectangle on a width x height frame. */
        Rect rect(int width, int height) {
            int side = (int) Math.round(Math.sqrt(area));
            int w = Math.max(1, Math.round(width / (float) side));
            int h = Math.max(1, Math.round(height / (float) side));
            int x = Math.min(width - w, (int) (fx * (width - w + 1)));
            int y = Math.min(height - h, (int) (fy * (height - h + 1)));
            return new Rect(x, y, w, h);
        }
    }

    /** A pixel rectangle: [x, x + width) x [y, y + height). */
    record Rect(int x, int y, int width, int height) {

        /**
         * The cells of a rows x cols grid over a frameWidth x frameHeight frame (the encoder sees
         * the whole frame, stretched) that the rectangle covers: at least {@link #CELL_SHARE} of
         * the cell's area, or else the one cell it covers most. Row-major indices, ascending.
         */
        List<Integer> cells(int frameWidth, int frameHeight, int rows, int cols) {
            List<Integer> out = new ArrayList<>();
            double best = -1;
            int bestCell = 0;
            for (int r = 0; r < rows; r++) {
                double oy = overlap(y, height, r, frameHeight / (double) rows);
                for (int c = 0; c < cols; c++) {
                    double share = oy * overlap(x, width, c, frameWidth / (double) cols);
                    if (share >= CELL_SHARE) {
                        out.add(r * cols + c);
                    }
                    if (share > best) {
                        best = share;
                        bestCell = r * cols + c;
                    }
                }
            }
            if (out.isEmpty()) {
                out.add(bestCell);
            }
            return out;
        }

        /** Share of cell i (of the given size) inside [from, from + length). */
        private static double overlap(int from, int length, int i, double size) {
            double lo = Math.max(from, i * size);
            double hi = Math.min(from + length, (i + 1) * size);
            return Math.max(0, hi - lo) / size;
        }
    }

    /**
     * perKind needles of each of the four kinds in a video of {@code length} source frames, in time
     * order; kinds interleaved in a seeded random order. A needle whose slice is shorter than its
     * length is left out (a short video gets fewer).
     */
    static List<Planned> plan(int perKind, int length, long seed) {
        int kinds = AREAS.size() * LENGTHS.size();
        int count = perKind * kinds;
        if (perKind <= 0 || length < 2) {
            return List.of();
        }
        SplittableRandom random = new SplittableRandom(seed ^ 0x7370617469616cL);
        int[] kind = new int[count];
        for (int i = 0; i < count; i++) {
            kind[i] = i % kinds;
        }
        for (int i = count - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = kind[i];
            kind[i] = kind[j];
            kind[j] = t;
        }
        List<Planned> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            int area = AREAS.get(kind[i] / LENGTHS.size());
            int frames = LENGTHS.get(kind[i] % LENGTHS.size());
            // slices of frames 1..length-1: frame 0 is every progressive chain's keyframe
            int from = 1 + (int) ((long) (length - 1) * i / count);
            int to = 1 + (int) ((long) (length - 1) * (i + 1) / count);
            double fx = random.nextDouble();
            double fy = random.nextDouble();
            int room = to - from - frames + 1;
            int start = room > 0 ? from + random.nextInt(room) : -1;
            if (start >= 0) {
                out.add(new Planned(out.size(), area, frames, start, fx, fy));
            }
        }
        return out;
    }

    /** A copy of {@code frame} (8-bit RGB) with {@code needle} stretched into {@code rect}. */
    static BufferedImage paste(BufferedImage frame, BufferedImage needle, Rect rect) {
        BufferedImage out =
                new BufferedImage(
                        frame.getWidth(), frame.getHeight(), BufferedImage.TYPE_3BYTE_BGR);
        Graphics2D g = out.createGraphics();
        g.drawImage(frame, 0, 0, null);
        g.drawImage(Images.resized(needle, rect.width(), rect.height()), rect.x(), rect.y(), null);
        g.dispose();
        return out;
    }
}
