package dev.skim.compressor.processor;

import dev.skim.compressor.metrics.CompressorMetrics;
import dev.skim.core.encoder.FrameEncoder;

/**
 * Stage 2: pixels to patch tokens with the configured {@link FrameEncoder}. A model failure on one
 * frame becomes a dead letter; the stream goes on.
 */
public final class EncodeProcessor extends FrameStage<DecodedFrame, EncodedFrame> {

    public static final String STAGE = "encode";

    private final FrameEncoder encoder;

    public EncodeProcessor(FrameEncoder encoder, CompressorMetrics metrics) {
        super(STAGE, metrics::encoded);
        this.encoder = encoder;
    }

    @Override
    protected EncodedFrame apply(DecodedFrame frame) {
        return new EncodedFrame(
                frame.streamId(),
                frame.seq(),
                frame.ptsMillis(),
                frame.image(),
                encoder.encode(frame.image()));
    }

    @Override
    protected String reason(RuntimeException e) {
        return "encoder " + encoder.id() + " failed: " + e;
    }
}
