package dev.skim.core.compression;

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
 * The similarity kernels of issue 16 on their own, scalar (the code before) against vector, on N
 * post-ReLU-like unit vectors x 384: the upper triangle of S = X^ X^T reduced to each token's
 * nearest neighbour (DivPrune's seed), N x M products against M = 260 queries (the novelty memory
 * of a 196-token frame at budget 64) and one query against N (a greedy pick's row). In this package
 * because the kernels are package-private; run as the other benchmarks (dev.skim.bench).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = "--add-modules=jdk.incubator.vector")
public class SimilarityKernelBench {
    @Param({"scalar", "vector"})
    public String kernel;

    @Param({"196", "3920"})
    public int n;

    @Param({"384"})
    public int d;

    private UnitMatrix units;
    private float[][] queries;
    private float[][] block;
    private float[] row;

    @Setup(Level.Trial)
    public void setUp() {
        SimilarityKernels.use(kernel);
        SplittableRandom rnd = new SplittableRandom(16);
        units = UnitMatrix.ofUnits(relu(rnd, n), d);
        queries = relu(rnd, 260);
        block = units.block(16);
        row = new float[units.paddedSize()];
    }

    private float[][] relu(SplittableRandom rnd, int count) {
        float[][] x = new float[count][d];
        for (int i = 0; i < count; i++) {
            for (int k = 0; k < d; k++) {
                x[i][k] = (float) Math.max(0, rnd.nextDouble() * 2 - 1);
            }
            x[i] = VectorMath.unit(x[i]);
        }
        return x;
    }

    /** N x N, upper triangle (all of it for the scalar kernel, as before). */
    @Benchmark
    public float[] gramNearest() {
        return units.nearestOtherSimilarities();
    }

    /** N x 260 in blocks of 16 queries, reduced to each token's largest similarity. */
    @Benchmark
    public float[] crossMax() {
        float[] best = new float[n];
        java.util.Arrays.fill(best, -1f);
        for (int q0 = 0; q0 < queries.length; q0 += block.length) {
            int q1 = Math.min(queries.length, q0 + block.length);
            units.similarities(queries, q0, q1, block);
            for (int r = 0; r < q1 - q0; r++) {
                float[] s = block[r];
                for (int i = 0; i < n; i++) {
                    best[i] = Math.max(best[i], s[i]);
                }
            }
        }
        return best;
    }

    /** One query against N. */
    @Benchmark
    public float[] matVec() {
        units.similarities(queries[0], row);
        return row;
    }
}
