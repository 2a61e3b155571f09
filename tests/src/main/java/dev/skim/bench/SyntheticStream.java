package dev.skim.bench;

import dev.skim.core.tokens.Token;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Token frames shaped like a static camera's encoder output, for operator benchmarks: non-negative
 * (post-ReLU) features, a background of a few "materials" laid out in regions plus per-patch
 * texture, small sensor noise per frame, a 3x3 object moving one cell a frame, and a scene cut (new
 * materials) every {@code cutEvery} frames. Deterministic for a seed.
 */
public final class SyntheticStream {
    private final int rows;
    private final int cols;
    private final int dim;
    private final int cutEvery;
    private final long seed;

    public SyntheticStream(int rows, int cols, int dim, int cutEvery, long seed) {
        this.rows = rows;
        this.cols = cols;
        this.dim = dim;
        this.cutEvery = cutEvery;
        this.seed = seed;
    }

    /** Frames [0, count) of the stream, each rows*cols tokens in row-major order. */
    public List<List<Token>> frames(int count) {
        List<List<Token>> out = new ArrayList<>(count);
        float[][] background = null;
        float[] object = null;
        SplittableRandom noise = new SplittableRandom(seed ^ 0x5eed);
        for (int t = 0; t < count; t++) {
            if (t % cutEvery == 0) {
                SplittableRandom scene = new SplittableRandom(seed + t);
                background = scene(scene);
                object = relu(gaussian(scene, 1.5f));
            }
            List<Token> frame = new ArrayList<>(rows * cols);
            int or = (t / 2) % Math.max(1, rows - 2);
            int oc = t % Math.max(1, cols - 2);
            for (int r = 0; r < rows; r++) {
                for (int c = 0; c < cols; c++) {
                    boolean inObject = r >= or && r < or + 3 && c >= oc && c < oc + 3;
                    float[] base = inObject ? object : background[r * cols + c];
                    float[] v = new float[dim];
                    for (int i = 0; i < dim; i++) {
                        v[i] = Math.max(0f, base[i] + 0.05f * (float) noise.nextGaussian());
                    }
                    frame.add(Token.patch(v, t, r, c));
                }
            }
            out.add(frame);
        }
        return out;
    }

    private float[][] scene(SplittableRandom rnd) {
        int materials = 6;
        float[][] mat = new float[materials][];
        int[][] centre = new int[materials][];
        for (int m = 0; m < materials; m++) {
            mat[m] = relu(gaussian(rnd, 1f));
            centre[m] = new int[] {rnd.nextInt(rows), rnd.nextInt(cols)};
        }
        float[][] bg = new float[rows * cols][];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                int best = 0;
                int bestD = Integer.MAX_VALUE;
                for (int m = 0; m < materials; m++) {
                    int d =
                            (r - centre[m][0]) * (r - centre[m][0])
                                    + (c - centre[m][1]) * (c - centre[m][1]);
                    if (d < bestD) {
                        bestD = d;
                        best = m;
                    }
                }
                float[] texture = gaussian(rnd, 0.4f);
                float[] v = new float[dim];
                for (int i = 0; i < dim; i++) {
                    v[i] = Math.max(0f, mat[best][i] + texture[i]);
                }
                bg[r * cols + c] = v;
            }
        }
        return bg;
    }

    private float[] gaussian(SplittableRandom rnd, float sd) {
        float[] v = new float[dim];
        for (int i = 0; i < dim; i++) {
            v[i] = sd * (float) rnd.nextGaussian();
        }
        return v;
    }

    private static float[] relu(float[] v) {
        for (int i = 0; i < v.length; i++) {
            v[i] = Math.max(0f, v[i]);
        }
        return v;
    }
}
