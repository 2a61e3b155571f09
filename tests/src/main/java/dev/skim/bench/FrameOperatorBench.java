package dev.skim.bench;

import dev.skim.core.compression.AttentionSelect;
import dev.skim.core.compression.Chain;
import dev.skim.core.compression.ChainResult;
import dev.skim.core.compression.ChainSpec;
import dev.skim.core.compression.ChainState;
import dev.skim.core.compression.Compressed;
import dev.skim.core.compression.DivPrune;
import dev.skim.core.compression.FrameGate;
import dev.skim.core.compression.GridPool;
import dev.skim.core.compression.KCenter;
import dev.skim.core.compression.NoveltyProgressive;
import dev.skim.core.compression.OnePerFrame;
import dev.skim.core.compression.OperatorContext;
import dev.skim.core.compression.OperatorState;
import dev.skim.core.compression.SimilarityKernels;
import dev.skim.core.compression.SimilarityMerge;
import dev.skim.core.tokens.Precision;
import dev.skim.core.tokens.Token;
import dev.skim.core.tokens.WireVectors;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Per-frame cost of each operator and of the default chain on one frame of N tokens x D (k = 64),
 * with stateful operators in their steady state (memory from the previous frames of the same
 * stream). Grid sides: N = 196 is 14x14, 576 is 24x24, 729 is 27x27.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = "--add-modules=jdk.incubator.vector")
public class FrameOperatorBench {
    /** Similarity kernel (issue 16): scalar is the code before, vector the Vector API kernel. */
    @Param({"scalar", "vector"})
    public String kernel;

    /** The default chain of DESIGN.md section 5. */
    public static final String DEFAULT_CHAIN = "gate(0.02) > novelty(64, base=16) > divprune(64)";

    /** The default chain without its gate: the cost of a frame the gate lets through. */
    public static final String UNGATED_CHAIN = "novelty(64, base=16) > divprune(64)";

    @Param({"196"})
    public int n;

    @Param({"384"})
    public int d;

    private List<Token> frame;
    private OperatorContext ctx;
    private OperatorState noveltyState;
    private OperatorState gateState;
    private Chain chain;
    private ChainState chainState;
    private Chain ungated;
    private ChainState ungatedState;
    private final NoveltyProgressive novelty = new NoveltyProgressive(64);
    private final NoveltyProgressive noveltyCells =
            new NoveltyProgressive(64, 16, 64, 0.5f, 0.05f, 0, true);
    private OperatorState noveltyCellsState;
    private final FrameGate gate = new FrameGate(0.02f);
    private final DivPrune divprune = new DivPrune(64);
    private final DivPrune divpruneMeanSeed = new DivPrune(64, true);
    private final KCenter kcenter = new KCenter(64);
    private final KCenter kcenterCells = new KCenter(64, true);
    private final SimilarityMerge merge = new SimilarityMerge(64);
    private final GridPool pool = new GridPool(2);
    private final AttentionSelect attention = new AttentionSelect(54, 10);
    private final OnePerFrame one = new OnePerFrame(false);

    @Setup(Level.Trial)
    public void setUp() {
        SimilarityKernels.use(kernel);
        int side = (int) Math.round(Math.sqrt(n));
        List<List<Token>> frames = new SyntheticStream(side, side, d, 1000, 7).frames(9);
        float[] att = new float[side * side];
        SplittableRandom rnd = new SplittableRandom(3);
        for (int i = 0; i < att.length; i++) {
            att[i] = (float) rnd.nextDouble();
        }
        ctx = OperatorContext.of(side, side).withAttention(att);
        chain = ChainSpec.parse(DEFAULT_CHAIN);
        ungated = ChainSpec.parse(UNGATED_CHAIN);
        ChainState us = null;
        OperatorState ns = OperatorState.EMPTY;
        OperatorState nc = OperatorState.EMPTY;
        OperatorState gs = OperatorState.EMPTY;
        ChainState cs = null;
        for (int t = 0; t < 8; t++) {
            ns = novelty.apply(frames.get(t), ctx.withState(ns)).state();
            nc = noveltyCells.apply(frames.get(t), ctx.withState(nc)).state();
            gs = gate.apply(frames.get(t), ctx.withState(gs)).state();
            cs = chain.apply(frames.get(t), ctx, cs).state();
            us = ungated.apply(frames.get(t), ctx, us).state();
        }
        noveltyState = ns;
        noveltyCellsState = nc;
        gateState = gs;
        chainState = cs;
        ungatedState = us;
        frame = frames.get(8);
    }

    @Benchmark
    public Compressed pool2x2() {
        return pool.apply(frame, ctx);
    }

    @Benchmark
    public Compressed divprune() {
        return divprune.apply(frame, ctx);
    }

    @Benchmark
    public Compressed divpruneMeanSeed() {
        return divpruneMeanSeed.apply(frame, ctx);
    }

    @Benchmark
    public Compressed kcenter() {
        return kcenter.apply(frame, ctx);
    }

    @Benchmark
    public Compressed kcenterCells() {
        return kcenterCells.apply(frame, ctx);
    }

    @Benchmark
    public Compressed merge() {
        return merge.apply(frame, ctx);
    }

    @Benchmark
    public Compressed attention() {
        return attention.apply(frame, ctx);
    }

    @Benchmark
    public Compressed onePerFrame() {
        return one.apply(frame, ctx);
    }

    @Benchmark
    public Compressed gate() {
        return gate.apply(frame, ctx.withState(gateState));
    }

    @Benchmark
    public Compressed novelty() {
        return novelty.apply(frame, ctx.withState(noveltyState));
    }

    @Benchmark
    public Compressed noveltyCells() {
        return noveltyCells.apply(frame, ctx.withState(noveltyCellsState));
    }

    @Benchmark
    public ChainResult defaultChain() {
        return chain.apply(frame, ctx, chainState);
    }

    @Benchmark
    public ChainResult defaultChainUngated() {
        return ungated.apply(frame, ctx, ungatedState);
    }

    @Benchmark
    public WireVectors encodeFp16() {
        return WireVectors.encode(
                frame.stream().limit(64).map(Token::vector).toList(), Precision.FP16);
    }

    @Benchmark
    public WireVectors encodeInt8() {
        return WireVectors.encode(
                frame.stream().limit(64).map(Token::vector).toList(), Precision.INT8);
    }
}
