package dev.skim.compressor.processor;

import dev.skim.core.tokens.Token;
import java.util.List;

/**
 * A frame after the FAST chain.
 *
 * @param frame the encoded frame (its full grid stays at hand for the SLOW tier)
 * @param fastTokens the FAST chain's tokens for it; empty when the chain dropped the frame
 * @param stepsOut tokens out of each FAST operator, in chain order
 */
public record CompressedFrame(EncodedFrame frame, List<Token> fastTokens, int[] stepsOut) {
    public CompressedFrame {
        fastTokens = List.copyOf(fastTokens);
    }
}
