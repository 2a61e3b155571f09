package dev.skim.core.compression;

import static org.assertj.core.api.Assertions.assertThat;

import dev.skim.core.tokens.Token;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class KCenterTest {

    /** Chord distance |x^ - y^|, a metric monotone in 1 - cos. */
    static double chord(float[] a, float[] b) {
        return Math.sqrt(Math.max(0, 2 * (1 - VectorMath.cosine(a, b))));
    }

    static double radius(List<Token> in, List<float[]> centres) {
        double r = 0;
        for (Token t : in) {
            double best = Double.MAX_VALUE;
            for (float[] c : centres) {
                best = Math.min(best, chord(t.vector(), c));
            }
            r = Math.max(r, best);
        }
        return r;
    }

    static double bruteForceOptimum(List<Token> in, int k) {
        int n = in.size();
        double best = Double.MAX_VALUE;
        for (int mask = 0; mask < (1 << n); mask++) {
            if (Integer.bitCount(mask) != k) {
                continue;
            }
            List<float[]> c = new java.util.ArrayList<>();
            for (int i = 0; i < n; i++) {
                if ((mask & (1 << i)) != 0) {
                    c.add(in.get(i).vector());
                }
            }
            best = Math.min(best, radius(in, c));
        }
        return best;
    }

    @Property(tries = 60)
    void shouldStayWithinTwiceTheOptimalRadius(
            @ForAll @IntRange(min = 4, max = 10) int n,
            @ForAll @IntRange(min = 1, max = 4) int k,
            @ForAll long seed) {
        List<Token> in = Fixtures.randomGrid(0, 1, n, 3, seed);
        Compressed out = new KCenter(k).apply(in, OperatorContext.of(1, n));
        List<float[]> centres = out.tokens().stream().map(Token::vector).toList();
        double greedy = radius(in, centres);
        assertThat(greedy).isLessThanOrEqualTo(2 * bruteForceOptimum(in, Math.min(k, n)) + 1e-5);
    }

    @Test
    void shouldCoverEveryInputWithVoronoiCells() {
        List<Token> in = Fixtures.randomGrid(0, 6, 6, 8, 11);
        Compressed out = new KCenter(5, true).apply(in, OperatorContext.of(6, 6));
        assertThat(out.tokens()).hasSize(5);
        assertThat(Fixtures.totalSpan(out.tokens())).isEqualTo(36);
        assertThat(out.provenance().ownerOfEachInput()).doesNotContain(-1);
        Assertions2.assertSameTokens(out.provenance().apply(in), out.tokens());
    }

    @Test
    void shouldKeepRealTokensInInputOrderWithoutCells() {
        List<Token> in = Fixtures.randomGrid(2, 4, 4, 8, 12);
        Compressed out = new KCenter(4).apply(in, OperatorContext.of(4, 4));
        assertThat(in).containsAll(out.tokens());
        assertThat(out.tokens()).isSortedAccordingTo(Groups::comparePosition);
    }
}
