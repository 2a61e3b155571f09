package dev.skim.core.compression;

import static org.assertj.core.api.Assertions.assertThat;

import dev.skim.core.tokens.Token;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class NoveltyProgressiveTest {

    private static Compressed step(NoveltyProgressive op, List<Token> frame, OperatorState s) {
        return op.apply(frame, OperatorContext.of(4, 4).withState(s));
    }

    @Test
    void shouldEmitAFullKeyframeThenNothingForARepeatedFrame() {
        NoveltyProgressive op = new NoveltyProgressive(8, 0, 16, 0.5f, 0.05f, 0);
        List<Token> a = Fixtures.randomGrid(0, 4, 4, 32, 1);
        Compressed first = step(op, a, OperatorState.EMPTY);
        assertThat(first.tokens()).hasSize(16);
        assertThat(NoveltyProgressive.lastNovelty(first.state())).isEqualTo(1f);
        Compressed repeat = step(op, Fixtures.randomGrid(1, 4, 4, 32, 1), first.state());
        assertThat(repeat.tokens()).isEmpty();
        assertThat(repeat.provenance().inputs()).isEqualTo(16);
        assertThat(NoveltyProgressive.lastNovelty(repeat.state())).isLessThan(1e-5f);
    }

    @Test
    void shouldFillAStaticSceneInProgressivelyUntilNothingIsNew() {
        NoveltyProgressive op = new NoveltyProgressive(6, 2, 6, 0.9f, 0.05f, 0);
        OperatorState s = OperatorState.EMPTY;
        List<Integer> emitted = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
            Compressed c = step(op, Fixtures.randomGrid(t, 4, 4, 32, 7), s);
            emitted.add(c.tokens().size());
            s = c.state();
        }
        assertThat(emitted.get(0)).isEqualTo(6);
        assertThat(emitted.subList(1, 4)).allSatisfy(n -> assertThat(n).isPositive());
        assertThat(emitted.get(7)).isZero();
    }

    @Test
    void shouldResetToAFullKeyframeBudgetOnASceneCut() {
        NoveltyProgressive op = new NoveltyProgressive(8, 4, 12, 0.5f, 0.05f, 0);
        Compressed first = step(op, Fixtures.randomGrid(0, 4, 4, 64, 1), OperatorState.EMPTY);
        Compressed cut = step(op, Fixtures.randomGrid(1, 4, 4, 64, 2), first.state());
        assertThat(cut.tokens()).hasSize(12);
        assertThat(cut.state().counter(1)).isEqualTo(2);
        assertThat(cut.state().counter(0)).isEqualTo(2);
        assertThat(cut.tokens()).extracting(Token::frame).containsOnly(1);
    }

    @Test
    void shouldKeepTheChangedPatchOfAnOtherwiseRepeatedFrame() {
        NoveltyProgressive op = new NoveltyProgressive(8, 0, 16, 0.5f, 0.05f, 0);
        List<Token> a = Fixtures.randomGrid(0, 4, 4, 32, 1);
        Compressed first = step(op, a, OperatorState.EMPTY);
        List<Token> b = new ArrayList<>(Fixtures.randomGrid(1, 4, 4, 32, 1));
        b.set(5, Token.patch(Fixtures.gaussian(new java.util.Random(99), 32), 1, 1, 1));
        Compressed next = step(op, b, first.state());
        assertThat(next.tokens()).hasSize(1);
        assertThat(next.tokens().get(0).row()).isEqualTo(1f);
        assertThat(next.tokens().get(0).col()).isEqualTo(1f);
    }

    @Test
    void shouldAddCoarseBaseTokensToNovelPatches() {
        NoveltyProgressive op = new NoveltyProgressive(8, 4, 20, 0.5f, 0.05f, 0);
        Compressed first = step(op, Fixtures.randomGrid(0, 4, 4, 32, 1), OperatorState.EMPTY);
        assertThat(first.tokens()).hasSize(20);
        List<Token> b = new ArrayList<>(Fixtures.randomGrid(1, 4, 4, 32, 1));
        b.set(0, Token.patch(Fixtures.gaussian(new java.util.Random(98), 32), 1, 0, 0));
        Compressed next = step(op, b, first.state());
        assertThat(next.tokens()).hasSize(5);
        assertThat(next.tokens()).filteredOn(t -> t.span() == 4).hasSize(4);
    }

    @Test
    void shouldBeDeterministic() {
        NoveltyProgressive op = new NoveltyProgressive(6);
        List<Token> a = Fixtures.randomGrid(0, 4, 4, 16, 3);
        List<Token> b = Fixtures.randomGrid(1, 4, 4, 16, 4);
        Compressed x = step(op, b, step(op, a, OperatorState.EMPTY).state());
        Compressed y = step(op, b, step(op, a, OperatorState.EMPTY).state());
        Assertions2.assertSameTokens(x.tokens(), y.tokens());
    }
}
