package dev.skim.core.compression;

import java.util.Arrays;

/**
 * The portable kernel (and the one before issue 16): one query at a time, SAXPYs over the
 * transposed block, which C2 vectorises along the tokens; groups of four zero query components
 * (common after a ReLU) are skipped, which changes nothing since they add exact zeros.
 */
final class ScalarKernel implements SimilarityKernel {
    static final ScalarKernel INSTANCE = new ScalarKernel();

    private ScalarKernel() {}

    @Override
    public String name() {
        return "scalar";
    }

    @Override
    public int lanes() {
        return 1;
    }

    @Override
    public void products(
            float[][] queries,
            int from,
            int to,
            float[] cols,
            int n,
            int stride,
            int d,
            int j0,
            float[][] out) {
        for (int r = from; r < to; r++) {
            similarities(queries[r], cols, n, stride, d, out[r - from]);
        }
    }

    /** Four dimensions per pass over out, so out is loaded and stored a quarter as often. */
    static void similarities(float[] q, float[] cols, int n, int stride, int d, float[] out) {
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
            int o0 = k * stride;
            int o1 = o0 + stride;
            int o2 = o1 + stride;
            int o3 = o2 + stride;
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
            int off = k * stride;
            for (int i = 0; i < n; i++) {
                out[i] += cols[off + i] * s;
            }
        }
    }
}
