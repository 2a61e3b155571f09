package dev.skim.compressor.window;

import dev.skim.avro.Keyframe;
import dev.skim.avro.Tier;
import dev.skim.avro.TokenBlock;
import dev.skim.compressor.metrics.CompressorMetrics;
import dev.skim.compressor.processor.CompressedFrame;
import dev.skim.compressor.tagging.SlowFrameTagger;
import dev.skim.core.compression.Chain;
import dev.skim.core.compression.ChainResult;
import dev.skim.core.compression.ChainState;
import dev.skim.core.compression.OperatorContext;
import dev.skim.core.tokens.TokenGrid;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Turns a {@link ClosedWindow} into what the compressor publishes (Slow-Fast, DESIGN.md section 4):
 * FAST blocks with every frame's FAST tokens (frames without tokens listed as gated), SLOW blocks
 * with the slow frames run through the SLOW chain (with the stream's SLOW chain state, kept in a
 * changelogged store), FRAME blocks with every frame's one FRAME-tier token (gated frames included;
 * LLaVA-Mini's budget, the long-horizon tier), and a keyframe per slow frame, with its tags when
 * tagging is on.
 */
public final class WindowEmitter {

    private final Chain fastChain;
    private final Chain slowChain;
    private final Chain frameChain;
    private final BlockAssembler assembler;
    private final SlowFrameTagger tagger;
    private final java.util.function.LongPredicate taggedWindow;
    private final CompressorMetrics metrics;
    private final KeyValueStore<String, ChainState> slowStates;

    /**
     * @param frameChain the chain that made the FRAME-tier tokens, or null when the tier is off
     * @param tagger tags the keyframes, or null when tagging is off
     * @param taggedWindow whether the slow frames of the window that starts there get tags
     * @param slowStates per stream: the SLOW chain's state
     */
    public WindowEmitter(
            Chain fastChain,
            Chain slowChain,
            Chain frameChain,
            BlockAssembler assembler,
            SlowFrameTagger tagger,
            java.util.function.LongPredicate taggedWindow,
            CompressorMetrics metrics,
            KeyValueStore<String, ChainState> slowStates) {
        this.fastChain = fastChain;
        this.slowChain = slowChain;
        this.frameChain = frameChain;
        this.assembler = assembler;
        this.tagger = tagger;
        this.taggedWindow = taggedWindow;
        this.metrics = metrics;
        this.slowStates = slowStates;
    }

    /**
     * The window's FAST blocks, then its SLOW blocks, then its FRAME blocks (when the tier is on),
     * then its keyframes; none if it is empty. A frame stored without a FRAME-tier token (by a
     * compressor without the tier, before an upgrade) is listed as gated in its FRAME block.
     */
    public List<Emission> emit(ClosedWindow window) {
        List<WindowedFrame> fast = window.frames();
        if (fast.isEmpty()) {
            return List.of();
        }
        String stream = window.streamId();
        long first = fast.get(0).seq();
        long last = fast.get(fast.size() - 1).seq();
        List<Emission> out = new ArrayList<>();
        for (TokenBlock block : assembler.blocks(stream, Tier.FAST, first, last, fast, fastChain)) {
            out.add(new Emission.Block(block));
        }
        List<WindowedFrame> slow = slowTokens(stream, window.slowFrames());
        for (TokenBlock block : assembler.blocks(stream, Tier.SLOW, first, last, slow, slowChain)) {
            out.add(new Emission.Block(block));
        }
        if (frameChain != null) {
            List<WindowedFrame> frames = fast.stream().map(WindowedFrame::frameTier).toList();
            for (TokenBlock block :
                    assembler.blocks(stream, Tier.FRAME, first, last, frames, frameChain)) {
                out.add(new Emission.Block(block));
            }
        }
        for (SlowFrame f : window.slowFrames()) {
            metrics.keyframe(f.keyframe().jpeg().length);
            SlowFrameTagger.Tagged tagged =
                    tagger == null || f.tagImage() == null || !taggedWindow.test(window.start())
                            ? SlowFrameTagger.Tagged.NONE
                            : tagger.tag(
                                    stream,
                                    f.seq(),
                                    f.tagImage().jpeg(),
                                    f.grid().rows(),
                                    f.grid().cols());
            boolean tags = !tagged.taggers().isEmpty();
            out.add(
                    new Emission.Key(
                            new Keyframe(
                                    stream,
                                    f.seq(),
                                    f.ptsMillis(),
                                    f.keyframe().width(),
                                    f.keyframe().height(),
                                    ByteBuffer.wrap(f.keyframe().jpeg()),
                                    tagged.tags(),
                                    tags ? f.grid().rows() : 0,
                                    tags ? f.grid().cols() : 0,
                                    tagged.taggers())));
        }
        return out;
    }

    /** Runs the SLOW chain over the slow frames in seq order, with the stream's SLOW state. */
    private List<WindowedFrame> slowTokens(String stream, List<SlowFrame> picked) {
        ChainState state = slowStates.get(stream);
        List<WindowedFrame> out = new ArrayList<>(picked.size());
        for (SlowFrame f : picked) {
            TokenGrid grid = f.grid();
            ChainResult r = slowChain.apply(grid.tokens(), OperatorContext.of(grid), state);
            state = r.state();
            out.add(
                    new WindowedFrame(
                            f.seq(),
                            f.ptsMillis(),
                            f.novelty(),
                            grid.tokens().size(),
                            r.tokens(),
                            CompressedFrame.tokensOutPerStep(r)));
        }
        if (state != null) {
            slowStates.put(stream, state);
        }
        return out;
    }
}
