package dev.skim.core.compression;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.skim.core.tokens.Token;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/** Invariants every operator keeps, on random windows (including many exact duplicates). */
class OperatorPropertiesTest {

    /** A random window: frames x rows x cols tokens of dimension dim. */
    record Window(int frames, int rows, int cols, int dim, boolean duplicates, long seed) {
        List<Token> tokens() {
            Random rnd = new Random(seed);
            List<float[]> palette = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                palette.add(Fixtures.gaussian(rnd, dim));
            }
            List<Token> out = new ArrayList<>();
            for (int t = 0; t < frames; t++) {
                out.addAll(
                        Fixtures.grid(
                                t,
                                rows,
                                cols,
                                (r, c) ->
                                        duplicates
                                                ? palette.get(rnd.nextInt(3))
                                                : Fixtures.gaussian(rnd, dim)));
            }
            return out;
        }

        OperatorContext context() {
            Random rnd = new Random(seed + 1);
            float[] attention = new float[frames * rows * cols];
            for (int i = 0; i < attention.length; i++) {
                attention[i] = rnd.nextFloat();
            }
            return OperatorContext.of(rows, cols)
                    .withAttention(attention)
                    .withQuery(Fixtures.gaussian(rnd, dim));
        }
    }

    @Provide
    Arbitrary<Window> windows() {
        return Combinators.combine(
                        Arbitraries.integers().between(1, 3),
                        Arbitraries.integers().between(1, 7),
                        Arbitraries.integers().between(1, 7),
                        Arbitraries.integers().between(1, 12),
                        Arbitraries.of(true, false),
                        Arbitraries.longs())
                .as(Window::new);
    }

    /** Operators with a budget b; the boolean says whether they cover every input (merging). */
    record Case(TokenOperator op, int maxOut, boolean coversAll, boolean linear) {}

    static List<Case> cases(int b, Window w) {
        int n = w.frames() * w.rows() * w.cols();
        List<Case> cases = new ArrayList<>(handPicked(b, w, n));
        // Every registered operator as its definition's example, bounded by its own budget.
        OperatorDefinition.Shape shape =
                new OperatorDefinition.Shape(n, w.frames(), w.rows(), w.cols());
        for (OperatorDefinition d : OperatorRegistry.all()) {
            TokenOperator op = ChainSpec.parse(d.example()).operators().get(0);
            cases.add(new Case(op, d.maxTokens(op.arguments(), shape), false, true));
        }
        return cases;
    }

    private static List<Case> handPicked(int b, Window w, int n) {
        return List.of(
                new Case(new GridPool(2), n, true, true),
                new Case(new DivPrune(b), b, false, true),
                new Case(new DivPrune(b, true), b, false, true),
                new Case(new KCenter(b), b, false, true),
                new Case(new KCenter(b, true), b, true, true),
                new Case(new SimilarityMerge(b), b, true, true),
                new Case(WindowKMeans.fixed(b, 5, 1), b, true, true),
                new Case(WindowKMeans.adaptive(0.2f, b, 5, 1), b, true, true),
                new Case(new RichnessBudget(0.3f, 1, b, true), b, true, true),
                new Case(new AttentionSelect(b, 2), b + 2, true, true),
                new Case(new OnePerFrame(false), w.frames(), true, true),
                new Case(new FrameGate(0.01f), n, false, true),
                new Case(new NoveltyProgressive(b), b * w.frames(), false, true),
                new Case(
                        new NoveltyProgressive(b, b / 4, b, 0.5f, 0.05f, 0, true),
                        b * w.frames(),
                        false,
                        true));
    }

    @Property(tries = 150)
    void shouldKeepBudgetsPositionsAndProvenanceConsistent(
            @ForAll("windows") Window w, @ForAll @IntRange(min = 1, max = 20) int budget) {
        List<Token> in = w.tokens();
        Set<Integer> frames = new HashSet<>();
        in.forEach(t -> frames.add(t.frame()));
        for (Case c : cases(budget, w)) {
            Compressed out = c.op().apply(in, w.context());
            String what = c.op().spec();
            assertThat(out.tokens().size()).as(what).isLessThanOrEqualTo(c.maxOut());
            Provenance p = out.provenance();
            assertThat(p.inputs()).as(what).isEqualTo(in.size());
            assertThat(p.outputs()).as(what).isEqualTo(out.tokens().size());
            for (int r = 0; r < p.outputs(); r++) {
                assertThat(p.rowSum(r)).as(what).isCloseTo(1f, within(1e-4f));
                for (float x : p.weights(r)) {
                    assertThat(x).as(what).isPositive();
                }
            }
            for (Token t : out.tokens()) {
                assertThat(t.row()).as(what).isBetween(0f, w.rows() - 1f);
                assertThat(t.col()).as(what).isBetween(0f, w.cols() - 1f);
                assertThat(frames).as(what).contains(t.frame());
                assertThat(t.dim()).as(what).isEqualTo(w.dim());
            }
            if (c.coversAll()) {
                assertThat(Fixtures.totalSpan(out.tokens())).as(what).isEqualTo(in.size());
                assertThat(p.ownerOfEachInput()).as(what).doesNotContain(-1);
            }
            if (c.linear()) {
                Assertions2.assertSameTokens(p.apply(in), out.tokens());
            }
        }
    }

    @Property(tries = 60)
    void shouldGiveTheSameOutputForTheSameInput(
            @ForAll("windows") Window w, @ForAll @IntRange(min = 1, max = 20) int budget) {
        for (Case c : cases(budget, w)) {
            Compressed x = c.op().apply(w.tokens(), w.context());
            Compressed y = c.op().apply(w.tokens(), w.context());
            Assertions2.assertSameTokens(x.tokens(), y.tokens());
        }
    }

    @Property(tries = 100)
    void shouldComposeProvenanceLikeApplyingInSequence(
            @ForAll("windows") Window w,
            @ForAll @IntRange(min = 1, max = 20) int b1,
            @ForAll @IntRange(min = 1, max = 20) int b2) {
        List<Token> in = w.tokens();
        List<Case> first = cases(b1, w);
        List<Case> second = cases(b2, w);
        Random rnd = new Random(w.seed());
        for (int trial = 0; trial < 6; trial++) {
            TokenOperator a = first.get(rnd.nextInt(first.size())).op();
            TokenOperator b = second.get(rnd.nextInt(second.size())).op();
            ChainResult r = Chain.of(a, b).apply(in, w.context(), null);
            Assertions2.assertSameTokens(r.provenance().apply(in), r.tokens(), false);
            assertThat(r.stats().get(0).tokensOut()).isEqualTo(r.stats().get(1).tokensIn());
        }
    }

    @Property(tries = 40)
    void shouldRoundTripChainStateThroughBytes(@ForAll("windows") Window w) {
        Chain chain = ChainSpec.parse("gate(0.01) > novelty(8, base=2) > divprune(4)");
        ChainResult r = chain.apply(w.tokens(), w.context(), null);
        ChainState back = ChainStateCodec.fromBytes(ChainStateCodec.toBytes(r.state()));
        ChainResult x = chain.apply(w.tokens(), w.context(), r.state());
        ChainResult y = chain.apply(w.tokens(), w.context(), back);
        Assertions2.assertSameTokens(x.tokens(), y.tokens());
        assertThat(ChainStateCodec.toBytes(back)).isEqualTo(ChainStateCodec.toBytes(r.state()));
    }
}
