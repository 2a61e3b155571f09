package dev.skim.core.compression;

import dev.skim.core.tokens.Token;
import java.util.Arrays;
import java.util.List;

/**
 * Unit vectors of N tokens, kept both row-major (one array per token) and transposed (D x stride,
 * flat, zero-padded to the kernel's lanes), so that similarities of queries to all N rows are
 * computed by a {@link SimilarityKernel} along the tokens. All similarities of a UnitMatrix come
 * from the same kernel and s_ij is bit-identical to s_ji.
 */
final class UnitMatrix {
    private final int n;
    private final int d;
    private final int stride;
    private final SimilarityKernel kernel;
    private final float[][] rows;
    private final float[] cols;
    private float[][] memo;
    private float[][] scratch;

    /** Largest N whose similarity rows are remembered (N^2 floats: 16 MiB at 2048). */
    private static final int MEMO_MAX = 2048;

    /** Queries per kernel call when streaming products through a scratch block. */
    private static final int BLOCK = 16;

    private UnitMatrix(float[][] rows, int d, SimilarityKernel kernel) {
        this.n = rows.length;
        this.d = d;
        this.kernel = kernel;
        int lanes = kernel.lanes();
        this.stride = (n + lanes - 1) / lanes * lanes;
        this.rows = rows;
        this.cols = new float[stride * d];
        // Eight dimensions per pass: one load of each row serves eight in-order write streams.
        int k = 0;
        for (; k + 7 < d; k += 8) {
            int o = k * stride;
            for (int i = 0; i < n; i++) {
                float[] r = rows[i];
                cols[o + i] = r[k];
                cols[o + stride + i] = r[k + 1];
                cols[o + 2 * stride + i] = r[k + 2];
                cols[o + 3 * stride + i] = r[k + 3];
                cols[o + 4 * stride + i] = r[k + 4];
                cols[o + 5 * stride + i] = r[k + 5];
                cols[o + 6 * stride + i] = r[k + 6];
                cols[o + 7 * stride + i] = r[k + 7];
            }
        }
        for (; k < d; k++) {
            int o = k * stride;
            for (int i = 0; i < n; i++) {
                cols[o + i] = rows[i][k];
            }
        }
    }

    static UnitMatrix of(List<Token> tokens) {
        return new UnitMatrix(
                VectorMath.units(tokens),
                tokens.isEmpty() ? 0 : tokens.get(0).dim(),
                SimilarityKernels.current());
    }

    /** Takes ownership of unit vectors that are already normalised. */
    static UnitMatrix ofUnits(float[][] units, int dim) {
        return new UnitMatrix(units, dim, SimilarityKernels.current());
    }

    /** As {@link #ofUnits(float[][], int)} with a given kernel (tests). */
    static UnitMatrix ofUnits(float[][] units, int dim, SimilarityKernel kernel) {
        return new UnitMatrix(units, dim, kernel);
    }

    int size() {
        return n;
    }

    /** Unit vector of token i (shared, not to be modified). */
    float[] row(int i) {
        return rows[i];
    }

    /**
     * The similarities of token i to every token (entries from N on are padding), computed once and
     * remembered while N is at most {@value #MEMO_MAX}: a greedy selection that needs a row again
     * gets it for free. Shared: not to be modified.
     */
    float[] similaritiesOf(int i) {
        if (n > MEMO_MAX) {
            float[] out = new float[stride];
            kernel.products(rows, i, i + 1, cols, n, stride, d, 0, new float[][] {out});
            return out;
        }
        if (memo == null) {
            memo = new float[n][];
        }
        if (memo[i] == null) {
            memo[i] = new float[stride];
            kernel.products(rows, i, i + 1, cols, n, stride, d, 0, new float[][] {memo[i]});
        }
        return memo[i];
    }

    /**
     * Says that about k rows of S will be asked for. With a tiled kernel, one row alone costs about
     * five rows of the whole S (a single query cannot reuse the column loads), so beyond N / 5 rows
     * all of S is computed at once, by its upper triangle.
     */
    void willNeedRows(int k) {
        if (kernel.lanes() > 1 && n <= MEMO_MAX && k > n / 5 && memo == null) {
            nearestOtherSimilarities();
        }
    }

    /**
     * For every token the largest similarity to any other token (-infinity when N = 1): the nearest
     * neighbour of DivPrune's seed. Computes the upper triangle of S = X^ X^T only; while N is at
     * most {@value #MEMO_MAX} every row is remembered for {@link #similaritiesOf}.
     */
    float[] nearestOtherSimilarities() {
        float[] nearest = new float[n];
        Arrays.fill(nearest, Float.NEGATIVE_INFINITY);
        boolean keep = n <= MEMO_MAX;
        if (keep && memo == null) {
            memo = new float[n][];
        }
        // Without the memo, blocks of 64 rows: each block of columns is read once per 64 rows.
        int rowsPerBlock = keep ? BLOCK : 4 * BLOCK;
        float[][] block = keep ? null : new float[rowsPerBlock][stride];
        for (int i0 = 0; i0 < n; i0 += rowsPerBlock) {
            int i1 = Math.min(n, i0 + rowsPerBlock);
            if (keep) {
                block = new float[i1 - i0][];
                for (int i = i0; i < i1; i++) {
                    block[i - i0] = new float[stride];
                    memo[i] = block[i - i0];
                }
            }
            kernel.products(rows, i0, i1, cols, n, stride, d, i0, block);
            for (int i = i0; i < i1; i++) {
                float[] s = block[i - i0];
                float best = nearest[i];
                for (int j = i + 1; j < n; j++) {
                    float v = s[j];
                    if (v > best) {
                        best = v;
                    }
                    if (v > nearest[j]) {
                        nearest[j] = v;
                    }
                }
                nearest[i] = best;
            }
        }
        if (keep) {
            mirrorLowerTriangle();
        }
        return nearest;
    }

    /** Rows computed from their block's first column on get the columns before it from S^T. */
    private void mirrorLowerTriangle() {
        for (int i = 0; i < n; i++) {
            float[] r = memo[i];
            int start = i - i % BLOCK;
            for (int j = 0; j < start; j++) {
                r[j] = memo[j][i];
            }
        }
    }

    /**
     * out[i] = row(i) . q for every i (the cosine when q is a unit vector). out needs N entries;
     * with at least {@link #paddedSize()} nothing is copied.
     */
    void similarities(float[] q, float[] out) {
        float[][] qs = {q};
        if (out.length >= stride) {
            kernel.products(qs, 0, 1, cols, n, stride, d, 0, new float[][] {out});
            return;
        }
        float[][] tmp = scratch(1);
        kernel.products(qs, 0, 1, cols, n, stride, d, 0, tmp);
        System.arraycopy(tmp[0], 0, out, 0, n);
    }

    /**
     * out[r - from][i] = row(i) . queries[r] for r in [from, to): a block of similarity rows in one
     * kernel call. Rows of out need {@link #paddedSize()} entries (see {@link #block}).
     */
    void similarities(float[][] queries, int from, int to, float[][] out) {
        kernel.products(queries, from, to, cols, n, stride, d, 0, out);
    }

    /** Length of a similarity row including the kernel's padding. */
    int paddedSize() {
        return stride;
    }

    /**
     * A fresh rows x {@link #paddedSize()} block for {@link #similarities(float[][], int, int,
     * float[][])}.
     */
    float[][] block(int rows) {
        return new float[rows][stride];
    }

    private float[][] scratch(int r) {
        if (scratch == null || scratch.length < r) {
            scratch = new float[r][stride];
        }
        return scratch;
    }
}
