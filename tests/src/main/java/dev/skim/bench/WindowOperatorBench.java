package dev.skim.bench;

import dev.skim.core.compression.Compressed;
import dev.skim.core.compression.DivPrune;
import dev.skim.core.compression.OperatorContext;
import dev.skim.core.compression.RichnessBudget;
import dev.skim.core.compression.SimilarityKernels;
import dev.skim.core.compression.SimilarityMerge;
import dev.skim.core.compression.WindowKMeans;
import dev.skim.core.tokens.Token;
import java.util.ArrayList;
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
 * Cost of the window operators on a window of F frames of 14x14 x 384-d tokens (divide by F for the
 * per-frame cost): k-means codebook (fixed K = 64, and adaptive to tau = 0.1), DivPrune over the
 * window (mean seed, and the authors' O(N^2) seed), similarity merge to 64, richness budget
 * (k-center with a radius stop).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(value = 1, jvmArgsAppend = "--add-modules=jdk.incubator.vector")
public class WindowOperatorBench {
    /** Similarity kernel (issue 16): scalar is the code before, vector the Vector API kernel. */
    @Param({"scalar", "vector"})
    public String kernel;

    @Param({"8", "20", "32"})
    public int frames;

    private List<Token> window;
    private OperatorContext ctx;
    private final WindowKMeans kmeans = WindowKMeans.fixed(64, 10, 42);
    private final WindowKMeans kmeansAdaptive = WindowKMeans.adaptive(0.1f, 256, 10, 42);
    private final DivPrune divprune = new DivPrune(64, true);
    private final DivPrune divpruneNnSeed = new DivPrune(64);
    private final SimilarityMerge merge = new SimilarityMerge(64);
    private final RichnessBudget richness = new RichnessBudget(0.2f, 8, 256, false);

    @Setup(Level.Trial)
    public void setUp() {
        SimilarityKernels.use(kernel);
        window = new ArrayList<>();
        for (List<Token> f : new SyntheticStream(14, 14, 384, 1000, 11).frames(frames)) {
            window.addAll(f);
        }
        ctx = OperatorContext.of(14, 14);
    }

    @Benchmark
    public Compressed kmeansFixed64() {
        return kmeans.apply(window, ctx);
    }

    @Benchmark
    public Compressed kmeansAdaptive() {
        return kmeansAdaptive.apply(window, ctx);
    }

    @Benchmark
    public Compressed divpruneWindow() {
        return divprune.apply(window, ctx);
    }

    /**
     * The authors' seed over the window: N x N similarities (upper triangle with the vector
     * kernel).
     */
    @Benchmark
    public Compressed divpruneWindowNnSeed() {
        return divpruneNnSeed.apply(window, ctx);
    }

    @Benchmark
    public Compressed mergeWindow() {
        return merge.apply(window, ctx);
    }

    @Benchmark
    public Compressed richnessWindow() {
        return richness.apply(window, ctx);
    }
}
