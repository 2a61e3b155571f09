package dev.skim.compressor.window;

import dev.skim.core.compression.VectorMath;
import dev.skim.core.tokens.Token;
import dev.skim.core.tokens.TokenGrid;

/**
 * A cheap per-frame novelty for slow-frame selection and scene cuts: the frame's tokens are
 * averaged over a coarse grid of at most {@value #CELLS} x {@value #CELLS} cells, and novelty =
 * mean over cells of 1 - cos(cell now, same cell in the previous frame) (0 = same, up to 2). It is
 * positional on purpose (something moved in one place counts), costs O(N D), and its reference is a
 * few vectors (kept in the stream's window state).
 */
public final class FrameNovelty {

    /** Coarse cells per side. */
    public static final int CELLS = 4;

    private FrameNovelty() {}

    /** The coarse cell descriptors of a frame, row-major. */
    public static float[][] cells(TokenGrid grid) {
        int cr = Math.min(CELLS, grid.rows());
        int cc = Math.min(CELLS, grid.cols());
        int dim = grid.dim();
        float[][] cells = new float[cr * cc][dim];
        for (int r = 0; r < grid.rows(); r++) {
            int ci = r * cr / grid.rows();
            for (int c = 0; c < grid.cols(); c++) {
                int cj = c * cc / grid.cols();
                Token t = grid.at(r, c);
                float[] cell = cells[ci * cc + cj];
                float[] v = t.vector();
                for (int d = 0; d < dim; d++) {
                    cell[d] += v[d];
                }
            }
        }
        return cells;
    }

    /**
     * Novelty of a frame's cells against the previous frame's; 1 when there is no previous frame or
     * its shape differs.
     */
    public static float novelty(float[][] now, float[][] previous) {
        if (previous == null
                || previous.length != now.length
                || (now.length > 0 && previous[0].length != now[0].length)) {
            return 1f;
        }
        double sum = 0;
        for (int i = 0; i < now.length; i++) {
            sum += 1.0 - cosine(now[i], previous[i]);
        }
        return now.length == 0 ? 0f : (float) (sum / now.length);
    }

    /** Cosine similarity, with two all-zero cells (a black frame twice) counted as the same. */
    private static double cosine(float[] a, float[] b) {
        if (VectorMath.norm(a) == 0 && VectorMath.norm(b) == 0) {
            return 1.0;
        }
        // float rounding can put the cosine of a vector with itself a hair above 1
        return Math.min(1.0, VectorMath.cosine(a, b));
    }
}
