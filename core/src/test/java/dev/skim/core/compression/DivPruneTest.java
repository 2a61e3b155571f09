package dev.skim.core.compression;

import static org.assertj.core.api.Assertions.assertThat;

import dev.skim.core.tokens.Token;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class DivPruneTest {

    static List<Token> circle(int n) {
        List<float[]> v = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            double a = 2 * Math.PI * i / n;
            v.add(new float[] {(float) Math.cos(a), (float) Math.sin(a)});
        }
        return Fixtures.strip(0, v);
    }

    @Test
    void shouldPickEvenlySpacedPointsAroundACircle() {
        Compressed out = new DivPrune(4).apply(circle(12), OperatorContext.of(1, 12));
        assertThat(out.tokens()).extracting(t -> (int) t.col()).containsExactly(0, 3, 6, 9);
    }

    @Test
    void shouldPickEvenlySpacedPointsWithTheMeanSeedToo() {
        Compressed out = new DivPrune(4, true).apply(circle(24), OperatorContext.of(1, 24));
        List<Integer> cols = out.tokens().stream().map(t -> (int) t.col()).toList();
        assertThat(cols).hasSize(4);
        for (int i = 1; i < cols.size(); i++) {
            assertThat(cols.get(i) - cols.get(i - 1)).isEqualTo(6);
        }
    }

    @Test
    void shouldKeepOneTokenOfEachTightCluster() {
        Random rnd = new Random(3);
        float[][] centres = {{1, 0, 0}, {0, 1, 0}, {0, 0, 1}};
        List<float[]> v = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            float[] c = centres[i % 3];
            v.add(
                    new float[] {
                        c[0] + 0.01f * (float) rnd.nextGaussian(),
                        c[1] + 0.01f * (float) rnd.nextGaussian(),
                        c[2] + 0.01f * (float) rnd.nextGaussian()
                    });
        }
        Compressed out = new DivPrune(3).apply(Fixtures.strip(0, v), OperatorContext.of(1, 30));
        assertThat(out.tokens())
                .extracting(t -> (int) t.col() % 3)
                .containsExactlyInAnyOrder(0, 1, 2);
    }

    @Test
    void shouldSeedWithTheTokenWhoseNearestNeighbourIsFarthest() {
        // Three near-duplicates and one outlier: the outlier must be kept at k = 1.
        List<float[]> v =
                List.of(
                        new float[] {1f, 0f},
                        new float[] {1f, 0.01f},
                        new float[] {1f, -0.01f},
                        new float[] {0.6f, 0.8f});
        Compressed out = new DivPrune(1).apply(Fixtures.strip(0, v), OperatorContext.of(1, 4));
        assertThat(out.tokens()).extracting(t -> (int) t.col()).containsExactly(3);
    }

    @Test
    void shouldReturnEverythingWhenTheBudgetExceedsTheInput() {
        List<Token> in = circle(5);
        Compressed out = new DivPrune(64).apply(in, OperatorContext.of(1, 5));
        assertThat(out.tokens()).isEqualTo(in);
    }
}
