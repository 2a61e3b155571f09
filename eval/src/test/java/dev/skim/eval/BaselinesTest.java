package dev.skim.eval;

import static org.assertj.core.api.Assertions.assertThat;

import dev.skim.core.tokens.Token;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class BaselinesTest {
    static final int ROWS = 4;
    static final int COLS = 5;
    static final int FRAMES = 7;
    static final MethodId CHAIN = new MethodId(MethodId.Kind.CHAIN, "x({B})", 3, "x(3)");

    static EncodedVideo video() {
        SplittableRandom r = new SplittableRandom(1);
        List<EncodedFrame> frames = new ArrayList<>();
        for (int f = 0; f < FRAMES; f++) {
            List<Token> tokens = new ArrayList<>();
            for (int row = 0; row < ROWS; row++) {
                for (int col = 0; col < COLS; col++) {
                    float[] v = {(float) r.nextDouble(), (float) r.nextDouble(), 1f};
                    tokens.add(Token.patch(v, f, row, col));
                }
            }
            frames.add(new EncodedFrame(f, f * 100L, tokens, null, null, -1, 0));
        }
        return new EncodedVideo(
                "test", "test", ROWS, COLS, 3, frames, List.of(), List.of(), List.of(), List.of(),
                false, 0);
    }

    @ParameterizedTest
    @ValueSource(longs = {0, 1, 6, 7, 13, 20, 21, 47, 139, 140})
    void shouldKeepExactlyTheGivenTotal(long total) {
        EncodedVideo v = video();
        MethodRun pool = new GridPoolingBaseline(CHAIN, total).run(v, Progress.none());
        MethodRun frames = new FrameSubsamplingBaseline(CHAIN, total).run(v, Progress.none());
        assertThat(pool.totalTokens()).isEqualTo(total);
        assertThat(frames.totalTokens()).isEqualTo(total);
        for (FrameOutput f : pool.frames()) {
            assertThat(f.kept().size())
                    .isBetween((int) (total / FRAMES), (int) ((total + FRAMES - 1) / FRAMES));
            assertThat(f.provenance().outputs()).isEqualTo(f.kept().size());
        }
    }

    @Test
    void shouldKeepWholeEvenlySpacedFramesWhenSubsampling() {
        EncodedVideo video = video();
        MethodRun run =
                new FrameSubsamplingBaseline(CHAIN, 2L * ROWS * COLS).run(video, Progress.none());
        List<Integer> whole = new ArrayList<>();
        for (int f = 0; f < FRAMES; f++) {
            int n = run.frames().get(f).kept().size();
            assertThat(n).isIn(0, ROWS * COLS);
            if (n > 0) {
                whole.add(f);
            }
        }
        // 2 slots over 7 frames: centres of [0, 3.5) and [3.5, 7)
        assertThat(whole).containsExactly(1, 5);
        assertThat(run.frames().get(1).kept()).isEqualTo(video.frames().get(1).tokens());
    }

    @Test
    void shouldSplitTheGridIntoExactlyNNonEmptyCells() {
        for (int n = 1; n <= 14 * 14; n++) {
            int[] cell = UniformCells.assign(14, 14, n);
            int[] count = new int[n];
            for (int c : cell) {
                count[c]++;
            }
            for (int c = 0; c < n; c++) {
                assertThat(count[c]).as("cell %d of %d", c, n).isPositive();
            }
        }
        int[] four = UniformCells.assign(14, 14, 4);
        assertThat(four[0]).isEqualTo(0);
        assertThat(four[6]).isEqualTo(0);
        assertThat(four[7]).isEqualTo(1);
        assertThat(four[7 * 14]).isEqualTo(2);
        assertThat(four[14 * 14 - 1]).isEqualTo(3);
    }

    @Test
    void shouldMapPixelBoxesOntoTheGrid() {
        assertThat(EventMapping.cell(0, 640, 14)).isZero();
        assertThat(EventMapping.cell(639, 640, 14)).isEqualTo(13);
        assertThat(EventMapping.cell(320, 640, 14)).isEqualTo(7);
        assertThat(EventMapping.cell(319, 640, 14)).isEqualTo(6);
    }

    @Test
    void shouldSpreadNeedlesOverTheVideoDeterministically() {
        int[] a = NeedlePlan.positions(4, 100, 5);
        assertThat(a).hasSize(4).isSorted();
        assertThat(a[0]).isBetween(1, 25);
        assertThat(a[3]).isBetween(75, 99);
        assertThat(NeedlePlan.positions(4, 100, 5)).isEqualTo(a);
        assertThat(NeedlePlan.positions(3, 2, 5)).containsExactly(1);
    }
}
