package dev.skim.core.compression;

import dev.skim.core.tokens.Token;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Window k-means codebook, the training-free form of VQToken ("Neural Discrete Token Representation
 * Learning for Extreme Token Reduction in Video Large Language Models") and CenterCLIP's segment
 * clustering (Zhao et al., "CenterCLIP: Token Clustering for Efficient Text-Video Retrieval").
 *
 * <p>Cosine (spherical) k-means over all tokens of a window: k-means++ seeding with a seeded RNG
 * (next centre drawn with probability proportional to D(x)^2, D = 1 - cos to the nearest centre),
 * then at most {@code iterations} rounds of a(i) = argmax_c cos(x_i, c) and c = sum_{a(i)=c} s_i
 * x_i (its direction). Fixed mode uses K = k. Adaptive mode tries K = 8, 16, 32, ... up to {@code
 * maxK} and stops at the first K whose error mean_i (1 - cos(x_i, c_a(i))) is below {@code tau}.
 * Output = the non-empty clusters' span-weighted means; the index map (every input's centroid) is
 * in {@link #fit}'s {@link Codebook}. VQToken reports 0.07% of the original length; use it on a
 * tumbling window for the most extreme budgets.
 */
public final class WindowKMeans extends DefinedOperator {
    static final OperatorDefinition DEFINITION =
            OperatorDefinition.builder("kmeans", "VQToken, CenterCLIP")
                    .summary(
                            "cosine k-means (k-means++ seeding) over a window's tokens; outputs the"
                                    + " cluster means")
                    .example("kmeans(64)")
                    .param(Param.ofInt("k").atLeast("1"))
                    .param(
                            Param.ofFloat("tau")
                                    .withDefault("0")
                                    .between("0", "2")
                                    .withNote(
                                            "0 = fixed K; else K = 8, 16, ... up to k until the"
                                                    + " error is below tau"))
                    .param(Param.ofInt("iter").withDefault("10").atLeast("1"))
                    .param(Param.ofInt("seed").withDefault("42"))
                    .budget((a, in) -> a.intValue("k"))
                    .factory(
                            a ->
                                    a.floatValue("tau") > 0f
                                            ? adaptive(
                                                    a.floatValue("tau"),
                                                    a.intValue("k"),
                                                    a.intValue("iter"),
                                                    a.intValue("seed"))
                                            : fixed(
                                                    a.intValue("k"),
                                                    a.intValue("iter"),
                                                    a.intValue("seed")));

    /** Centres per similarity kernel call: a window's tokens are read once per 64 centres. */
    private static final int BLOCK = 64;

    private final int k;
    private final float tau;
    private final int iterations;
    private final long seed;

    /** tau &lt; 0: fixed K (tau is then not a parameter). */
    private WindowKMeans(int k, float tau, int iterations, long seed) {
        super(DEFINITION.arguments(k, tau >= 0f ? tau : null, iterations, seed));
        this.k = k;
        this.tau = tau;
        this.iterations = iterations;
        this.seed = seed;
    }

    /** Fixed K. */
    public static WindowKMeans fixed(int k, int iterations, long seed) {
        return new WindowKMeans(k, -1f, iterations, seed);
    }

    /** Adaptive K: doubling from 8 until the error is below tau, at most maxK. */
    public static WindowKMeans adaptive(float tau, int maxK, int iterations, long seed) {
        if (!(tau > 0f && tau <= 2f)) {
            throw new IllegalArgumentException("kmeans tau must be in (0, 2], was " + tau);
        }
        return new WindowKMeans(maxK, tau, iterations, seed);
    }

    @Override
    public Compressed apply(List<Token> in, OperatorContext ctx) {
        Codebook c = fit(in);
        return new Compressed(c.centroids(), c.provenance());
    }

    /** Clusters the tokens and returns centroids, index map and error. */
    public Codebook fit(List<Token> in) {
        if (in.isEmpty()) {
            return new Codebook(List.of(), new int[0], 0f, Provenance.empty(0));
        }
        UnitMatrix units = UnitMatrix.of(in);
        if (tau < 0f) {
            return cluster(in, units, k);
        }
        Codebook best = null;
        for (int kk = Math.min(8, k); ; kk = Math.min(kk * 2, k)) {
            best = cluster(in, units, kk);
            if (best.error() < tau || kk >= k || kk >= in.size()) {
                return best;
            }
        }
    }

    private Codebook cluster(List<Token> in, UnitMatrix units, int kk) {
        int n = in.size();
        int dim = in.get(0).dim();
        float[][] centres = seed(units, Math.min(kk, n));
        int kc = centres.length;
        int[] a = new int[n];
        Arrays.fill(a, -1);
        for (int it = 0; it < iterations; it++) {
            boolean changed = assign(units, centres, a);
            if (!changed && it > 0) {
                break;
            }
            float[][] sums = new float[kc][dim];
            for (int i = 0; i < n; i++) {
                Token t = in.get(i);
                VectorMath.addScaled(sums[a[i]], t.vector(), t.span());
            }
            for (int c = 0; c < kc; c++) {
                float[] u = VectorMath.unit(sums[c]);
                if (VectorMath.dot(u, u) > 0f) {
                    centres[c] = u;
                }
            }
        }
        Compressed merged = Groups.merge(in, a, kc);
        // Re-index the map to the ordered, non-empty outputs.
        int[] owner = merged.provenance().ownerOfEachInput();
        float[][] outUnits = VectorMath.units(merged.tokens());
        float err = 0f;
        for (int i = 0; i < n; i++) {
            err += 1f - VectorMath.dot(units.row(i), outUnits[owner[i]]);
        }
        return new Codebook(merged.tokens(), owner, err / n, merged.provenance());
    }

    private static boolean assign(UnitMatrix units, float[][] centres, int[] a) {
        int n = units.size();
        float[] best = new float[n];
        int[] arg = new int[n];
        float[][] sims = units.block(Math.min(BLOCK, centres.length));
        Arrays.fill(best, Float.NEGATIVE_INFINITY);
        for (int c0 = 0; c0 < centres.length; c0 += sims.length) {
            int c1 = Math.min(centres.length, c0 + sims.length);
            units.similarities(centres, c0, c1, sims);
            for (int c = c0; c < c1; c++) {
                float[] s = sims[c - c0];
                for (int i = 0; i < n; i++) {
                    if (s[i] > best[i]) {
                        best[i] = s[i];
                        arg[i] = c;
                    }
                }
            }
        }
        boolean changed = false;
        for (int i = 0; i < n; i++) {
            if (a[i] != arg[i]) {
                a[i] = arg[i];
                changed = true;
            }
        }
        return changed;
    }

    /** k-means++ on 1 - cos; stops early when every point coincides with a centre. */
    private float[][] seed(UnitMatrix units, int kk) {
        SplittableRandom rnd = new SplittableRandom(seed);
        int n = units.size();
        float[][] centres = new float[kk][];
        float[] d = new float[n];
        float[] sims = new float[units.paddedSize()];
        centres[0] = units.row(rnd.nextInt(n));
        units.similarities(centres[0], sims);
        for (int i = 0; i < n; i++) {
            d[i] = Math.max(0f, 1f - sims[i]);
        }
        int count = 1;
        while (count < kk) {
            double total = 0;
            for (float v : d) {
                total += (double) v * v;
            }
            if (total <= 0) {
                break;
            }
            double target = rnd.nextDouble() * total;
            int pick = n - 1;
            double acc = 0;
            for (int i = 0; i < n; i++) {
                acc += (double) d[i] * d[i];
                if (acc > target) {
                    pick = i;
                    break;
                }
            }
            centres[count++] = units.row(pick);
            units.similarities(units.row(pick), sims);
            for (int i = 0; i < n; i++) {
                d[i] = Math.min(d[i], Math.max(0f, 1f - sims[i]));
            }
        }
        return Arrays.copyOf(centres, count);
    }
}
