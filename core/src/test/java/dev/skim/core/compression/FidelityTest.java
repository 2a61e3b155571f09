package dev.skim.core.compression;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.skim.core.tokens.Precision;
import dev.skim.core.tokens.Token;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class FidelityTest {

    private static List<Token> axes(int n) {
        List<float[]> v = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            float[] x = new float[n];
            x[i] = 2f;
            v.add(x);
        }
        return Fixtures.strip(0, v);
    }

    @Test
    void shouldMeasureFullCoverageForTheIdentityAndAShareForASubset() {
        List<Token> in = axes(4);
        assertThat(Fidelity.coverage(in, in)).isCloseTo(1.0, within(1e-6));
        assertThat(Fidelity.coverage(in, in.subList(0, 1))).isCloseTo(0.25, within(1e-6));
        assertThat(Fidelity.coverage(in, List.of())).isZero();
    }

    @Test
    void shouldMeasureReconstructionErrorThroughProvenance() {
        List<Token> in = axes(4);
        assertThat(Fidelity.reconstructionError(in, in, Provenance.identity(4))).isZero();
        Compressed pick = new DivPrune(2).apply(in, OperatorContext.of(1, 4));
        // Two kept exactly, two not covered at all (error 1 each).
        assertThat(Fidelity.reconstructionError(in, pick.tokens(), pick.provenance()))
                .isCloseTo(0.5, within(1e-6));
        Compressed mean = new OnePerFrame(false).apply(in, OperatorContext.of(1, 4));
        // x = 2 e_i, x^ = (0.5, 0.5, 0.5, 0.5): |x - x^| = sqrt(1.5^2 + 3 * 0.25) = sqrt(3).
        assertThat(Fidelity.reconstructionError(in, mean.tokens(), mean.provenance()))
                .isCloseTo(Math.sqrt(3) / 2, within(1e-6));
    }

    @Test
    void shouldReconstructAConstantGridExactlyAfterPooling() {
        List<Token> in = Fixtures.grid(0, 4, 4, (r, c) -> Fixtures.constant(3, 1f));
        Compressed out = new GridPool(2).apply(in, OperatorContext.of(4, 4));
        assertThat(Fidelity.reconstructionError(in, out.tokens(), out.provenance())).isZero();
        assertThat(Fidelity.compressionRatio(in.size(), out.tokens().size())).isEqualTo(4.0);
    }

    @Test
    void shouldCountVectorBytesPerFrame() {
        assertThat(Fidelity.bytesPerFrame(64, 384, Precision.FP16, 1)).isEqualTo(49152.0);
        assertThat(Fidelity.bytesPerFrame(64, 384, Precision.INT8, 2)).isEqualTo(12416.0);
    }

    @Test
    void shouldRankANeedleAndReportTheTimeError() {
        List<Token> stored = new ArrayList<>();
        for (int t = 0; t < 10; t++) {
            stored.addAll(Fixtures.randomGrid(t, 2, 2, 16, 100 + t));
        }
        float[] needle = stored.get(7 * 4 + 2).vector();
        Fidelity.Needle hit = Fidelity.needle(stored, needle, 7);
        assertThat(hit.rank()).isEqualTo(1);
        assertThat(hit.hit()).isTrue();
        Fidelity.Needle miss = Fidelity.needle(stored, needle, 4);
        assertThat(miss.hit()).isFalse();
        assertThat(miss.frameError()).isEqualTo(3);
        assertThat(Fidelity.recallAt1(List.of(hit, miss))).isEqualTo(0.5);
    }

    @Test
    void shouldCountAnEventOnlyWhenAKeptTokenIsMostlyAboutIt() {
        List<Token> in = new ArrayList<>();
        for (int t = 0; t < 3; t++) {
            in.addAll(Fixtures.randomGrid(t, 4, 4, 8, t));
        }
        Fidelity.Event event = new Fidelity.Event(1, 1, 0, 1, 0, 1);
        Compressed pooled = new GridPool(2).apply(in, OperatorContext.of(4, 4));
        assertThat(Fidelity.eventRecall(in, pooled.provenance(), List.of(event), 0.5))
                .isEqualTo(1.0);
        Compressed frames = new OnePerFrame(false).apply(in, OperatorContext.of(4, 4));
        assertThat(Fidelity.eventRecall(in, frames.provenance(), List.of(event), 0.5)).isZero();
        assertThat(Fidelity.eventRecall(in, frames.provenance(), List.of(event), 0.0))
                .isEqualTo(1.0);
        Compressed firstOnly = new FrameGate(2f).apply(in, OperatorContext.of(4, 4));
        assertThat(Fidelity.eventRecall(in, firstOnly.provenance(), List.of(event), 0.0)).isZero();
    }
}
