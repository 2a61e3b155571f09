package dev.skim.core.compression;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The JDK Vector API kernel: register tiles of four queries x two vectors of tokens (8 x 16 dot
 * products at a time with AVX-512), so each column vector loaded serves four queries and each query
 * value broadcast serves two vectors. Same arithmetic order as {@link ScalarKernel} (multiplies and
 * adds, no fma), so the results are bit-identical. Loaded only when the JVM has the
 * jdk.incubator.vector module (see {@link SimilarityKernels}).
 */
final class VectorKernel implements SimilarityKernel {
    private static final VectorSpecies<Float> SP = FloatVector.SPECIES_PREFERRED;
    private static final int L = SP.length();

    /**
     * Tokens per pass of all queries: 256 x 384 floats of the transposed block (384 KiB) stay in a
     * 1 MiB L2 while every query tile reads them. A multiple of 2 L for every species.
     */
    private static final int COLUMN_BLOCK = 256;

    @Override
    public String name() {
        return "vector-" + SP.vectorBitSize();
    }

    @Override
    public int lanes() {
        return L;
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
        for (int jb = j0 - j0 % L; jb < stride; jb += COLUMN_BLOCK) {
            int end = Math.min(stride, jb + COLUMN_BLOCK);
            int r = from;
            for (; r + 3 < to; r += 4) {
                tile4(
                        queries[r],
                        queries[r + 1],
                        queries[r + 2],
                        queries[r + 3],
                        cols,
                        stride,
                        d,
                        jb,
                        end,
                        out[r - from],
                        out[r + 1 - from],
                        out[r + 2 - from],
                        out[r + 3 - from]);
            }
            for (; r < to; r++) {
                tile1(queries[r], cols, stride, d, jb, end, out[r - from]);
            }
        }
    }

