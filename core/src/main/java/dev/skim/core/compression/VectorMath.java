package dev.skim.core.compression;

import dev.skim.core.tokens.Token;
import java.util.List;

/** Tight float loops shared by the operators; cosine work goes through unit vectors. */
final class VectorMath {
    private VectorMath() {}

    static float dot(float[] a, float[] b) {
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

    static float norm(float[] a) {
        return (float) Math.sqrt(dot(a, a));
    }

    /** A unit-length copy; a zero vector stays zero (its cosine to anything is 0). */
    static float[] unit(float[] a) {
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
    static float[][] units(List<Token> tokens) {
        float[][] u = new float[tokens.size()][];
        for (int i = 0; i < u.length; i++) {
            u[i] = unit(tokens.get(i).vector());
        }
        return u;
    }

    static float[][] unitsOf(List<float[]> vectors) {
        float[][] u = new float[vectors.size()][];
        for (int i = 0; i < u.length; i++) {
            u[i] = unit(vectors.get(i));
        }
        return u;
    }

    static float cosine(float[] a, float[] b) {
        float na = norm(a);
        float nb = norm(b);
        if (na == 0f || nb == 0f) {
            return 0f;
        }
        return dot(a, b) / (na * nb);
    }

    /** acc += w * x */
    static void addScaled(float[] acc, float[] x, float w) {
        for (int i = 0; i < acc.length; i++) {
            acc[i] += w * x[i];
        }
    }

    /** Mean of the given vectors (all the same length). */
    static float[] mean(List<float[]> vectors, int dim) {
        float[] m = new float[dim];
        if (vectors.isEmpty()) {
            return m;
        }
        for (float[] v : vectors) {
            addScaled(m, v, 1f);
        }
        float inv = 1f / vectors.size();
        for (int i = 0; i < dim; i++) {
            m[i] *= inv;
        }
        return m;
    }
}
