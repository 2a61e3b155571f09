package dev.skim.core.compression;

import dev.skim.core.tokens.Token;
import java.util.Arrays;
import java.util.List;

/**
 * Unit vectors of N tokens, kept both row-major (one array per token) and transposed (D x N, flat),
 * so that the similarities of one query to all N rows are SAXPYs over the transposed block: the
 * inner loop has no reduction, so the JIT can vectorise it, and zero query components (common after
 * a ReLU) are skipped.
 */
final class UnitMatrix {
    private final int n;
    private final int d;
    private final float[][] rows;
    private final float[] cols;
    private float[][] memo;

    /** Largest N whose similarity rows are remembered (N^2 floats: 16 MiB at 2048). */
    private static final int MEMO_MAX = 2048;

    private UnitMatrix(float[][] rows, int d) {
        this.n = rows.length;
        this.d = d;
        this.rows = rows;
        this.cols = new float[n * d];
        for (int i = 0; i < n; i++) {
            float[] r = rows[i];
            for (int k = 0; k < d; k++) {
                cols[k * n + i] = r[k];
            }
        }
    }

    static UnitMatrix of(List<Token> tokens) {
        return new UnitMatrix(VectorMath.units(tokens), tokens.isEmpty() ? 0 : tokens.get(0).dim());
    }

    /** Takes ownership of unit vectors that are already normalised. */
    static UnitMatrix ofUnits(float[][] units, int dim) {
        return new UnitMatrix(units, dim);
    }

    int size() {
        return n;
    }

    /** Unit vector of token i (shared, not to be modified). */
    float[] row(int i) {
        return rows[i];
    }

    /**
     * The similarities of token i to every token, computed once and remembered while N is at most
     * {@value #MEMO_MAX}: a greedy selection that needs a row again (DivPrune's seed computes them
     * all, its picks reuse them) gets it for free. Shared: not to be modified.
     */
    float[] similaritiesOf(int i) {
        if (n > MEMO_MAX) {
            float[] out = new float[n];
            similarities(rows[i], out);
            return out;
        }
        if (memo == null) {
            memo = new float[n][];
        }
        if (memo[i] == null) {
            memo[i] = new float[n];
            similarities(rows[i], memo[i]);
        }
        return memo[i];
    }

    /**
     * out[i] = row(i) . q for every i (the cosine when q is a unit vector). Four dimensions per
     * pass over out, so out is loaded and stored a quarter as often; groups of zeros are skipped.
     */
    void similarities(float[] q, float[] out) {
        Arrays.fill(out, 0, n, 0f);
        int k = 0;
        for (; k + 3 < d; k += 4) {
            float s0 = q[k];
            float s1 = q[k + 1];
            float s2 = q[k + 2];
            float s3 = q[k + 3];
            if (s0 == 0f && s1 == 0f && s2 == 0f && s3 == 0f) {
                continue;
            }
            int o0 = k * n;
            int o1 = o0 + n;
            int o2 = o1 + n;
            int o3 = o2 + n;
            for (int i = 0; i < n; i++) {
                out[i] +=
                        cols[o0 + i] * s0
                                + cols[o1 + i] * s1
                                + cols[o2 + i] * s2
                                + cols[o3 + i] * s3;
            }
        }
        for (; k < d; k++) {
            float s = q[k];
            int off = k * n;
            for (int i = 0; i < n; i++) {
                out[i] += cols[off + i] * s;
            }
        }
    }
}
