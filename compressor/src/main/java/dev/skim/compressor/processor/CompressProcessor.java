package dev.skim.compressor.processor;

import dev.skim.compressor.metrics.CompressorMetrics;
import dev.skim.core.compression.Chain;
import dev.skim.core.compression.ChainResult;
import dev.skim.core.compression.ChainState;
import dev.skim.core.compression.OperatorContext;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Stage 3: the FAST operator chain over each frame's tokens, with the stream's chain state
 * (progressive novelty memory, gate reference, ...) kept in a changelogged state store, so it
 * survives restarts and moves with the task.
 */
public final class CompressProcessor extends FrameStage<EncodedFrame, CompressedFrame> {

    public static final String STAGE = "compress";

    private final Chain chain;
    private final String stateStoreName;
    private KeyValueStore<String, ChainState> states;

    public CompressProcessor(Chain chain, String stateStoreName, CompressorMetrics metrics) {
        super(STAGE, metrics::compressed);
        this.chain = chain;
        this.stateStoreName = stateStoreName;
    }

    @Override
    public void init(FixedKeyProcessorContext<String, Outcome<CompressedFrame>> context) {
        super.init(context);
        this.states = context.getStateStore(stateStoreName);
    }

    @Override
    protected CompressedFrame apply(EncodedFrame frame) {
        ChainResult result =
                chain.apply(
                        frame.grid().tokens(),
                        OperatorContext.of(frame.grid()),
                        states.get(frame.streamId()));
        states.put(frame.streamId(), result.state());
        return new CompressedFrame(
                frame, result.tokens(), CompressedFrame.tokensOutPerStep(result));
    }

    @Override
    protected String reason(RuntimeException e) {
        return "chain " + chain.spec() + " failed: " + e;
    }
}
