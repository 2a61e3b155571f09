package dev.skim.core.compression;

import dev.skim.core.tokens.Token;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Small token sets for tests. */
final class Fixtures {
    private Fixtures() {}

    /** A rows x cols grid of one frame where vector(r, c) = f(r, c). */
    static List<Token> grid(int frame, int rows, int cols, VectorAt f) {
        List<Token> out = new ArrayList<>(rows * cols);
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                out.add(Token.patch(f.at(r, c), frame, r, c));
            }
        }
        return out;
    }

    /** A grid of seeded Gaussian vectors. */
    static List<Token> randomGrid(int frame, int rows, int cols, int dim, long seed) {
        Random rnd = new Random(seed);
        return grid(frame, rows, cols, (r, c) -> gaussian(rnd, dim));
    }

    static float[] gaussian(Random rnd, int dim) {
        float[] v = new float[dim];
        for (int i = 0; i < dim; i++) {
            v[i] = (float) rnd.nextGaussian();
        }
        return v;
    }

    static float[] constant(int dim, float value) {
        float[] v = new float[dim];
        java.util.Arrays.fill(v, value);
        return v;
    }

    /** Tokens placed along a 1 x n strip whose vectors are given. */
    static List<Token> strip(int frame, List<float[]> vectors) {
        List<Token> out = new ArrayList<>();
        for (int i = 0; i < vectors.size(); i++) {
            out.add(Token.patch(vectors.get(i), frame, 0, i));
        }
        return out;
    }

    static int totalSpan(List<Token> tokens) {
        int s = 0;
        for (Token t : tokens) {
            s += t.span();
        }
        return s;
    }

    @FunctionalInterface
    interface VectorAt {
        float[] at(int row, int col);
    }
}
