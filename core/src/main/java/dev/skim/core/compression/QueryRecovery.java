package dev.skim.core.compression;

import dev.skim.core.tokens.Token;
import java.util.Arrays;
import java.util.List;

/**
 * Query recovery, after Recoverable Compression ("Recoverable Compression: A Multimodal Vision
 * Token Recovery Mechanism Guided by Text Information") and the slow path of Slow-Fast video MLLMs:
 * given a query vector q in the tokens' space, bring back the stored tokens most similar to it.
 *
 * <p>r_i = cos(q, x_i); keep the top k by r_i, and with kappa &gt; 0 only those with r_i &gt; mu_r
 * + kappa sigma_r (the paper's outlier rule). Output keeps input order (one-hot W rows). Needs
 * {@link OperatorContext#query()}; the query must come from an encoder aligned with the tokens (a
 * text encoder of the same joint space, or the image's own encoding for needle search).
 */
public final class QueryRecovery extends DefinedOperator {
    static final OperatorDefinition DEFINITION =
            OperatorDefinition.builder("query", "Recoverable Compression")
                    .summary(
                            "keeps the k tokens most similar to the query vector in the context"
                                    + " (needs a query)")
                    .example("query(8)")
                    .param(Param.ofInt("k").atLeast("1"))
                    .param(
                            Param.ofFloat("kappa")
                                    .withDefault("0")
                                    .atLeast("0")
                                    .withNote("0 = off; else only r > mean + kappa sd"))
                    .budget((a, in) -> a.intValue("k"))
                    .factory(a -> new QueryRecovery(a.intValue("k"), a.floatValue("kappa")));

    private final int k;
    private final float kappa;

    /**
     * @param k most tokens returned, at least 1
     * @param kappa outlier rule strength; 0 turns the rule off
     */
    public QueryRecovery(int k, float kappa) {
        super(DEFINITION.arguments(k, kappa));
        this.k = k;
        this.kappa = kappa;
    }

    @Override
    public Compressed apply(List<Token> in, OperatorContext ctx) {
        if (ctx.query() == null) {
            throw new IllegalArgumentException(
                    "query recovery needs a query vector in the context (OperatorContext.withQuery)");
        }
        float[] r = similarities(in, ctx.query());
        int[] top = VectorMath.topIndices(r, k);
        if (kappa > 0f && r.length > 1) {
            double mean = 0;
            for (float v : r) {
                mean += v;
            }
            mean /= r.length;
            double var = 0;
            for (float v : r) {
                var += (v - mean) * (v - mean);
            }
            double cutoff = mean + kappa * Math.sqrt(var / r.length);
            top = Arrays.stream(top).filter(i -> r[i] > cutoff).toArray();
        }
        Arrays.sort(top);
        return new Compressed(Groups.pick(in, top), Provenance.select(in.size(), top));
    }

    /** Indices of all tokens by descending cosine to the query (ties to the lower index). */
    public static int[] rank(List<Token> tokens, float[] query) {
        return VectorMath.topIndices(similarities(tokens, query), tokens.size());
    }

    private static float[] similarities(List<Token> in, float[] query) {
        float[] q = VectorMath.unit(query);
        float[] r = new float[in.size()];
        for (int i = 0; i < r.length; i++) {
            float[] x = in.get(i).vector();
            if (x.length != q.length) {
                throw new IllegalArgumentException(
                        "query has dimension " + q.length + ", tokens have " + x.length);
            }
            float n = VectorMath.norm(x);
            r[i] = n == 0f ? 0f : VectorMath.dot(x, q) / n;
        }
        return r;
    }
}
