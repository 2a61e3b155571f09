package dev.skim.compressor.processor;

import dev.skim.core.compression.ChainResult;
import dev.skim.core.compression.OperatorStats;
import dev.skim.core.tokens.Token;
import java.util.List;

/**
 * A frame after the FAST chain.
 *
 * @param frame the encoded frame (its full grid stays at hand for the SLOW tier)
 * @param fastTokens the FAST chain's tokens for it; empty when the chain dropped the frame
 * @param stepsOut tokens out of each FAST operator, in chain order
 * @param frameToken the frame's one token of the FRAME tier (the mean of its full grid, made before
 *     the FAST chain, so gated frames have one too); null when the FRAME tier is off
 */
public record CompressedFrame(
        EncodedFrame frame, List<Token> fastTokens, int[] stepsOut, Token frameToken)
        implements FrameRef {
    public CompressedFrame {
        fastTokens = List.copyOf(fastTokens);
    }

    /** A frame without a FRAME-tier token. */
    public CompressedFrame(EncodedFrame frame, List<Token> fastTokens, int[] stepsOut) {
        this(frame, fastTokens, stepsOut, null);
    }

    @Override
    public String streamId() {
        return frame.streamId();
    }

    @Override
    public long seq() {
        return frame.seq();
    }

    /** Tokens out of each operator of a chain's run, in chain order. */
    public static int[] tokensOutPerStep(ChainResult result) {
        return result.stats().stream().mapToInt(OperatorStats::tokensOut).toArray();
    }
}
