package dev.skim.eval;

import dev.skim.core.compression.Provenance;
import dev.skim.core.tokens.Token;
import java.util.ArrayList;
import java.util.List;

/**
 * Baseline 1, uniform grid pooling: every frame pooled (mean of near-equal rectangular cells, see
 * {@link UniformCells}) to the chain's tokens per frame. When the chain's total T is not a multiple
 * of the frame count F, frame i gets floor((i+1)T/F) - floor(iT/F) tokens, so the total is exactly
 * T.
 */
final class GridPoolingBaseline implements Method {
    private final MethodId id;
    private final long total;

    GridPoolingBaseline(MethodId matched, long total) {
        this.id =
                new MethodId(
                        MethodId.Kind.GRID_POOLING,
                        matched.chain(),
                        matched.budget(),
                        "uniform grid pooling to " + total + " tokens");
        this.total = total;
    }

    @Override
    public MethodId id() {
        return id;
    }

    @Override
    public MethodRun run(EncodedVideo video, Progress progress) {
        int frames = video.frames().size();
        int perFrame = video.tokensPerFrame();
        long t = Math.min(total, (long) frames * perFrame);
        List<FrameOutput> out = new ArrayList<>(frames);
        for (int i = 0; i < frames; i++) {
            long start = System.nanoTime();
            int n = (int) ((i + 1) * t / frames - i * t / frames);
            List<Token> tokens = video.frames().get(i).tokens();
            Provenance w = pool(video.rows(), video.cols(), n);
            List<Token> kept = w.apply(tokens);
            out.add(new FrameOutput(kept, w, System.nanoTime() - start, null, false));
            progress.step();
        }
        return new MethodRun(id, out);
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
