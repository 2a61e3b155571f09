package dev.skim.core.compression;

import dev.skim.core.tokens.Token;
import java.util.Arrays;
import java.util.List;

/**
 * k-center, stage 1 of ToDRE (token diversity first, task relevance second; seeds digest section
 * 2.8): Gonzalez's greedy 2-approximation of min over centre sets C (|C| = k) of max_i min_{c in C}
 * d(x_i, c), with d = 1 - cos.
 *
 * <p>Seed: the token farthest from the mean direction (deterministic); then repeatedly the token
 * farthest from its nearest centre. Output either the centre tokens themselves (pruning, one-hot W
 * rows, input order) or, with {@code cells}, each centre's Voronoi cell as a span-weighted mean
 * (merging; every input is covered). The paper keeps 10% of the tokens after the encoder. Use it
 * where DivPrune fits but the worst-covered token matters more than total diversity.
 *
 * <p>After a frame gate, k is per frame the input stands for ({@link OperatorContext#budget}).
 *
 * <p>1 - cos is not a metric, but it is monotone in the chord distance |x^ - y^| = sqrt(2 (1 -
 * cos)), which is; the greedy picks are the same, so the factor-2 bound holds for chord distances.
 */
public final class KCenter extends DefinedOperator {
    static final OperatorDefinition DEFINITION =
            OperatorDefinition.builder("kcenter", "ToDRE stage 1")
                    .summary(
                            "Gonzalez greedy k-center on 1 - cos: the k centres, or with cells"
                                    + " each centre's Voronoi-cell mean")
                    .example("kcenter(20)")
                    .param(Param.ofInt("k").atLeast("1"))
                    .param(Param.ofBool("cells", false))
                    .budget((a, in) -> a.intValue("k"))
                    .factory(a -> new KCenter(a.intValue("k"), a.boolValue("cells")));

    private final int k;
    private final boolean cells;

    /**
     * @param k centres, at least 1
     * @param cells output Voronoi-cell means instead of the centre tokens
     */
    public KCenter(int k, boolean cells) {
        super(DEFINITION.arguments(k, cells));
        this.k = k;
        this.cells = cells;
    }

    public KCenter(int k) {
        this(k, false);
    }

    @Override
    public Compressed apply(List<Token> in, OperatorContext ctx) {
        if (in.isEmpty()) {
            return Compressed.empty(0);
        }
        UnitMatrix units = UnitMatrix.of(in);
        FarthestPoint.Selection s =
                FarthestPoint.run(units, FarthestPoint.farthestFromMean(units), ctx.budget(k), -1f);
        return output(in, s, cells);
    }

    static Compressed output(List<Token> in, FarthestPoint.Selection s, boolean cells) {
        if (cells) {
            return Groups.merge(in, s.nearest(), s.picked().length);
        }
        int[] picks = s.picked().clone();
        Arrays.sort(picks);
        return new Compressed(Groups.pick(in, picks), Provenance.select(in.size(), picks));
    }
}
