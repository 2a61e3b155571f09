package dev.skim.core.compression;

import static org.assertj.core.api.Assertions.assertThat;

import dev.skim.core.tokens.Token;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class NoveltyProgressiveTest {

    private static Compressed step(NoveltyProgressive op, List<Token> frame, OperatorState s) {
        return op.apply(frame, OperatorContext.of(4, 4).withState(s));
    }

    @ParameterizedTest(name = "cells={0}")
    @ValueSource(booleans = {false, true})
    void shouldEmitAFullKeyframeThenNothingForARepeatedFrame(boolean cells) {
        NoveltyProgressive op = new NoveltyProgressive(8, 0, 16, 0.5f, 0.05f, 0, cells);
        List<Token> a = Fixtures.randomGrid(0, 4, 4, 32, 1);
        Compressed first = step(op, a, OperatorState.EMPTY);
        assertThat(first.tokens()).hasSize(16);
        assertThat(NoveltyProgressive.lastNovelty(first.state())).isEqualTo(1f);
        Compressed repeat = step(op, Fixtures.randomGrid(1, 4, 4, 32, 1), first.state());
        assertThat(repeat.tokens()).isEmpty();
        assertThat(repeat.provenance().inputs()).isEqualTo(16);
        assertThat(NoveltyProgressive.lastNovelty(repeat.state())).isLessThan(1e-5f);
    }

    @ParameterizedTest(name = "cells={0}")
    @ValueSource(booleans = {false, true})
    void shouldFillAStaticSceneInProgressivelyUntilNothingIsNew(boolean cells) {
        NoveltyProgressive op = new NoveltyProgressive(6, 2, 6, 0.9f, 0.05f, 0, cells);
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

    @ParameterizedTest(name = "cells={0}")
    @ValueSource(booleans = {false, true})
    void shouldResetToAFullKeyframeBudgetOnASceneCut(boolean cells) {
        NoveltyProgressive op = new NoveltyProgressive(8, 4, 12, 0.5f, 0.05f, 0, cells);
        Compressed first = step(op, Fixtures.randomGrid(0, 4, 4, 64, 1), OperatorState.EMPTY);
        Compressed cut = step(op, Fixtures.randomGrid(1, 4, 4, 64, 2), first.state());
        assertThat(cut.tokens()).hasSize(12);
        assertThat(cut.state().counter(1)).isEqualTo(2);
        assertThat(cut.state().counter(0)).isEqualTo(2);
        assertThat(cut.tokens()).extracting(Token::frame).containsOnly(1);
    }

    @ParameterizedTest(name = "cells={0}")
    @ValueSource(booleans = {false, true})
    void shouldKeepTheChangedPatchOfAnOtherwiseRepeatedFrame(boolean cells) {
        NoveltyProgressive op = new NoveltyProgressive(8, 0, 16, 0.5f, 0.05f, 0, cells);
        List<Token> a = Fixtures.randomGrid(0, 4, 4, 32, 1);
        Compressed first = step(op, a, OperatorState.EMPTY);
        List<Token> b = new ArrayList<>(Fixtures.randomGrid(1, 4, 4, 32, 1));
        b.set(5, Token.patch(Fixtures.gaussian(new java.util.Random(99), 32), 1, 1, 1));
        Compressed next = step(op, b, first.state());
        assertThat(next.tokens()).hasSize(1);
        assertThat(next.tokens().get(0).row()).isEqualTo(1f);
        assertThat(next.tokens().get(0).col()).isEqualTo(1f);
    }

    @ParameterizedTest(name = "cells={0}")
    @ValueSource(booleans = {false, true})
    void shouldAddCoarseBaseTokensToNovelPatches(boolean cells) {
        NoveltyProgressive op = new NoveltyProgressive(8, 4, 20, 0.5f, 0.05f, 0, cells);
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

    @Test
    void shouldToleratePatchesMovingByOneCellWithCellScope() {
        NoveltyProgressive op = new NoveltyProgressive(8, 0, 16, 0.5f, 0.05f, 0, true);
        List<Token> a = Fixtures.randomGrid(0, 4, 4, 32, 1);
        Compressed first = step(op, a, OperatorState.EMPTY);
        // The same content shifted right by one column (the first column repeats).
        List<Token> shifted =
                Fixtures.grid(1, 4, 4, (r, c) -> a.get(r * 4 + Math.max(0, c - 1)).vector());
        assertThat(step(op, shifted, first.state()).tokens()).isEmpty();
    }

    @Test
    void shouldStartOverWithAKeyframeWhenTheEncoderDimensionChanges() {
        NoveltyProgressive op = new NoveltyProgressive(8, 0, 16, 0.5f, 0.05f, 0, false);
        Compressed first = step(op, Fixtures.randomGrid(0, 4, 4, 32, 1), OperatorState.EMPTY);
        Compressed next = step(op, Fixtures.randomGrid(1, 4, 4, 48, 1), first.state());
        assertThat(next.tokens()).hasSize(16);
        assertThat(next.state().counter(1)).isEqualTo(1);
    }
}
