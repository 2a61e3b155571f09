package dev.skim.eval;

import dev.skim.core.compression.OperatorContext;
import dev.skim.core.compression.OperatorState;
import dev.skim.core.tokens.Token;
import java.util.List;

/**
 * One frame of the evaluated stream after the encoder.
 *
 * @param index position in the evaluated stream (needles included); the frame of every token
 * @param ptsMillis presentation time
 * @param tokens the encoder's patch tokens, row-major, {@link Token#frame()} = index
 * @param pooled the encoder's pooled vector, or null
 * @param attention CLS attention over the patches, or null
 * @param needle the needle shown in this frame, or -1 for a frame of the video
 * @param encodeNanos encoder time spent on this frame (its share of a batch)
 */
public record EncodedFrame(
        int index,
        long ptsMillis,
        List<Token> tokens,
        float[] pooled,
        float[] attention,
        int needle,
        long encodeNanos) {
    public EncodedFrame {
        tokens = List.copyOf(tokens);
    }

    /** The context a chain gets for this frame on a rows x cols grid. */
    public OperatorContext context(int rows, int cols) {
        return new OperatorContext(rows, cols, attention, pooled, null, OperatorState.EMPTY);
    }

    /** The query for a needle search: the pooled vector, or the mean token when there is none. */
    public float[] query() {
        if (pooled != null) {
            return pooled;
        }
        float[] mean = new float[tokens.get(0).dim()];
        for (Token t : tokens) {
            float[] v = t.vector();
            for (int i = 0; i < mean.length; i++) {
                mean[i] += v[i] / tokens.size();
            }
        }
        return mean;
    }
}
