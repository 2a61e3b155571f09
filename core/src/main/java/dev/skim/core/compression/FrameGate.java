package dev.skim.core.compression;

import dev.skim.core.tokens.Token;
import java.util.Arrays;
import java.util.List;

/**
 * Frame gate, the streaming form of Spatial-MLLM's space-aware frame sampling and S5's surprise
 * signal: drop a frame whose pooled vector barely changed since the last kept frame.
 *
 * <p>Keep frame t when the stream has no kept frame yet or 1 - cos(p_t, p_last) &gt;= threshold,
 * where p_t is the encoder's pooled vector when the input is one frame and the context has one,
 * otherwise the mean of the frame's token vectors. Kept frames pass unchanged (one-hot W rows);
 * dropped frames produce no rows. Put it first in a chain: it is the cheapest operator (O(N D)).
 *
 * <p>State: vectors = [p_last]; counters = [frames seen, frames kept].
 */
public final class FrameGate extends DefinedOperator {
    static final OperatorDefinition DEFINITION =
            OperatorDefinition.builder("gate", "Spatial-MLLM, S5")
                    .summary(
                            "drops a frame whose pooled vector changed by less than threshold"
                                    + " (1 - cos) since the last kept frame")
                    .example("gate(0.0005)")
                    .param(Param.ofFloat("threshold").withDefault("0.02").between("0", "2"))
                    .budget((a, in) -> in.tokens())
                    .factory(a -> new FrameGate(a.floatValue("threshold")));

    private final float threshold;

    /**
     * @param threshold smallest change 1 - cos that keeps a frame, in [0, 2]
     */
    public FrameGate(float threshold) {
        super(DEFINITION.arguments(threshold));
        this.threshold = threshold;
    }

    @Override
    public Compressed apply(List<Token> in, OperatorContext ctx) {
        OperatorState st = ctx.state();
        float[] last = st.vectors().isEmpty() ? null : st.vectors().get(0);
        long seen = st.counter(0);
        long kept = st.counter(1);
        List<int[]> frames = Groups.byFrame(in);
        int[] keep = new int[in.size()];
        int count = 0;
        for (int[] idx : frames) {
            float[] p = pooled(in, idx, frames.size() == 1 ? ctx.pooled() : null);
            seen++;
            if (last == null
                    || last.length != p.length
                    || 1f - VectorMath.cosine(p, last) >= threshold) {
                last = p;
                kept++;
                for (int i : idx) {
                    keep[count++] = i;
                }
            }
        }
        int[] picks = Arrays.copyOf(keep, count);
        Arrays.sort(picks);
        OperatorState next =
                new OperatorState(
                        last == null ? List.of() : List.of(last), new long[] {seen, kept});
        return new Compressed(Groups.pick(in, picks), Provenance.select(in.size(), picks), next);
    }

    private static float[] pooled(List<Token> in, int[] idx, float[] given) {
        if (given != null) {
            return given;
        }
        float[] m = new float[in.get(idx[0]).dim()];
        for (int i : idx) {
            VectorMath.addScaled(m, in.get(i).vector(), 1f / idx.length);
        }
        return m;
    }
}
