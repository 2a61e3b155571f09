package dev.skim.compressor.processor;

import dev.skim.compressor.metrics.CompressorMetrics;
import dev.skim.core.compression.Chain;
import dev.skim.core.compression.ChainResult;
import dev.skim.core.compression.ChainSpec;
import dev.skim.core.compression.ChainState;
import dev.skim.core.compression.OperatorContext;
import dev.skim.core.tokens.Token;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Stage 3: the FAST operator chain over each frame's tokens, with the stream's chain state
 * (progressive novelty memory, gate reference, ...) kept in a changelogged state store, so it
 * survives restarts and moves with the task. Before the FAST chain, when the FRAME tier is on, the
 * frame's one FRAME-tier token is made from its full grid ({@link #FRAME_CHAIN}), so a frame the
 * FAST chain gates still has one.
 */
public final class CompressProcessor extends FrameStage<EncodedFrame, CompressedFrame> {

    public static final String STAGE = "compress";

    /**
     * The FRAME tier's chain (LLaVA-Mini's budget): one token a frame, the span-weighted mean of
     * its full encoder grid. Not the encoder's pooled vector: an ONNX export's pooled output may be
     * in another space or of another dimension than its patch tokens (CLIP's projection), while a
     * stream's blocks of every tier share one dimension and one space, so the bridge can compare
     * them; for MobileNetV2 the two are the same vector.
     */
    public static final Chain FRAME_CHAIN = ChainSpec.parse("frame");

    private final Chain chain;
    private final boolean frameTier;
    private final String stateStoreName;
    private KeyValueStore<String, ChainState> states;

    /**
     * @param frameTier whether to make each frame's FRAME-tier token
     */
    public CompressProcessor(
            Chain chain, boolean frameTier, String stateStoreName, CompressorMetrics metrics) {
        super(STAGE, metrics::compressed);
        this.chain = chain;
        this.frameTier = frameTier;
        this.stateStoreName = stateStoreName;
    }

    @Override
    public void init(FixedKeyProcessorContext<String, Outcome<CompressedFrame>> context) {
        super.init(context);
        this.states = context.getStateStore(stateStoreName);
    }

    @Override
    protected CompressedFrame apply(EncodedFrame frame) {
        Token frameToken =
                frameTier
                        ? FRAME_CHAIN
                                .apply(
                                        frame.grid().tokens(),
                                        OperatorContext.of(frame.grid()),
                                        null)
                                .tokens()
                                .get(0)
                        : null;
        ChainResult result =
                chain.apply(
                        frame.grid().tokens(),
                        OperatorContext.of(frame.grid()),
                        states.get(frame.streamId()));
        states.put(frame.streamId(), result.state());
        return new CompressedFrame(
                frame, result.tokens(), CompressedFrame.tokensOutPerStep(result), frameToken);
    }

    @Override
    protected String reason(RuntimeException e) {
        return "chain " + chain.spec() + " failed: " + e;
    }
}
