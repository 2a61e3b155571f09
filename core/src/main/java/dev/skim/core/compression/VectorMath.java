package dev.skim.core.compression;

import dev.skim.core.tokens.Token;
import java.util.Arrays;
import java.util.List;

/**
 * The vector arithmetic of Skim, written once: dot products, norms, unit vectors, cosine similarity
 * (DESIGN.md section 5: x^ = x / |x|, S = x^ . y^, d = 1 - S). Use it instead of a hand-written
 * loop so that every module measures similarity the same way.
 *
 * <p>Floats, accumulated in four lanes (the JIT vectorises the loop). A zero vector has no
 * direction: its unit vector is zero and its cosine to anything is 0.
 */
public final class VectorMath {
    private VectorMath() {}

    /**
     * a . b
     *
     * @throws IllegalArgumentException when the lengths differ
     */
    public static float dot(float[] a, float[] b) {
        if (a.length != b.length) {
            throw new IllegalArgumentException(
                    "vectors of length " + a.length + " and " + b.length);
        }
        float s0 = 0f;
        float s1 = 0f;
        float s2 = 0f;
        float s3 = 0f;
        int n = a.length;
        int i = 0;
        for (; i + 3 < n; i += 4) {
            s0 += a[i] * b[i];
            s1 += a[i + 1] * b[i + 1];
            s2 += a[i + 2] * b[i + 2];
            s3 += a[i + 3] * b[i + 3];
        }
        for (; i < n; i++) {
            s0 += a[i] * b[i];
        }
        return (s0 + s1) + (s2 + s3);
    }

    /** |a| (Euclidean). */
    public static float norm(float[] a) {
        return (float) Math.sqrt(dot(a, a));
    }

    /** A unit-length copy; a zero vector stays zero (its cosine to anything is 0). */
    public static float[] unit(float[] a) {
        float n = norm(a);
        float[] u = new float[a.length];
        if (n > 0f) {
            float inv = 1f / n;
            for (int i = 0; i < a.length; i++) {
                u[i] = a[i] * inv;
            }
        }
        return u;
    }

    /** Unit vectors of all tokens, as a row-major N x D array. */
    public static float[][] units(List<Token> tokens) {
        float[][] u = new float[tokens.size()][];
        for (int i = 0; i < u.length; i++) {
            u[i] = unit(tokens.get(i).vector());
        }
        return u;
    }

    /**
     * cos(a, b) = a . b / (|a| |b|), in [-1, 1]; 0 when either is a zero vector.
     *
     * @throws IllegalArgumentException when the lengths differ
     */
    public static float cosine(float[] a, float[] b) {
        float na = norm(a);
        float nb = norm(b);
        if (na == 0f || nb == 0f) {
            if (a.length != b.length) {
                throw new IllegalArgumentException(
                        "vectors of length " + a.length + " and " + b.length);
            }
            return 0f;
        }
        return dot(a, b) / (na * nb);
    }

    /**
     * acc += w * x
     *
     * @throws IllegalArgumentException when the lengths differ
     */
    public static void addScaled(float[] acc, float[] x, float w) {
        if (acc.length != x.length) {
            throw new IllegalArgumentException(
                    "vectors of length " + acc.length + " and " + x.length);
        }
        for (int i = 0; i < acc.length; i++) {
            acc[i] += w * x[i];
        }
    }

    /** Indices of the r (at least 0) largest values, largest first; ties to the lower index. */
    public static int[] topIndices(float[] values, int r) {
        long[] keyed = new long[values.length];
        for (int i = 0; i < values.length; i++) {
            // Descending value, then ascending index: sort on (~orderedBits, index).
            int bits = Float.floatToIntBits(values[i]);
            int ordered = bits >= 0 ? bits : bits ^ 0x7fffffff;
            keyed[i] = ((long) ~ordered << 32) | i;
        }
        Arrays.sort(keyed);
        int[] out = new int[Math.min(r, values.length)];
        for (int i = 0; i < out.length; i++) {
            out[i] = (int) (keyed[i] & 0xffffffffL);
        }
        return out;
    }
}
