package dev.skim.core.compression;

import dev.skim.core.tokens.Token;
import java.util.Arrays;
import java.util.List;

/**
 * DivPrune (Alvar et al., CVPR 2025, "DivPrune: Diversity-based Visual Token Pruning for Large
 * Multimodal Models"): keep the k most mutually diverse tokens, a greedy answer to the Max-Min
 * Diversity Problem on d_ij = 1 - cos(x_i, x_j).
 *
 * <p>As in the authors' reference code: the first pick is the token whose nearest neighbour is
 * farthest away (argmax_i min_{j != i} d_ij); then repeatedly the token whose distance to its
 * nearest selected token is largest (argmax_{i not in S} min_{j in S} d_ij). Ties go to the lowest
 * index. Output keeps the input order (pruning: one-hot W rows). Cost O(N^2 D) for the seed plus
 * O(N k D); for very large windows use {@code seed=mean} (farthest from the mean, O(N D)).
 *
 * <p>After a frame gate, k is per frame the input stands for ({@link OperatorContext#budget}).
 *
 * <p>Use it per frame (k = 64) when no attention is exported, or over a whole window's tokens,
 * where it drops background repeated across frames.
 */
public final class DivPrune extends DefinedOperator {
    static final OperatorDefinition DEFINITION =
            OperatorDefinition.builder("divprune", "DivPrune (CVPR 2025)")
                    .summary(
                            "keeps the k most mutually diverse tokens (greedy max-min diversity on"
                                    + " 1 - cos)")
                    .example("divprune(64)")
                    .param(Param.ofInt("k").atLeast("1"))
                    .param(
                            Param.ofWord("seed", "nn", "mean")
                                    .withNote(
                                            "mean: farthest from the mean, O(N D) for big windows"))
                    .budget((a, in) -> a.intValue("k"))
                    .factory(a -> new DivPrune(a.intValue("k"), a.word("seed").equals("mean")));

    private final int k;
    private final boolean seedFromMean;

    /**
     * @param k tokens to keep, at least 1
     * @param seedFromMean seed with the token farthest from the mean instead of the authors' seed
     */
    public DivPrune(int k, boolean seedFromMean) {
        super(DEFINITION.arguments(k, seedFromMean ? "mean" : "nn"));
        this.k = k;
        this.seedFromMean = seedFromMean;
    }

    public DivPrune(int k) {
        this(k, false);
    }

    @Override
    public Compressed apply(List<Token> in, OperatorContext ctx) {
        int[] picks = select(in, ctx.budget(k));
        return new Compressed(Groups.pick(in, picks), Provenance.select(in.size(), picks));
    }

    /** Indices of the kept tokens, ascending. */
    int[] select(List<Token> in) {
        return select(in, k);
    }

    private int[] select(List<Token> in, int k) {
        int n = in.size();
        if (n <= k) {
            int[] all = new int[n];
            Arrays.setAll(all, i -> i);
            return all;
        }
        UnitMatrix units = UnitMatrix.of(in);
        int first =
                seedFromMean
                        ? FarthestPoint.farthestFromMean(units)
                        : FarthestPoint.farthestNearestNeighbour(units);
        int[] picked = FarthestPoint.run(units, first, k, -1f).picked();
        Arrays.sort(picked);
        return picked;
    }
}
