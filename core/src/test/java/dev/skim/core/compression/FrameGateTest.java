package dev.skim.core.compression;

import static org.assertj.core.api.Assertions.assertThat;

import dev.skim.core.tokens.Token;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
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
        assertThat(other.state().counter(0)).isEqualTo(3L);
        assertThat(other.state().counter(1)).isEqualTo(2L);
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
        FrameGate gate = new FrameGate(0.5f, 2f, 8, 1);
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

    @Test
    void shouldDropAStaticScenesNoiseAndKeepOneFrameInEveryFloor() {
        FrameGate gate = FrameGate.adaptive();
        Random rnd = new Random(3);
        List<Token> base = Fixtures.randomGrid(0, 8, 8, 16, 5);
        OperatorState s = OperatorState.EMPTY;
        int kept = 0;
        for (int t = 0; t < 200; t++) {
            Compressed c =
                    gate.apply(noisy(base, t, rnd, 0.01f), OperatorContext.of(8, 8).withState(s));
            kept += c.tokens().isEmpty() ? 0 : 1;
            s = c.state();
        }
        // warm-up (5) plus about one in 8, plus the few noise outliers above twice the median
        assertThat(kept).isBetween(200 / 8, 200 / 8 + 20);
        assertThat(s.counter(1)).isEqualTo(kept);
    }

    @Test
    void shouldKeepAFrameWhereOneAreaChangedAndPassOnTheDroppedFramesBudget() {
        FrameGate gate = FrameGate.adaptive();
        Random rnd = new Random(4);
        List<Token> base = Fixtures.randomGrid(0, 8, 8, 16, 5);
        OperatorState s = OperatorState.EMPTY;
        // warm-up keeps frames 0-4; then noise is dropped until the floor keeps frame 12
        for (int t = 0; t < 10; t++) {
            s =
                    gate.apply(noisy(base, t, rnd, 0.01f), OperatorContext.of(8, 8).withState(s))
                            .state();
        }
        long droppedBefore = s.counter(2);
        assertThat(droppedBefore).isPositive();
        // one token of 64 replaced: the frame mean barely moves, its 2x2 area does
        List<Token> changed = new ArrayList<>(noisy(base, 10, rnd, 0.01f));
        changed.set(0, Token.patch(Fixtures.gaussian(rnd, 16), 10, 0, 0));
        Compressed c = gate.apply(changed, OperatorContext.of(8, 8).withState(s));
        assertThat(c.tokens()).hasSize(64);
        assertThat(c.weight()).isEqualTo(droppedBefore + 1);
    }

    @Test
    void shouldGiveAFrameThatChangedTheBudgetOfTheFramesDroppedBeforeIt() {
        Chain chain = Chain.of(FrameGate.adaptive(), new DivPrune(2));
        Random rnd = new Random(6);
        List<Token> scene = new ArrayList<>(Fixtures.randomGrid(0, 8, 8, 16, 5));
        ChainState s = null;
        int changedFramesKept = 0;
        for (int t = 0; t < 64; t++) {
            if (t % 4 == 0) {
                // something new in one corner every 4th frame; noise only in between
                int i = rnd.nextInt(64);
                Token old = scene.get(i);
                scene.set(
                        i,
                        new Token(Fixtures.gaussian(rnd, 16), 0, old.row(), old.col(), old.span()));
            }
            ChainResult r = chain.apply(noisy(scene, t, rnd, 0.01f), OperatorContext.of(8, 8), s);
            s = r.state();
            if (t > 8 && t % 4 == 0) {
                // kept for its change, with the 3 noisy frames before it: 4 frames' budget of 2
                assertThat(r.tokens()).as("frame %d", t).hasSize(8);
                changedFramesKept++;
            } else if (t > 8) {
                assertThat(r.tokens()).as("frame %d", t).isEmpty();
            }
        }
        assertThat(changedFramesKept).isEqualTo(13);
    }

    @Test
    void shouldGiveAFrameKeptOnlyByTheFloorItsOwnBudget() {
        FrameGate gate = FrameGate.adaptive();
        Random rnd = new Random(7);
        List<Token> base = Fixtures.randomGrid(0, 8, 8, 16, 5);
        OperatorState s = OperatorState.EMPTY;
        int floorKept = 0;
        for (int t = 0; t < 100; t++) {
            long dropped = s.counter(2);
            Compressed c =
                    gate.apply(noisy(base, t, rnd, 0.01f), OperatorContext.of(8, 8).withState(s));
            if (!c.tokens().isEmpty() && dropped + 1 >= 8) {
                assertThat(c.weight()).isEqualTo(1);
                floorKept++;
            }
            s = c.state();
        }
        assertThat(floorKept).isGreaterThan(5);
    }

    @Test
    void shouldKeepAMovingScenesFramesAsTheChangeAccumulates() {
        FrameGate gate = FrameGate.adaptive();
        OperatorState s = OperatorState.EMPTY;
        int kept = 0;
        for (int t = 0; t < 100; t++) {
            double a = t * 0.02;
            List<float[]> v = List.of(new float[] {(float) Math.cos(a), (float) Math.sin(a), 0.1f});
            Compressed c = gate.apply(Fixtures.strip(t, v), OperatorContext.of(1, 1).withState(s));
            kept += c.tokens().size();
            s = c.state();
        }
        // a steady drift: the change since the last kept frame passes twice the step every 2-3
        // frames
        assertThat(kept).isBetween(100 / 4, 100 / 2 + 5);
    }

    @Test
    void shouldDropIdenticalFramesExceptTheFloor() {
        FrameGate gate = FrameGate.adaptive();
        List<Token> frame = Fixtures.randomGrid(0, 4, 4, 8, 9);
        OperatorState s = OperatorState.EMPTY;
        int kept = 0;
        for (int t = 0; t < 80; t++) {
            Compressed c = gate.apply(frame, OperatorContext.of(4, 4).withState(s));
            kept += c.tokens().isEmpty() ? 0 : 1;
            s = c.state();
        }
        assertThat(kept).isBetween(80 / 8, 80 / 8 + FrameGate.WARMUP + 1);
    }

    private static List<Token> noisy(List<Token> base, int frame, Random rnd, float sd) {
        List<Token> out = new ArrayList<>(base.size());
        for (Token t : base) {
            float[] v = t.vector().clone();
            for (int k = 0; k < v.length; k++) {
                v[k] += sd * (float) rnd.nextGaussian();
            }
            out.add(new Token(v, frame, t.row(), t.col(), t.span()));
        }
        return out;
    }
}
