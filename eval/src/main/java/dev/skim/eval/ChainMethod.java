package dev.skim.eval;

import dev.skim.core.compression.Chain;
import dev.skim.core.compression.ChainResult;
import dev.skim.core.compression.ChainState;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A chain applied frame by frame with its per-stream state carried along, as in the compressor.
 * Timed after an untimed pass over the first {@value #WARMUP_FRAMES} frames, so that the JIT's
 * compilation of the first chain of a run is not charged to it.
 */
final class ChainMethod implements Method {
    static final int WARMUP_FRAMES = 200;

    private final MethodId id;
    private final Chain chain;

    ChainMethod(ChainTemplate template, Integer budget, Chain chain) {
        this.id = new MethodId(MethodId.Kind.CHAIN, template.text(), budget, chain.spec());
        this.chain = chain;
    }

    @Override
    public MethodId id() {
        return id;
    }

    @Override
    public MethodRun run(EncodedVideo video, Progress progress) {
        warmUp(video);
        List<FrameOutput> out = new ArrayList<>(video.frames().size());
        ChainState state = null;
        long keyframes = 0;
        for (EncodedFrame f : video.frames()) {
            long start = System.nanoTime();
            ChainResult r = chain.apply(f.tokens(), f.context(video.rows(), video.cols()), state);
            long nanos = System.nanoTime() - start;
            state = r.state();
            Float n = null;
            boolean slow = false;
            Optional<Chain.Progress> p = chain.progress(state);
            // the frame reached the progressive memory (a gate before it may have dropped it)
            if (p.isPresent() && r.stats().get(p.get().operator()).tokensIn() > 0) {
                n = p.get().frameNovelty();
                slow = p.get().keyframes() > keyframes;
                keyframes = p.get().keyframes();
            }
            out.add(new FrameOutput(r.tokens(), r.provenance(), nanos, n, slow));
            progress.step();
        }
        return new MethodRun(id, out);
    }

    private void warmUp(EncodedVideo video) {
        ChainState state = null;
        for (EncodedFrame f :
                video.frames().subList(0, Math.min(WARMUP_FRAMES, video.frames().size()))) {
            state = chain.apply(f.tokens(), f.context(video.rows(), video.cols()), state).state();
        }
    }
}
