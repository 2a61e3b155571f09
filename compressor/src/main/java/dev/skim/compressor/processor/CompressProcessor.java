package dev.skim.compressor.processor;

import dev.skim.avro.Tier;
import dev.skim.avro.TokenBlock;
import dev.skim.compressor.errors.DeadLetters;
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
 * Stage 3: the operator chain over each frame's tokens, with the stream's chain state kept in a
 * changelogged state store (so novelty memory and gates survive restarts and move with the task).
 */
public final class CompressProcessor
        implements FixedKeyProcessor<String, Outcome<EncodedFrame>, Outcome<TokenBlock>> {

    public static final String STAGE = "compress";

    private static final Logger LOG = Logger.getLogger(CompressProcessor.class);

    private final Chain chain;
    private final TokenBlockMapper blocks;
    private final String stateStoreName;
    private FixedKeyProcessorContext<String, Outcome<TokenBlock>> context;
    private KeyValueStore<String, byte[]> states;

    public CompressProcessor(Chain chain, TokenBlockMapper blocks, String stateStoreName) {
        this.chain = chain;
        this.blocks = blocks;
        this.stateStoreName = stateStoreName;
    }

    @Override
    public void init(FixedKeyProcessorContext<String, Outcome<TokenBlock>> context) {
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
            byte[] stored = states.get(frame.streamId());
            ChainState state = stored == null ? null : ChainStateCodec.fromBytes(stored);
            ChainResult result =
                    chain.apply(frame.grid().tokens(), OperatorContext.of(frame.grid()), state);
            states.put(frame.streamId(), ChainStateCodec.toBytes(result.state()));
            context.forward(
                    record.withValue(
                            Outcome.ok(
                                    blocks.ofFrame(
                                            frame, Tier.FAST, result.tokens(), result.stats()))));
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
