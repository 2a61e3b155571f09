package dev.skim.core.compression;

import dev.skim.core.tokens.Token;
import java.util.ArrayList;
import java.util.List;

/**
 * One token per frame, the budget of LLaVA-Mini (Zhang et al., "LLaVA-Mini: Efficient Image and
 * Video Large Multimodal Models with One Vision Token"), without its trained pre-fusion.
 *
 * <p>y_t = sum_i s_i x_{t,i} / sum_i s_i (span-weighted mean of the frame, position = its centre),
 * or, with {@code pooled} and a single-frame input whose context carries the encoder's pooled/CLS
 * vector, y_t = that vector. The pooled variant's W row is the uniform mean over the frame (what
 * the token summarises), so its vector is not W X. Use it for the longest-horizon tier: 10,000
 * frames become 10,000 tokens.
 */
public final class OnePerFrame extends DefinedOperator {
    static final OperatorDefinition DEFINITION =
            OperatorDefinition.builder("frame", "LLaVA-Mini")
                    .summary(
                            "one token per frame: its span-weighted mean, or with pooled the"
                                    + " encoder's pooled vector")
                    .example("frame")
                    .param(Param.ofBool("pooled", false))
                    .budget((a, in) -> in.frames())
                    .factory(a -> new OnePerFrame(a.boolValue("pooled")));

    private final boolean usePooled;

    /**
     * @param usePooled prefer the encoder's pooled vector when the context has one
     */
    public OnePerFrame(boolean usePooled) {
        super(DEFINITION.arguments(usePooled));
        this.usePooled = usePooled;
    }

    @Override
    public Compressed apply(List<Token> in, OperatorContext ctx) {
        List<int[]> frames = Groups.byFrame(in);
        int[] assignment = new int[in.size()];
        for (int f = 0; f < frames.size(); f++) {
            for (int i : frames.get(f)) {
                assignment[i] = f;
            }
        }
        Compressed mean = Groups.merge(in, assignment, frames.size());
        if (!usePooled || ctx.pooled() == null || frames.size() != 1) {
            return mean;
        }
        Token t = mean.tokens().get(0);
        List<Token> out = new ArrayList<>(1);
        out.add(new Token(ctx.pooled(), t.frame(), t.row(), t.col(), t.span()));
        return new Compressed(out, mean.provenance());
    }
}
