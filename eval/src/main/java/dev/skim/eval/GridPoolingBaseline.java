package dev.skim.eval;

import dev.skim.core.compression.Provenance;
import dev.skim.core.tokens.Token;
import java.util.List;

/**
 * Baseline 1, uniform grid pooling: every frame pooled (mean of near-equal rectangular cells, see
 * {@link UniformCells}) to the chain's tokens per frame. When the chain's total T is not a multiple
 * of the frame count F, frame i gets floor((i+1)T/F) - floor(iT/F) tokens, so the total is exactly
 * T.
 */
final class GridPoolingBaseline extends Baseline {

    GridPoolingBaseline(MethodId matched, long total) {
        super(MethodId.Kind.GRID_POOLING, matched, total, "uniform grid pooling");
    }

    @Override
    int[] allot(int frames, int perFrame, long total) {
        int[] n = new int[frames];
        for (int i = 0; i < frames; i++) {
            n[i] = (int) ((i + 1) * total / frames - i * total / frames);
        }
        return n;
    }

    @Override
    Kept keep(List<Token> tokens, EncodedVideo video, int n) {
        Provenance w = pool(video.rows(), video.cols(), n);
        return new Kept(w.apply(tokens), w);
    }

    /** Averaging rows, one per cell, over a row-major rows x cols frame. */
    static Provenance pool(int rows, int cols, int cells) {
        int[] cell = UniformCells.assign(rows, cols, cells);
        int[] count = new int[Math.max(0, cells)];
        for (int c : cell) {
            if (c >= 0) {
                count[c]++;
            }
        }
        int[][] members = new int[count.length][];
        for (int c = 0; c < count.length; c++) {
            members[c] = new int[count[c]];
        }
        int[] fill = new int[count.length];
        for (int i = 0; i < cell.length; i++) {
            if (cell[i] >= 0) {
                members[cell[i]][fill[cell[i]]++] = i;
            }
        }
        Provenance.Builder b = Provenance.builder(rows * cols);
        for (int[] m : members) {
            float[] w = new float[m.length];
            java.util.Arrays.fill(w, 1f / m.length);
            b.add(m, w);
        }
        return b.build();
    }
}
