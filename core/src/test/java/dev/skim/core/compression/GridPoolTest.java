package dev.skim.core.compression;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.skim.core.tokens.Token;
import java.util.List;
import org.junit.jupiter.api.Test;

class GridPoolTest {

    @Test
    void shouldKeepAConstantGridConstant() {
        List<Token> in = Fixtures.grid(0, 14, 14, (r, c) -> Fixtures.constant(8, 0.5f));
        Compressed out = new GridPool(2).apply(in, OperatorContext.of(14, 14));
        assertThat(out.tokens()).hasSize(49);
        for (Token t : out.tokens()) {
            assertThat(t.vector()).containsOnly(0.5f);
            assertThat(t.span()).isEqualTo(4);
        }
    }

    @Test
    void shouldAverageEachCellAndPlaceItAtTheCellCentre() {
        List<Token> in = Fixtures.grid(3, 4, 4, (r, c) -> new float[] {r * 4 + c});
        Compressed out = new GridPool(2).apply(in, OperatorContext.of(4, 4));
        assertThat(out.tokens()).hasSize(4);
        Token first = out.tokens().get(0);
        assertThat(first.vector()[0]).isCloseTo((0 + 1 + 4 + 5) / 4f, within(1e-6f));
        assertThat(first.row()).isCloseTo(0.5f, within(1e-6f));
        assertThat(first.col()).isCloseTo(0.5f, within(1e-6f));
        assertThat(first.frame()).isEqualTo(3);
        Token last = out.tokens().get(3);
        assertThat(last.vector()[0]).isCloseTo((10 + 11 + 14 + 15) / 4f, within(1e-6f));
        assertThat(last.row()).isCloseTo(2.5f, within(1e-6f));
    }

    @Test
    void shouldPoolPartialEdgeCellsOnAnOddGrid() {
        List<Token> in = Fixtures.grid(0, 3, 3, (r, c) -> new float[] {1f});
        Compressed out = new GridPool(2).apply(in, OperatorContext.of(3, 3));
        assertThat(out.tokens()).extracting(Token::span).containsExactly(4, 2, 2, 1);
        assertThat(Fixtures.totalSpan(out.tokens())).isEqualTo(9);
    }

    @Test
    void shouldWeightBySpanWhenPoolingMergedTokens() {
        List<Token> in =
                List.of(
                        new Token(new float[] {0f}, 0, 0f, 0f, 3),
                        new Token(new float[] {4f}, 0, 1f, 1f, 1));
        Compressed out = new GridPool(2).apply(in, OperatorContext.of(2, 2));
        assertThat(out.tokens()).hasSize(1);
        assertThat(out.tokens().get(0).vector()[0]).isCloseTo(1f, within(1e-6f));
        assertThat(out.tokens().get(0).row()).isCloseTo(0.25f, within(1e-6f));
        assertThat(out.tokens().get(0).span()).isEqualTo(4);
    }

    @Test
    void shouldPoolEachFrameOfAWindowSeparately() {
        List<Token> in = new java.util.ArrayList<>(Fixtures.randomGrid(0, 4, 4, 3, 1));
        in.addAll(Fixtures.randomGrid(1, 4, 4, 3, 2));
        Compressed out = new GridPool(4).apply(in, OperatorContext.of(4, 4));
        assertThat(out.tokens()).extracting(Token::frame).containsExactly(0, 1);
    }

    @Test
    void shouldAgreeWithItsProvenance() {
        List<Token> in = Fixtures.randomGrid(0, 6, 5, 7, 42);
        Compressed out = new GridPool(2).apply(in, OperatorContext.of(6, 5));
        Assertions2.assertSameTokens(out.provenance().apply(in), out.tokens());
    }

    @Test
    void shouldBuildANestedMatryoshkaPyramid() {
        List<Token> in = Fixtures.randomGrid(0, 24, 24, 4, 5);
        List<Compressed> levels = GridPool.pyramid(in, OperatorContext.of(24, 24), 1, 2, 4, 8, 24);
        assertThat(levels).extracting(c -> c.tokens().size()).containsExactly(576, 144, 36, 9, 1);
        // Nested: pooling level 2 by 2 again gives level 4.
        Compressed again =
                new GridPool(4).apply(levels.get(1).tokens(), OperatorContext.of(24, 24));
        Assertions2.assertSameTokens(again.tokens(), levels.get(2).tokens());
        assertThat(levels.get(4).tokens().get(0).span()).isEqualTo(576);
    }

    @Test
    void shouldRejectACellSizeBelowOne() {
        assertThatThrownBy(() -> new GridPool(0)).hasMessage("pool g must be >= 1, was 0");
    }
}
