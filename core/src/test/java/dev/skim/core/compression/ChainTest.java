package dev.skim.core.compression;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.skim.core.tokens.Token;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ChainTest {

    @Test
    void shouldApplyOperatorsInOrderAndRecordTokensInAndOut() {
        List<Token> in = Fixtures.randomGrid(0, 8, 8, 4, 7);
        Chain chain = Chain.of(new GridPool(2), new GridPool(4));
        ChainResult r = chain.apply(in, OperatorContext.of(8, 8), null);
        assertThat(r.tokens()).hasSize(4);
        assertThat(r.stats())
                .extracting(OperatorStats::tokensIn, OperatorStats::tokensOut)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(64, 16),
                        org.assertj.core.groups.Tuple.tuple(16, 4));
        assertThat(r.stats().get(0).params()).isEqualTo(Map.of("g", "2"));
        assertThat(r.provenance().outputs()).isEqualTo(4);
        assertThat(r.provenance().inputs()).isEqualTo(64);
        assertThat(r.provenance().sources(0)).hasSize(16);
    }

    @Test
    void shouldGiveTheSameTokensAsTheComposedProvenance() {
        List<Token> in = Fixtures.randomGrid(0, 8, 8, 4, 9);
        ChainResult r =
                Chain.of(new GridPool(2), new GridPool(2))
                        .apply(in, OperatorContext.of(8, 8), null);
        Assertions2.assertSameTokens(r.provenance().apply(in), r.tokens());
    }

    @Test
    void shouldSpellItsCanonicalSpec() {
        assertThat(Chain.of(new GridPool(2), new GridPool(4)).spec())
                .isEqualTo("pool(g=2) > pool(g=4)");
    }

    @Test
    void shouldRoundTripStateThroughBytes() {
        ChainState s =
                new ChainState(
                        "x(1) > y(2)",
                        List.of(
                                OperatorState.EMPTY,
                                new OperatorState(
                                        List.of(new float[] {1f, -2f}, new float[] {3f}),
                                        new long[] {7L, -1L})));
        ChainState back = ChainStateCodec.fromBytes(ChainStateCodec.toBytes(s));
        assertThat(back.spec()).isEqualTo("x(1) > y(2)");
        assertThat(back.states()).hasSize(2);
        assertThat(back.states().get(0).isEmpty()).isTrue();
        assertThat(back.states().get(1).vectors())
                .containsExactly(new float[] {1f, -2f}, new float[] {3f});
        assertThat(back.states().get(1).counters()).containsExactly(7L, -1L);
    }

    @Test
    void shouldRejectTruncatedState() {
        byte[] bytes = ChainStateCodec.toBytes(ChainState.initial("a", 2));
        assertThatThrownBy(
                        () ->
                                ChainStateCodec.fromBytes(
                                        java.util.Arrays.copyOf(bytes, bytes.length - 2)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("truncated");
    }

    @Test
    void shouldRejectACorruptCountInsteadOfAllocatingIt() {
        byte[] bytes = ChainStateCodec.toBytes(ChainState.initial("a", 1));
        // Byte 9 is the operator count (after version, spec length and the one spec byte).
        bytes[9] = (byte) 0xff;
        bytes[10] = (byte) 0xff;
        bytes[11] = (byte) 0xff;
        bytes[12] = (byte) 0x7f;
        assertThatThrownBy(() -> ChainStateCodec.fromBytes(bytes))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(
                        "corrupt or truncated chain state: count 2147483647 at byte 9");
    }

    @Test
    void shouldReportTheNoveltyOfTheLastFrame() {
        Chain chain = ChainSpec.parse("gate(0.01) > novelty(8, base=0, key=16)");
        ChainResult first =
                chain.apply(Fixtures.randomGrid(0, 4, 4, 16, 1), OperatorContext.of(4, 4), null);
        assertThat(chain.lastNovelty(first.state())).hasValue(1.0);
        ChainResult other =
                chain.apply(
                        Fixtures.randomGrid(1, 4, 4, 16, 2),
                        OperatorContext.of(4, 4),
                        first.state());
        assertThat(chain.lastNovelty(other.state()).getAsDouble()).isBetween(0.3, 1.0);
        assertThat(Chain.of(new GridPool(2)).lastNovelty(first.state())).isEmpty();
    }

    @Test
    void shouldReportProgressFromTheFirstOperatorWithProgressiveMemory() {
        Chain chain = ChainSpec.parse("pool(1) > novelty(8, base=0, key=16) > novelty(4)");
        ChainResult first =
                chain.apply(
                        Fixtures.grid(0, 4, 4, (r, c) -> Fixtures.constant(16, 1f)),
                        OperatorContext.of(4, 4),
                        null);
        // The opposite direction: every patch is new, a scene cut, the second keyframe.
        ChainResult cut =
                chain.apply(
                        Fixtures.grid(1, 4, 4, (r, c) -> Fixtures.constant(16, -1f)),
                        OperatorContext.of(4, 4),
                        first.state());
        Chain.Progress p = chain.progress(cut.state()).orElseThrow();
        assertThat(p.operator()).isEqualTo(1);
        assertThat(p.keyframes()).isEqualTo(2);
        assertThat((double) p.frameNovelty())
                .isEqualTo(chain.lastNovelty(cut.state()).getAsDouble());
        assertThat(chain.progress(null)).isEmpty();
        assertThat(Chain.of(new GridPool(2)).progress(cut.state())).isEmpty();
        assertThat(ChainSpec.parse("novelty(8)").progress(cut.state())).isEmpty();
    }
}
