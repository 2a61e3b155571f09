package dev.skim.core.compression;

import static org.assertj.core.api.Assertions.assertThat;

import dev.skim.core.tokens.Token;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SimilarityMergeTest {

    @Test
    void shouldMergeIdenticalNeighboursFirst() {
        Random rnd = new Random(5);
        List<float[]> v = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            float[] x = Fixtures.gaussian(rnd, 16);
            v.add(x);
            v.add(x.clone());
        }
        List<Token> in = Fixtures.strip(0, v);
        Compressed out = new SimilarityMerge(8).apply(in, OperatorContext.of(1, 16));
        assertThat(out.tokens()).hasSize(8).allSatisfy(t -> assertThat(t.span()).isEqualTo(2));
        for (Token t : out.tokens()) {
            assertThat(t.col() % 2).isEqualTo(0.5f);
        }
    }

    @Test
    void shouldPreserveTotalSpanAndAgreeWithProvenance() {
        List<Token> in = Fixtures.randomGrid(0, 14, 14, 24, 9);
        Compressed out = new SimilarityMerge(20).apply(in, OperatorContext.of(14, 14));
        assertThat(out.tokens()).hasSize(20);
        assertThat(Fixtures.totalSpan(out.tokens())).isEqualTo(196);
        Assertions2.assertSameTokens(out.provenance().apply(in), out.tokens());
    }

    @Test
    void shouldWeightMergesBySpan() {
        List<Token> in =
                List.of(
                        new Token(new float[] {1f, 0f}, 0, 0f, 0f, 3),
                        new Token(new float[] {1f, 0.1f}, 0, 0f, 4f, 1));
        Token t = new SimilarityMerge(1).apply(in, OperatorContext.of(1, 5)).tokens().get(0);
        assertThat(t.span()).isEqualTo(4);
        assertThat(t.col()).isEqualTo(1f);
        assertThat(t.vector()[1]).isCloseTo(0.025f, org.assertj.core.api.Assertions.within(1e-6f));
    }
}
