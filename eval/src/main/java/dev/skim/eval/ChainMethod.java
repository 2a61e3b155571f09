package dev.skim.eval;

import dev.skim.core.compression.Chain;
import dev.skim.core.compression.ChainResult;
import dev.skim.core.compression.ChainState;
import dev.skim.core.compression.NoveltyProgressive;
import dev.skim.core.compression.OperatorState;
import java.util.ArrayList;
import java.util.List;

/** A chain applied frame by frame with its per-stream state carried along, as in the compressor. */
final class ChainMethod implements Method {
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
        int novelty = noveltyOperator();
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
            if (novelty >= 0 && r.stats().get(novelty).tokensIn() > 0) {
                OperatorState s = state.states().get(novelty);
                n = NoveltyProgressive.lastNovelty(s);
                slow = s.counter(1) > keyframes;
                keyframes = s.counter(1);
            }
            out.add(new FrameOutput(r.tokens(), r.provenance(), nanos, n, slow));
            progress.step();
        }
        return new MethodRun(id, out);
    }

    private int noveltyOperator() {
        for (int i = 0; i < chain.operators().size(); i++) {
            if (chain.operators().get(i) instanceof NoveltyProgressive) {
                return i;
            }
        }
        return -1;
    }
}
