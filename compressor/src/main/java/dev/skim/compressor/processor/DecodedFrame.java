package dev.skim.compressor.processor;

import dev.skim.core.encoder.RgbImage;

/**
 * A frame whose pixels were decoded.
 *
 * @param streamId the stream
 * @param seq the frame's seq
 * @param ptsMillis the frame's presentation time
 * @param image the pixels
 */
public record DecodedFrame(String streamId, long seq, long ptsMillis, RgbImage image)
        implements FrameRef {}
