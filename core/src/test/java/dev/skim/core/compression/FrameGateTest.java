package dev.skim.core.compression;

import static org.assertj.core.api.Assertions.assertThat;

import dev.skim.core.tokens.Token;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class FrameGateTest {

    @Test
    void shouldDropAnUnchangedFrameAndKeepAChangedOne() {
        FrameGate gate = new FrameGate(0.02f);
        OperatorContext ctx = OperatorContext.of(3, 3);
        Compressed first = gate.apply(Fixtures.randomGrid(0, 3, 3, 8, 1), ctx);
        assertThat(first.tokens()).hasSize(9);
        Compressed same =
                gate.apply(Fixtures.randomGrid(1, 3, 3, 8, 1), ctx.withState(first.state()));
        assertThat(same.tokens()).isEmpty();
        assertThat(same.provenance().outputs()).isZero();
        Compressed other =
                gate.apply(Fixtures.randomGrid(2, 3, 3, 8, 2), ctx.withState(same.state()));
        assertThat(other.tokens()).hasSize(9);
        assertThat(other.state().counters()).containsExactly(3L, 2L);
    }

    @Test
    void shouldCompareAgainstTheLastKeptFrameNotTheLastSeen() {
        // Slow drift: each frame moves a little, below the threshold, but the sum crosses it.
        FrameGate gate = new FrameGate(0.05f);
        OperatorState s = OperatorState.EMPTY;
        int kept = 0;
        for (int t = 0; t < 20; t++) {
            double a = t * 0.1;
            List<float[]> v = List.of(new float[] {(float) Math.cos(a), (float) Math.sin(a)});
            Compressed c = gate.apply(Fixtures.strip(t, v), OperatorContext.of(1, 1).withState(s));
            kept += c.tokens().size();
            s = c.state();
        }
        assertThat(kept).isBetween(3, 10);
    }

    @Test
    void shouldUseThePooledVectorWhenGiven() {
        FrameGate gate = new FrameGate(0.5f);
        List<Token> frame = Fixtures.randomGrid(0, 2, 2, 4, 1);
        OperatorContext ctx =
                new OperatorContext(
                        2, 2, null, new float[] {1, 0, 0, 0}, null, OperatorState.EMPTY);
        Compressed first = gate.apply(frame, ctx);
        OperatorContext next =
                new OperatorContext(2, 2, null, new float[] {0, 1, 0, 0}, null, first.state());
        assertThat(gate.apply(frame, next).tokens()).hasSize(4);
    }

    @Test
    void shouldGateEachFrameOfAWindow() {
        List<Token> in = new ArrayList<>(Fixtures.randomGrid(0, 2, 2, 8, 1));
        in.addAll(Fixtures.randomGrid(1, 2, 2, 8, 1));
        in.addAll(Fixtures.randomGrid(2, 2, 2, 8, 3));
        Compressed out = new FrameGate(0.02f).apply(in, OperatorContext.of(2, 2));
        assertThat(out.tokens()).extracting(Token::frame).containsExactly(0, 0, 0, 0, 2, 2, 2, 2);
    }

    @Test
    void shouldKeepAFrameWhoseDimensionDiffersFromTheLastKeptOne() {
        FrameGate gate = new FrameGate(0.5f);
        Compressed first = gate.apply(Fixtures.randomGrid(0, 2, 2, 8, 1), OperatorContext.of(2, 2));
        Compressed next =
                gate.apply(
                        Fixtures.randomGrid(1, 2, 2, 16, 1),
                        OperatorContext.of(2, 2).withState(first.state()));
        assertThat(next.tokens()).hasSize(4);
    }
}
