package dev.skim.bench;

import dev.skim.core.compression.Chain;
import dev.skim.core.compression.ChainResult;
import dev.skim.core.compression.ChainSpec;
import dev.skim.core.compression.ChainState;
import dev.skim.core.compression.Compressed;
import dev.skim.core.compression.DivPrune;
import dev.skim.core.compression.KCenter;
import dev.skim.core.compression.OperatorContext;
import dev.skim.core.compression.SimilarityKernels;
import dev.skim.core.tokens.Token;
import java.util.List;
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
 * Issue 16: the per-frame cost of the chains at budgets B = 4, 16, 64 on a 14x14 x 384 frame, with
 * the scalar kernel (the code before) and the vector kernel, stateful operators in their steady
 * state: {@code novelty(B) > divprune(B)} on a frame the gate lets through, and divprune(B) and
 * kcenter(B) alone. Compare with {@link EncoderBaselineBench} from the same run.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = "--add-modules=jdk.incubator.vector")
public class ChainBudgetBench {
    @Param({"scalar", "vector"})
    public String kernel;

    @Param({"4", "16", "64"})
    public int budget;

    private List<Token> frame;
    private OperatorContext ctx;
    private Chain chain;
    private ChainState chainState;
    private DivPrune divprune;
    private KCenter kcenter;

    @Setup(Level.Trial)
    public void setUp() {
        SimilarityKernels.use(kernel);
        List<List<Token>> frames = new SyntheticStream(14, 14, 384, 1000, 7).frames(9);
        ctx = OperatorContext.of(14, 14);
        chain = ChainSpec.parse("novelty(" + budget + ") > divprune(" + budget + ")");
        divprune = new DivPrune(budget);
        kcenter = new KCenter(budget);
        ChainState cs = null;
        for (int t = 0; t < 8; t++) {
            cs = chain.apply(frames.get(t), ctx, cs).state();
        }
        chainState = cs;
        frame = frames.get(8);
    }

    @Benchmark
    public ChainResult noveltyDivprune() {
        return chain.apply(frame, ctx, chainState);
    }

    @Benchmark
    public Compressed divprune() {
        return divprune.apply(frame, ctx);
    }

    @Benchmark
    public Compressed kcenter() {
        return kcenter.apply(frame, ctx);
    }
}
