package dev.skim.core.tagging;

import java.util.Objects;

/**
 * One thing a {@link FrameTagger} found in a frame: an object class or a line of text, with its
 * box. A plain value; the compressor turns it into the Avro {@code Tag} of a keyframe.
 *
 * @param kind an object class or text
 * @param label OBJECT: a class name of the detector's vocabulary ("person"); TEXT: the text read
 * @param score the tagger's confidence, 0..1
 * @param box where, as fractions of the frame
 */
public record FrameTag(Kind kind, String label, float score, Box box) {

    /** What a tag names. */
    public enum Kind {
        OBJECT,
        TEXT
    }

    public FrameTag {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(box, "box");
        if (!(score >= 0f && score <= 1f)) {
            throw new IllegalArgumentException("score must be in [0, 1], was " + score);
        }
    }

    /**
     * An axis-aligned box as fractions of the frame's width and height, clipped to the frame.
     *
     * @param x left, 0..1
     * @param y top, 0..1
     * @param w width, 0..1
     * @param h height, 0..1
     */
    public record Box(float x, float y, float w, float h) {

        /** The box of pixel corners (x0, y0)-(x1, y1) in a width x height frame, clipped. */
        public static Box ofPixels(
                double x0, double y0, double x1, double y1, int width, int height) {
            double l = clamp(Math.min(x0, x1) / width);
            double r = clamp(Math.max(x0, x1) / width);
            double t = clamp(Math.min(y0, y1) / height);
            double b = clamp(Math.max(y0, y1) / height);
            return new Box((float) l, (float) t, (float) (r - l), (float) (b - t));
        }

        private static double clamp(double v) {
            return Math.max(0.0, Math.min(1.0, v));
        }

        /**
         * The cells of a rows x cols grid over the frame that the box overlaps (any area at all),
         * as row * cols + col, in ascending order. A box with no area still covers the cell it lies
         * in.
         */
        public int[] cells(int rows, int cols) {
            if (rows < 1 || cols < 1) {
                throw new IllegalArgumentException(
                        "grid must be at least 1 x 1, was " + rows + " x " + cols);
            }
            int r0 = index(y, rows);
            int r1 = Math.max(r0, lastIndex(y + h, rows));
            int c0 = index(x, cols);
            int c1 = Math.max(c0, lastIndex(x + w, cols));
            int[] out = new int[(r1 - r0 + 1) * (c1 - c0 + 1)];
            int i = 0;
            for (int r = r0; r <= r1; r++) {
                for (int c = c0; c <= c1; c++) {
                    out[i++] = r * cols + c;
                }
            }
            return out;
        }

        private static int index(float f, int n) {
            return Math.min(n - 1, Math.max(0, (int) Math.floor(f * n)));
        }

        /** The cell an exclusive right or bottom edge ends in. */
        private static int lastIndex(float f, int n) {
            return Math.min(n - 1, Math.max(0, (int) Math.ceil(f * n) - 1));
        }
    }
}
