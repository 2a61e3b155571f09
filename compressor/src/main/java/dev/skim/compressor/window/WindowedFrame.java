package dev.skim.compressor.window;

import dev.skim.core.tokens.Token;
import java.util.List;

/**
 * A frame waiting in its window: its FAST tokens (none when the chain dropped it, which makes it a
 * gated frame) and what the chain did.
 *
 * @param seq the frame's seq
 * @param ptsMillis its presentation time
 * @param novelty its novelty against the previous frame
 * @param tokensIn encoder tokens of the frame
 * @param tokens FAST tokens
 * @param stepsOut tokens out of each operator of the FAST chain, in chain order
 */
public record WindowedFrame(
        long seq, long ptsMillis, float novelty, int tokensIn, List<Token> tokens, int[] stepsOut) {

    public WindowedFrame {
        tokens = List.copyOf(tokens);
    }

    /** Whether the chain kept no token of the frame. */
    public boolean gated() {
        return tokens.isEmpty();
    }
}
