package dev.skim.compressor.processor;

import dev.skim.compressor.errors.DeadLetters;
import dev.skim.compressor.metrics.CompressorMetrics;
import dev.skim.core.encoder.FrameEncoder;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;

/**
 * Stage 2: pixels to patch tokens with the configured {@link FrameEncoder}. A model failure on one
 * frame becomes a dead letter; the stream goes on.
 */
public final class EncodeProcessor
        implements FixedKeyProcessor<String, Outcome<DecodedFrame>, Outcome<EncodedFrame>> {

    public static final String STAGE = "encode";

    private final FrameEncoder encoder;
    private final CompressorMetrics metrics;
    private FixedKeyProcessorContext<String, Outcome<EncodedFrame>> context;

    public EncodeProcessor(FrameEncoder encoder, CompressorMetrics metrics) {
        this.encoder = encoder;
        this.metrics = metrics;
    }

    @Override
    public void init(FixedKeyProcessorContext<String, Outcome<EncodedFrame>> context) {
        this.context = context;
    }

    @Override
    public void process(FixedKeyRecord<String, Outcome<DecodedFrame>> record) {
        if (!(record.value() instanceof Outcome.Ok<DecodedFrame> ok)) {
            context.forward(record.withValue(failedAs(record.value())));
            return;
        }
        DecodedFrame frame = ok.value();
        try {
            context.forward(
                    record.withValue(
                            Outcome.ok(
                                    new EncodedFrame(
                                            frame.streamId(),
                                            frame.seq(),
                                            frame.ptsMillis(),
                                            frame.image(),
                                            encode(frame)))));
        } catch (java.util.concurrent.CancellationException e) {
            // the encoder is shutting down: not the frame's fault, so no dead letter; the task
            // fails, nothing is committed and the frame is processed again after the restart
            throw e;
        } catch (RuntimeException e) {
            context.forward(
                    record.withValue(
                            Outcome.failed(
                                    DeadLetters.forFrame(
                                            context.recordMetadata().orElseThrow(),
                                            frame.streamId(),
                                            frame.seq(),
                                            STAGE,
                                            "encoder " + encoder.id() + " failed: " + e,
                                            e))));
        }
    }

    private dev.skim.core.tokens.TokenGrid encode(DecodedFrame frame) {
        long start = System.nanoTime();
        dev.skim.core.tokens.TokenGrid grid = encoder.encode(frame.image());
        metrics.encoded(System.nanoTime() - start);
        return grid;
    }

    @SuppressWarnings("unchecked")
    static <A, B> Outcome<B> failedAs(Outcome<A> failed) {
        return (Outcome<B>) failed;
    }
}
