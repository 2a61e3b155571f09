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
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.apache.kafka.streams.state.KeyValueStore;
import org.jboss.logging.Logger;

/**
 * Stage 3: the FAST operator chain over each frame's tokens, with the stream's chain state
 * (progressive novelty memory, gate reference, ...) kept in a changelogged state store, so it
 * survives restarts and moves with the task.
 */
public final class CompressProcessor
        implements FixedKeyProcessor<String, Outcome<EncodedFrame>, Outcome<CompressedFrame>> {

    public static final String STAGE = "compress";

    private static final Logger LOG = Logger.getLogger(CompressProcessor.class);

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
            RecordMetadata where = context.recordMetadata().orElseThrow();
            LOG.warnf(
                    "Compression failed: stream=%s seq=%d %s-%d@%d: %s",
                    frame.streamId(),
                    frame.seq(),
                    where.topic(),
                    where.partition(),
                    where.offset(),
                    e);
            context.forward(
                    record.withValue(
                            Outcome.failed(
                                    DeadLetters.of(
                                            frame.streamId(),
                                            where.topic(),
                                            where.partition(),
                                            where.offset(),
                                            STAGE,
                                            "chain " + chain.spec() + " failed: " + e,
                                            e,
                                            null))));
        }
    }
}
