package dev.skim.compressor.processor;

import dev.skim.compressor.errors.DeadLetters;
import dev.skim.compressor.metrics.CompressorMetrics;
import dev.skim.core.compression.Chain;
import dev.skim.core.compression.ChainResult;
import dev.skim.core.compression.ChainState;
import dev.skim.core.compression.ChainStateCodec;
import dev.skim.core.compression.OperatorContext;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Stage 3: the FAST operator chain over each frame's tokens, with the stream's chain state
 * (progressive novelty memory, gate reference, ...) kept in a changelogged state store, so it
 * survives restarts and moves with the task.
 */
public final class CompressProcessor
        implements FixedKeyProcessor<String, Outcome<EncodedFrame>, Outcome<CompressedFrame>> {

    public static final String STAGE = "compress";

    private final Chain chain;
    private final String stateStoreName;
    private final CompressorMetrics metrics;
    private FixedKeyProcessorContext<String, Outcome<CompressedFrame>> context;
    private KeyValueStore<String, byte[]> states;

    public CompressProcessor(Chain chain, String stateStoreName, CompressorMetrics metrics) {
        this.chain = chain;
        this.stateStoreName = stateStoreName;
        this.metrics = metrics;
    }

    @Override
    public void init(FixedKeyProcessorContext<String, Outcome<CompressedFrame>> context) {
        this.context = context;
        this.states = context.getStateStore(stateStoreName);
    }

    @Override
    public void process(FixedKeyRecord<String, Outcome<EncodedFrame>> record) {
        if (!(record.value() instanceof Outcome.Ok<EncodedFrame> ok)) {
            context.forward(record.withValue(EncodeProcessor.failedAs(record.value())));
            return;
        }
        EncodedFrame frame = ok.value();
        try {
            long start = System.nanoTime();
            byte[] stored = states.get(frame.streamId());
            ChainState state = stored == null ? null : ChainStateCodec.fromBytes(stored);
            ChainResult result =
                    chain.apply(frame.grid().tokens(), OperatorContext.of(frame.grid()), state);
            states.put(frame.streamId(), ChainStateCodec.toBytes(result.state()));
            int[] steps = new int[result.stats().size()];
            for (int i = 0; i < steps.length; i++) {
                steps[i] = result.stats().get(i).tokensOut();
            }
            metrics.compressed(System.nanoTime() - start);
            context.forward(
                    record.withValue(
                            Outcome.ok(new CompressedFrame(frame, result.tokens(), steps))));
        } catch (RuntimeException e) {
            context.forward(
                    record.withValue(
                            Outcome.failed(
                                    DeadLetters.forFrame(
                                            context.recordMetadata().orElseThrow(),
                                            frame.streamId(),
                                            frame.seq(),
                                            STAGE,
                                            "chain " + chain.spec() + " failed: " + e,
                                            e))));
        }
    }
}
