package dev.skim.core.compression;

import dev.skim.core.tokens.Token;
import java.util.Arrays;
import java.util.List;

/**
 * Unit vectors of N tokens, kept both row-major (one array per token) and transposed (D x N, flat),
 * so that the similarities of one query to all N rows are a SAXPY over the transposed block: the
 * inner loop has no reduction, the JIT vectorises it, and zero query components (common after a
 * ReLU) are skipped.
 */
final class UnitMatrix {
    private final int n;
    private final int d;
    private final float[][] rows;
    private final float[] cols;

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

    /** out[i] = row(i) . q for every i (the cosine when q is a unit vector). */
    void similarities(float[] q, float[] out) {
        Arrays.fill(out, 0, n, 0f);
        for (int k = 0; k < d; k++) {
            float s = q[k];
            if (s == 0f) {
                continue;
            }
            int off = k * n;
            for (int i = 0; i < n; i++) {
                out[i] += cols[off + i] * s;
            }
        }
    }
}