    private static void tile4(
            float[] qa,
            float[] qb,
            float[] qc,
            float[] qe,
            float[] cols,
            int s,
            int d,
            int start,
            int end,
            float[] oa,
            float[] ob,
            float[] oc,
            float[] oe) {
        int j = start;
        for (; j + 2 * L <= end; j += 2 * L) {
            FloatVector a0 = FloatVector.zero(SP);
            FloatVector a1 = a0;
            FloatVector b0 = a0;
            FloatVector b1 = a0;
            FloatVector c0 = a0;
            FloatVector c1 = a0;
            FloatVector e0 = a0;
            FloatVector e1 = a0;
            int k = 0;
            for (; k + 3 < d; k += 4) {
                int o = k * s + j;
                FloatVector x0 = FloatVector.fromArray(SP, cols, o);
                FloatVector y0 = FloatVector.fromArray(SP, cols, o + L);
                o += s;
                FloatVector x1 = FloatVector.fromArray(SP, cols, o);
                FloatVector y1 = FloatVector.fromArray(SP, cols, o + L);
                o += s;
                FloatVector x2 = FloatVector.fromArray(SP, cols, o);
                FloatVector y2 = FloatVector.fromArray(SP, cols, o + L);
                o += s;
                FloatVector x3 = FloatVector.fromArray(SP, cols, o);
                FloatVector y3 = FloatVector.fromArray(SP, cols, o + L);
                float p0 = qa[k];
                float p1 = qa[k + 1];
                float p2 = qa[k + 2];
                float p3 = qa[k + 3];
                a0 = a0.add(x0.mul(p0).add(x1.mul(p1)).add(x2.mul(p2)).add(x3.mul(p3)));
                a1 = a1.add(y0.mul(p0).add(y1.mul(p1)).add(y2.mul(p2)).add(y3.mul(p3)));
                p0 = qb[k];
                p1 = qb[k + 1];
                p2 = qb[k + 2];
                p3 = qb[k + 3];
                b0 = b0.add(x0.mul(p0).add(x1.mul(p1)).add(x2.mul(p2)).add(x3.mul(p3)));
                b1 = b1.add(y0.mul(p0).add(y1.mul(p1)).add(y2.mul(p2)).add(y3.mul(p3)));
                p0 = qc[k];
                p1 = qc[k + 1];
                p2 = qc[k + 2];
                p3 = qc[k + 3];
                c0 = c0.add(x0.mul(p0).add(x1.mul(p1)).add(x2.mul(p2)).add(x3.mul(p3)));
                c1 = c1.add(y0.mul(p0).add(y1.mul(p1)).add(y2.mul(p2)).add(y3.mul(p3)));
                p0 = qe[k];
                p1 = qe[k + 1];
                p2 = qe[k + 2];
                p3 = qe[k + 3];
                e0 = e0.add(x0.mul(p0).add(x1.mul(p1)).add(x2.mul(p2)).add(x3.mul(p3)));
                e1 = e1.add(y0.mul(p0).add(y1.mul(p1)).add(y2.mul(p2)).add(y3.mul(p3)));
            }
            for (; k < d; k++) {
                int o = k * s + j;
                FloatVector x = FloatVector.fromArray(SP, cols, o);
                FloatVector y = FloatVector.fromArray(SP, cols, o + L);
                a0 = a0.add(x.mul(qa[k]));
                a1 = a1.add(y.mul(qa[k]));
                b0 = b0.add(x.mul(qb[k]));
                b1 = b1.add(y.mul(qb[k]));
                c0 = c0.add(x.mul(qc[k]));
                c1 = c1.add(y.mul(qc[k]));
                e0 = e0.add(x.mul(qe[k]));
                e1 = e1.add(y.mul(qe[k]));
            }
            a0.intoArray(oa, j);
            a1.intoArray(oa, j + L);
            b0.intoArray(ob, j);
            b1.intoArray(ob, j + L);
            c0.intoArray(oc, j);
            c1.intoArray(oc, j + L);
            e0.intoArray(oe, j);
            e1.intoArray(oe, j + L);
        }
        for (; j < end; j += L) {
            FloatVector a0 = FloatVector.zero(SP);
            FloatVector b0 = a0;
            FloatVector c0 = a0;
            FloatVector e0 = a0;
            int k = 0;
            for (; k + 3 < d; k += 4) {
                int o = k * s + j;
                FloatVector x0 = FloatVector.fromArray(SP, cols, o);
                FloatVector x1 = FloatVector.fromArray(SP, cols, o + s);
                FloatVector x2 = FloatVector.fromArray(SP, cols, o + 2 * s);
                FloatVector x3 = FloatVector.fromArray(SP, cols, o + 3 * s);
                a0 =
                        a0.add(
                                x0.mul(qa[k])
                                        .add(x1.mul(qa[k + 1]))
                                        .add(x2.mul(qa[k + 2]))
                                        .add(x3.mul(qa[k + 3])));
                b0 =
                        b0.add(
                                x0.mul(qb[k])
                                        .add(x1.mul(qb[k + 1]))
                                        .add(x2.mul(qb[k + 2]))
                                        .add(x3.mul(qb[k + 3])));
                c0 =
                        c0.add(
                                x0.mul(qc[k])
                                        .add(x1.mul(qc[k + 1]))
                                        .add(x2.mul(qc[k + 2]))
                                        .add(x3.mul(qc[k + 3])));
                e0 =
                        e0.add(
                                x0.mul(qe[k])
                                        .add(x1.mul(qe[k + 1]))
                                        .add(x2.mul(qe[k + 2]))
                                        .add(x3.mul(qe[k + 3])));
            }
            for (; k < d; k++) {
                FloatVector x = FloatVector.fromArray(SP, cols, k * s + j);
                a0 = a0.add(x.mul(qa[k]));
                b0 = b0.add(x.mul(qb[k]));
                c0 = c0.add(x.mul(qc[k]));
                e0 = e0.add(x.mul(qe[k]));
            }
            a0.intoArray(oa, j);
            b0.intoArray(ob, j);
            c0.intoArray(oc, j);
            e0.intoArray(oe, j);
        }
    }

    private static void tile1(
            float[] q, float[] cols, int s, int d, int start, int end, float[] out) {
        for (int j = start; j < end; j += L) {
            FloatVector a = FloatVector.zero(SP);
            int k = 0;
            for (; k + 3 < d; k += 4) {
                int o = k * s + j;
                FloatVector x0 = FloatVector.fromArray(SP, cols, o);
                FloatVector x1 = FloatVector.fromArray(SP, cols, o + s);
                FloatVector x2 = FloatVector.fromArray(SP, cols, o + 2 * s);
                FloatVector x3 = FloatVector.fromArray(SP, cols, o + 3 * s);
                a =
                        a.add(
                                x0.mul(q[k])
                                        .add(x1.mul(q[k + 1]))
                                        .add(x2.mul(q[k + 2]))
                                        .add(x3.mul(q[k + 3])));
            }
            for (; k < d; k++) {
                a = a.add(FloatVector.fromArray(SP, cols, k * s + j).mul(q[k]));
            }
            a.intoArray(out, j);
        }
    }
}
