package dev.skim.compressor.processor;

import dev.skim.core.tokens.TokenGrid;

/**
 * A frame's patch tokens.
 *
 * @param streamId the stream
 * @param seq the frame's seq
 * @param ptsMillis the frame's presentation time
 * @param grid the encoder's output
 */
public record EncodedFrame(String streamId, long seq, long ptsMillis, TokenGrid grid) {}
