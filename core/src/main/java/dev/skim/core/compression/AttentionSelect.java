package dev.skim.core.compression;

import dev.skim.core.tokens.Token;
import java.util.List;

/**
 * Attention selection, as in VisionZip (Yang et al., "VisionZip: Longer is Better but Not Necessary
 * in Vision Language Models") and VTC-CLS ("[CLS] Token Tells Everything Needed for Training-free
 * Efficient MLLMs"): keep the k tokens the CLS token attends to most, s_i = attention(CLS -> i),
 * and merge the rest into c context tokens.
 *
 * <p>Context tokens (VisionZip's contextual merging): c targets evenly spaced over the remaining
 * tokens in input order; every remaining token joins its most similar target (cosine), and each
 * group becomes its span-weighted mean. Output ordered by (frame, row, col). Needs attention in the
 * context ({@link dev.skim.core.tokens.TokenGrid#attention()}, carried through earlier operators by
 * the chain); it is the cheapest informed selection once the encoder exports attention.
 */
public final class AttentionSelect extends DefinedOperator {
    static final OperatorDefinition DEFINITION =
            OperatorDefinition.builder("attention", "VisionZip, VTC-CLS")
                    .summary(
                            "keeps the k tokens with the most CLS attention and merges the rest"
                                    + " into context tokens (needs encoder attention)")
                    .example("attention(48, context=16)")
                    .param(Param.ofInt("k").atLeast("1"))
                    .param(Param.ofInt("context").withDefault("0").atLeast("0"))
                    .budget((a, in) -> a.intValue("k") + a.intValue("context"))
                    .factory(a -> new AttentionSelect(a.intValue("k"), a.intValue("context")));

    private final int k;
    private final int context;

    /**
     * @param k dominant tokens to keep, at least 1
     * @param context context tokens to merge the rest into, at least 0
     */
    public AttentionSelect(int k, int context) {
        super(DEFINITION.arguments(k, context));
        this.k = k;
        this.context = context;
    }

    @Override
    public Compressed apply(List<Token> in, OperatorContext ctx) {
        float[] a = ctx.attention();
        if (a == null) {
            throw new IllegalArgumentException(
                    "attention selection needs CLS attention from the encoder (TokenGrid.attention),"
                            + " and this input has none; use divprune or kcenter instead");
        }
        if (a.length != in.size()) {
            throw new IllegalArgumentException(
                    "attention has " + a.length + " entries for " + in.size() + " tokens");
        }
        int n = in.size();
        int[] top = VectorMath.topIndices(a, k);
        int[] assignment = new int[n];
        java.util.Arrays.fill(assignment, -1);
        for (int g = 0; g < top.length; g++) {
            assignment[top[g]] = g;
        }
        int rest = n - top.length;
        int targets = Math.min(context, rest);
        if (targets > 0) {
            int[] restIdx = new int[rest];
            int m = 0;
            for (int i = 0; i < n; i++) {
                if (assignment[i] < 0) {
                    restIdx[m++] = i;
                }
            }
            float[][] targetUnits = new float[targets][];
            for (int t = 0; t < targets; t++) {
                int idx = restIdx[(int) ((long) t * rest / targets)];
                targetUnits[t] = VectorMath.unit(in.get(idx).vector());
            }
            for (int i : restIdx) {
                float[] u = VectorMath.unit(in.get(i).vector());
                int best = 0;
                float bestSim = Float.NEGATIVE_INFINITY;
                for (int t = 0; t < targets; t++) {
                    float s = VectorMath.dot(u, targetUnits[t]);
                    if (s > bestSim) {
                        bestSim = s;
                        best = t;
                    }
                }
                assignment[i] = top.length + best;
            }
        }
        return Groups.merge(in, assignment, top.length + targets);
    }
}
