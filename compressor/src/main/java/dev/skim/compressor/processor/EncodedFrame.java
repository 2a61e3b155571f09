package dev.skim.compressor.processor;

import dev.skim.core.encoder.RgbImage;
import dev.skim.core.tokens.TokenGrid;

/**
 * A frame's patch tokens, with its pixels (for keyframes, should it become a slow frame).
 *
 * @param streamId the stream
 * @param seq the frame's seq
 * @param ptsMillis the frame's presentation time
 * @param image the decoded pixels
 * @param grid the encoder's output
 */
public record EncodedFrame(
        String streamId, long seq, long ptsMillis, RgbImage image, TokenGrid grid)
        implements FrameRef {}
