package dev.skim.core.compression;

import dev.skim.core.tokens.Token;
import java.util.Arrays;
import java.util.List;

/**
 * Similarity merge by bipartite soft matching, as in ToMe (Bolya et al., "Token Merging: Your ViT
 * But Faster"), used before the LLM by AIM (Zhong et al., "AIM: Adaptive Inference of Multi-Modal
 * LLMs via Token Merging and Pruning") and TinyChart.
 *
 * <p>Each round splits the current tokens alternately into A (even) and B (odd), finds for every a
 * its most similar b* = argmax_b cos(a, b), and merges the r most similar pairs (r = min(|A|, count
 * - k)) into their b: x_b = sum s_j x_j / sum s_j over everything merged into b, size s_b = sum
 * s_j, position likewise span-weighted. Rounds repeat until k tokens remain. Every input is covered
 * by exactly one output, so spans sum to the input's. Output ordered by (frame, row, col).
 *
 * <p>Use it where every patch must stay represented (merging loses less than pruning), per frame or
 * over two or three adjacent frames (static background then collapses across time). A round costs
 * O(N^2 D / 4), so over a long window (thousands of tokens) prefer {@link WindowKMeans}: on 32
 * frames of 196 tokens a merge to 64 took about 25x the time of k-means with K = 64.
 */
public final class SimilarityMerge extends DefinedOperator {
    static final OperatorDefinition DEFINITION =
            OperatorDefinition.builder("merge", "ToMe, AIM, TinyChart")
                    .summary(
                            "bipartite soft matching: merges the most similar pairs (span-weighted"
                                    + " means) until k tokens remain")
                    .example("merge(32)")
                    .param(Param.ofInt("k").atLeast("1"))
                    .budget((a, in) -> a.intValue("k"))
                    .factory(a -> new SimilarityMerge(a.intValue("k")));

    /** A-side tokens per similarity kernel call: the B side is read once per 64 of them. */
    private static final int BLOCK = 64;

    private final int k;

    /**
     * @param k tokens to keep, at least 1
     */
    public SimilarityMerge(int k) {
        super(DEFINITION.arguments(k));
        this.k = k;
    }

    @Override
    public Compressed apply(List<Token> in, OperatorContext ctx) {
        int n = in.size();
        int[] group = new int[n];
        Arrays.setAll(group, i -> i);
        if (n <= k) {
            return Groups.merge(in, group, n);
        }
        int dim = in.get(0).dim();
        // Current tokens as span-weighted sums; cur[g] is live while alive[g].
        int count = n;
        float[][] sums = new float[n][];
        float[] spans = new float[n];
        for (int i = 0; i < n; i++) {
            Token t = in.get(i);
            spans[i] = t.span();
            sums[i] = new float[dim];
            VectorMath.addScaled(sums[i], t.vector(), t.span());
        }
        int[] live = new int[n];
        Arrays.setAll(live, i -> i);
        int[] mergedInto = new int[n];
        Arrays.setAll(mergedInto, i -> i);
        while (count > k) {
            int na = (count + 1) / 2;
            int nb = count / 2;
            int[] bestB = new int[na];
            float[] bestSim = new float[na];
            matchAlternate(sums, live, na, nb, dim, bestB, bestSim);
            int r = Math.min(nb == 0 ? 0 : na, count - k);
            int[] order = VectorMath.topIndices(bestSim, r);
            boolean[] gone = new boolean[count];
            for (int a : order) {
                int src = live[2 * a];
                int dst = live[2 * bestB[a] + 1];
                VectorMath.addScaled(sums[dst], sums[src], 1f);
                spans[dst] += spans[src];
                mergedInto[src] = dst;
                gone[2 * a] = true;
            }
            int m = 0;
            for (int i = 0; i < count; i++) {
                if (!gone[i]) {
                    live[m++] = live[i];
                }
            }
            count = m;
        }
        groupsOfRoots(live, count, mergedInto, group);
        return Groups.merge(in, group, count);
    }

    /**
     * ToMe's bipartite step: the live tokens alternate between side A (even positions) and B (odd);
     * for each A token its most similar B token (cosine of the span-weighted sums) and that
     * similarity.
     */
    private static void matchAlternate(
            float[][] sums, int[] live, int na, int nb, int dim, int[] bestB, float[] bestSim) {
        float[][] bUnits = new float[nb][];
        for (int b = 0; b < nb; b++) {
            bUnits[b] = VectorMath.unit(sums[live[2 * b + 1]]);
        }
        UnitMatrix bSide = UnitMatrix.ofUnits(bUnits, dim);
        float[][] aUnits = new float[na][];
        for (int a = 0; a < na; a++) {
            aUnits[a] = VectorMath.unit(sums[live[2 * a]]);
        }
        float[][] sims = bSide.block(Math.min(BLOCK, na));
        for (int a0 = 0; a0 < na; a0 += sims.length) {
            int a1 = Math.min(na, a0 + sims.length);
            bSide.similarities(aUnits, a0, a1, sims);
            for (int a = a0; a < a1; a++) {
                float[] s = sims[a - a0];
                float best = Float.NEGATIVE_INFINITY;
                int arg = 0;
                for (int b = 0; b < nb; b++) {
                    if (s[b] > best) {
                        best = s[b];
                        arg = b;
                    }
                }
                bestB[a] = arg;
                bestSim[a] = best;
            }
        }
    }

    /** Each input token's group: the slot of the live token it was finally merged into. */
    private static void groupsOfRoots(int[] live, int count, int[] mergedInto, int[] group) {
        int[] slot = new int[group.length];
        Arrays.fill(slot, -1);
        for (int i = 0; i < count; i++) {
            slot[live[i]] = i;
        }
        for (int i = 0; i < group.length; i++) {
            int root = i;
            while (mergedInto[root] != root) {
                root = mergedInto[root];
            }
            group[i] = slot[root];
        }
    }
}
