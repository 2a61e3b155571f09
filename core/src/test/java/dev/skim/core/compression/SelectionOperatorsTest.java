package dev.skim.core.compression;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.skim.core.tokens.Token;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Attention selection, needle ranking, one token per frame and the richness budget. */
class SelectionOperatorsTest {

    @Test
    void shouldKeepTheMostAttendedTokensAndMergeTheRestIntoContext() {
        List<Token> in = Fixtures.randomGrid(0, 3, 3, 8, 1);
        float[] attention = {0.01f, 0.5f, 0.01f, 0.01f, 0.3f, 0.01f, 0.01f, 0.01f, 0.14f};
        OperatorContext ctx = OperatorContext.of(3, 3).withAttention(attention);
        Compressed out = new AttentionSelect(3, 2).apply(in, ctx);
        assertThat(out.tokens()).hasSize(5);
        assertThat(out.tokens())
                .filteredOn(t -> t.span() == 1)
                .extracting(t -> t.row() * 3 + t.col())
                .containsExactly(1f, 4f, 8f);
        assertThat(Fixtures.totalSpan(out.tokens())).isEqualTo(9);
    }

    @Test
    void shouldExplainThatAttentionIsMissing() {
        assertThatThrownBy(
                        () ->
                                new AttentionSelect(4, 1)
                                        .apply(
                                                Fixtures.randomGrid(0, 2, 2, 4, 1),
                                                OperatorContext.of(2, 2)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("needs CLS attention");
    }

    @Test
    void shouldCarryAttentionThroughAnEarlierOperatorInAChain() {
        List<Token> in = Fixtures.randomGrid(0, 4, 4, 8, 2);
        float[] attention = new float[16];
        attention[15] = 1f;
        Chain chain = Chain.of(new GridPool(2), new AttentionSelect(1, 0));
        ChainResult r = chain.apply(in, OperatorContext.of(4, 4).withAttention(attention), null);
        assertThat(r.tokens()).hasSize(1);
        assertThat(r.tokens().get(0).row()).isEqualTo(2.5f);
        assertThat(r.tokens().get(0).col()).isEqualTo(2.5f);
    }

    @Test
    void shouldRankStoredTokensByCosineToANeedleQuery() {
        List<Token> in = Fixtures.randomGrid(0, 5, 5, 16, 3);
        float[] q = in.get(17).vector().clone();
        for (int i = 0; i < q.length; i++) {
            q[i] *= 3f;
        }
        assertThat(Fidelity.rank(in, q)[0]).isEqualTo(17);
        assertThat(Fidelity.rank(in, q)).hasSize(in.size());
        assertThatThrownBy(() -> Fidelity.rank(in, new float[3]))
                .hasMessageContaining("query has dimension 3");
    }

    @Test
    void shouldNotOfferAQueryOperatorInChains() {
        assertThatThrownBy(() -> ChainSpec.parse("query(8)"))
                .isInstanceOf(ChainSpecException.class);
    }

    @Test
    void shouldMakeOneMeanTokenPerFrame() {
        List<Token> in = new ArrayList<>(Fixtures.grid(0, 2, 2, (r, c) -> new float[] {r + c}));
        in.addAll(Fixtures.grid(1, 2, 2, (r, c) -> new float[] {10f}));
        Compressed out = new OnePerFrame(false).apply(in, OperatorContext.of(2, 2));
        assertThat(out.tokens()).hasSize(2);
        assertThat(out.tokens().get(0).vector()[0]).isCloseTo(1f, within(1e-6f));
        assertThat(out.tokens().get(0).row()).isCloseTo(0.5f, within(1e-6f));
        assertThat(out.tokens().get(1).vector()[0]).isCloseTo(10f, within(1e-6f));
        assertThat(out.tokens()).extracting(Token::span).containsExactly(4, 4);
    }

    @Test
    void shouldUseTheEncodersPooledVectorWhenAsked() {
        List<Token> in = Fixtures.randomGrid(0, 2, 2, 3, 1);
        float[] pooled = {1f, 2f, 3f};
        OperatorContext ctx = new OperatorContext(2, 2, null, pooled, null, OperatorState.EMPTY);
        Compressed out = new OnePerFrame(true).apply(in, ctx);
        assertThat(out.tokens().get(0).vector()).containsExactly(1f, 2f, 3f);
        assertThat(out.provenance().sources(0)).containsExactly(0, 1, 2, 3);
    }

    @Test
    void shouldSpendMoreTokensOnARicherScene() {
        List<Token> plain =
                Fixtures.grid(0, 6, 6, (r, c) -> new float[] {1f, c < 3 ? 0.01f : 0f, 0f});
        List<Token> rich = Fixtures.randomGrid(0, 6, 6, 8, 4);
        RichnessBudget op = new RichnessBudget(0.3f, 2, 30, false);
        assertThat(op.budget(plain)).isEqualTo(2);
        assertThat(op.budget(rich)).isGreaterThan(10);
        Compressed out = op.apply(rich, OperatorContext.of(6, 6));
        assertThat(out.tokens()).hasSize(op.budget(rich));
    }
}
