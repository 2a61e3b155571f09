package dev.skim.compressor.window;

import dev.skim.core.tokens.Token;
import java.util.List;

/**
 * A frame waiting in its window: its FAST tokens (none when the chain dropped it, which makes it a
 * gated frame), what the chain did, and its FRAME-tier token.
 *
 * @param seq the frame's seq
 * @param ptsMillis its presentation time
 * @param novelty its novelty against the previous frame
 * @param tokensIn encoder tokens of the frame
 * @param tokens FAST tokens
 * @param stepsOut tokens out of each operator of the FAST chain, in chain order
 * @param frameToken its one FRAME-tier token (mean of the full grid), or null when the FRAME tier
 *     is off or the frame was stored by a compressor without it
 */
public record WindowedFrame(
        long seq,
        long ptsMillis,
        float novelty,
        int tokensIn,
        List<Token> tokens,
        int[] stepsOut,
        Token frameToken) {

    public WindowedFrame {
        tokens = List.copyOf(tokens);
    }

    /** A frame without a FRAME-tier token. */
    public WindowedFrame(
            long seq,
            long ptsMillis,
            float novelty,
            int tokensIn,
            List<Token> tokens,
            int[] stepsOut) {
        this(seq, ptsMillis, novelty, tokensIn, tokens, stepsOut, null);
    }

    /** Whether the chain kept no token of the frame. */
    public boolean gated() {
        return tokens.isEmpty();
    }

    /**
     * The frame as the FRAME tier emits it: its one token (listed as gated when it has none), out
     * of the {@code frame} operator's one step.
     */
    public WindowedFrame frameTier() {
        List<Token> one = frameToken == null ? List.of() : List.of(frameToken);
        return new WindowedFrame(
                seq, ptsMillis, novelty, tokensIn, one, new int[] {one.size()}, null);
    }
}
