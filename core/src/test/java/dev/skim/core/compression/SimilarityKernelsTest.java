package dev.skim.core.compression;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.skim.core.tokens.Token;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SimilarityKernelsTest {
    private static final SimilarityKernel SCALAR = ScalarKernel.INSTANCE;

    @AfterEach
    void restoreDefaultKernel() {
        SimilarityKernels.use("vector");
    }

    private static SimilarityKernel vector() {
        assumeTrue(
                ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent(),
                "JVM started without --add-modules jdk.incubator.vector");
        return new VectorKernel();
    }

    /** Post-ReLU-like rows: non-negative, about half exact zeros, a few all-zero rows. */
    private static float[][] reluRows(Random rnd, int n, int d) {
        float[][] x = new float[n][d];
        for (int i = 0; i < n; i++) {
            if (i % 17 == 5) {
                continue;
            }
            for (int k = 0; k < d; k++) {
                x[i][k] = (float) Math.max(0, rnd.nextGaussian());
            }
            x[i] = VectorMath.unit(x[i]);
        }
        return x;
    }

    private static float[][] gaussianRows(Random rnd, int n, int d) {
        float[][] x = new float[n][];
        for (int i = 0; i < n; i++) {
            x[i] = VectorMath.unit(Fixtures.gaussian(rnd, d));
        }
        return x;
    }

    private static float[][] rowsOf(UnitMatrix m, float[][] queries) {
        float[][] out = new float[queries.length][];
        for (int q = 0; q < queries.length; q++) {
            out[q] = new float[m.size()];
            m.similarities(queries[q], out[q]);
        }
        return out;
    }

    @Test
    void shouldGiveBitIdenticalSimilaritiesWithTheVectorAndScalarKernels() {
        SimilarityKernel vector = vector();
        Random rnd = new Random(16);
        int[][] shapes = {{1, 1}, {3, 5}, {17, 7}, {196, 384}, {61, 130}, {250, 64}};
        for (int[] s : shapes) {
            float[][] x = s[0] % 2 == 0 ? reluRows(rnd, s[0], s[1]) : gaussianRows(rnd, s[0], s[1]);
            float[][] q = gaussianRows(rnd, 9, s[1]);
            UnitMatrix a = UnitMatrix.ofUnits(x, s[1], SCALAR);
            UnitMatrix b = UnitMatrix.ofUnits(x, s[1], vector);
            assertThat(rowsOf(b, q)).as("N x M, shape %dx%d", s[0], s[1]).isEqualTo(rowsOf(a, q));
            assertThat(b.nearestOtherSimilarities()).isEqualTo(a.nearestOtherSimilarities());
            for (int i = 0; i < x.length; i++) {
                float[] sa = Arrays.copyOf(a.similaritiesOf(i), x.length);
                float[] sb = Arrays.copyOf(b.similaritiesOf(i), x.length);
                assertThat(sb).as("row %d of S, shape %dx%d", i, s[0], s[1]).isEqualTo(sa);
            }
        }
    }

    @Test
    void shouldComputeASymmetricGramWhoseNearestNeighboursMatchBruteForce() {
        SimilarityKernel vector = vector();
        float[][] x = reluRows(new Random(4), 150, 48);
        UnitMatrix m = UnitMatrix.ofUnits(x, 48, vector);
        float[] nearest = m.nearestOtherSimilarities();
        for (int i = 0; i < x.length; i++) {
            float best = Float.NEGATIVE_INFINITY;
            for (int j = 0; j < x.length; j++) {
                assertThat(m.similaritiesOf(i)[j]).isEqualTo(m.similaritiesOf(j)[i]);
                if (j != i) {
                    best = Math.max(best, m.similaritiesOf(i)[j]);
                }
                assertThat(m.similaritiesOf(i)[j])
                        .isCloseTo(VectorMath.dot(x[i], x[j]), within(1e-5f));
            }
            assertThat(nearest[i]).isEqualTo(best);
        }
    }

    /** Duplicates (exact ties), zero vectors and a random remainder, shuffled. */
    private static List<Token> tiesAndZeros(long seed, int n, int d) {
        Random rnd = new Random(seed);
        List<float[]> base = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            base.add(Fixtures.gaussian(rnd, d));
        }
        List<float[]> v = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int kind = rnd.nextInt(4);
            if (kind == 0) {
                v.add(new float[d]);
            } else if (kind == 1) {
                v.add(base.get(rnd.nextInt(base.size())).clone());
            } else {
                float[] g = Fixtures.gaussian(rnd, d);
                for (int k = 0; k < d; k++) {
                    g[k] = Math.max(0f, g[k]);
                }
                v.add(g);
            }
        }
        return Fixtures.strip(0, v);
    }

    private static List<String> rowsOf(Compressed c) {
        List<String> rows = new ArrayList<>();
        Provenance p = c.provenance();
        for (int r = 0; r < p.outputs(); r++) {
            rows.add(Arrays.toString(p.sources(r)) + Arrays.toString(p.weights(r)));
        }
        return rows;
    }

    private static <T> T with(String kernel, Supplier<T> run) {
        SimilarityKernels.use(kernel);
        return run.get();
    }

    @Test
    void shouldSelectTheSameTokensWithEitherKernelIncludingExactTiesAndZeroVectors() {
        vector();
        OperatorContext ctx = OperatorContext.of(1, 1);
        for (long seed = 0; seed < 12; seed++) {
            int n = 20 + (int) (seed * 23);
            int d = 3 + (int) (seed * 37 % 390);
            List<List<Token>> inputs =
                    List.of(tiesAndZeros(seed, n, d), Fixtures.randomGrid(0, 1, n, d, seed));
            for (List<Token> in : inputs) {
                for (int k : new int[] {1, 4, 16, n - 1}) {
                    DivPrune dp = new DivPrune(k);
                    DivPrune dpMean = new DivPrune(k, true);
                    KCenter kc = new KCenter(k, true);
                    RichnessBudget rich = new RichnessBudget(0.3f, 1, k, false);
                    List<TokenOperator> ops =
                            List.of(
                                    dp,
                                    dpMean,
                                    kc,
                                    rich,
                                    new KCenter(k),
                                    new SimilarityMerge(k),
                                    WindowKMeans.fixed(k, 5, seed),
                                    WindowKMeans.adaptive(0.2f, k, 5, seed));
                    for (TokenOperator op : ops) {
                        Compressed s = with("scalar", () -> op.apply(in, ctx));
                        Compressed v = with("vector", () -> op.apply(in, ctx));
                        assertThat(rowsOf(v))
                                .as("%s, seed %d, k %d", op, seed, k)
                                .isEqualTo(rowsOf(s));
                    }
                }
            }
        }
    }

    @Test
    void shouldKeepTheSameNoveltyTokensWithEitherKernelOverAStream() {
        vector();
        OperatorContext ctx = OperatorContext.of(7, 7);
        for (int budget : new int[] {4, 16, 48}) {
            List<List<String>> outs = new ArrayList<>();
            for (String kernel : List.of("scalar", "vector")) {
                SimilarityKernels.use(kernel);
                Chain chain =
                        ChainSpec.parse(
                                "novelty(" + budget + ", min=0.01) > divprune(" + budget / 2 + ")");
                ChainState state = null;
                List<String> rows = new ArrayList<>();
                Random rnd = new Random(budget);
                List<Token> frame = Fixtures.randomGrid(0, 7, 7, 96, budget);
                for (int t = 0; t < 12; t++) {
                    List<Token> next = new ArrayList<>();
                    for (Token tok : frame) {
                        float[] v = tok.vector().clone();
                        int k = rnd.nextInt(v.length);
                        v[k] = t % 5 == 4 ? 0f : v[k] + (float) rnd.nextGaussian();
                        next.add(new Token(v, t, tok.row(), tok.col(), tok.span()));
                    }
                    frame = next;
                    ChainResult r = chain.apply(frame, ctx, state);
                    state = r.state();
                    rows.addAll(rowsOf(new Compressed(r.tokens(), r.provenance())));
                }
                outs.add(rows);
            }
            assertThat(outs.get(1)).as("budget %d", budget).isEqualTo(outs.get(0));
        }
    }

    @Test
    void shouldBreakExactTiesTowardsTheLowestIndex() {
        vector();
        float[] a = {1, 0, 0, 0, 0};
        float[] b = {0, 1, 0, 0, 0};
        // Four copies of a, three of b: DivPrune(2) keeps the first a and the first b.
        List<Token> in = Fixtures.strip(0, List.of(b, a, b, a, a, b, a));
        for (String kernel : List.of("scalar", "vector")) {
            int[] picks = with(kernel, () -> new DivPrune(2).select(in));
            assertThat(picks).as(kernel).containsExactly(0, 1);
        }
    }

    @Test
    void shouldNameTheKernelInUseAndRejectAnUnknownOne() {
        assertThat(SimilarityKernels.use("scalar")).isEqualTo("scalar");
        assertThat(SimilarityKernels.name()).isEqualTo("scalar");
        assertThat(SimilarityKernels.use("vector")).matches("vector-\\d+|scalar");
        assertThatThrownBy(() -> SimilarityKernels.use("gpu"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("scalar or vector, was 'gpu'");
    }
}
