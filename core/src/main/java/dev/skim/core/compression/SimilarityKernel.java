package dev.skim.core.compression;

/**
 * Dot products of query rows with the columns of a transposed block of unit vectors (D x stride,
 * flat, column j = token j, zero-padded beyond N): the one hot loop behind every cosine in the
 * operators. Every kernel computes out = out + (((x0 q0 + x1 q1) + x2 q2) + x3 q3) over four
 * dimensions at a time, then one dimension at a time for the last D mod 4, without fused
 * multiply-adds, so all kernels give bit-identical similarities and the greedy selections cannot
 * differ between them.
 */
interface SimilarityKernel {
    /** Name logged by the apps, e.g. "vector-512" or "scalar". */
    String name();

    /** Column padding: the stride of the transposed block is a multiple of this. */
    int lanes();

    /**
     * out[r - from][j] = queries[r] . column j, for r in [from, to) and at least every j in [j0,
     * n); entries before j0 may be written too. Rows of out are at least stride long.
     */
    void products(
            float[][] queries,
            int from,
            int to,
            float[] cols,
            int n,
            int stride,
            int d,
            int j0,
            float[][] out);
}
