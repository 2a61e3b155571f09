package dev.skim.core.compression;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.skim.core.tokens.Token;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProvenanceTest {

    @Test
    void shouldComposePruneAfterPoolAsTheMatrixProduct() {
        Provenance pool =
                Provenance.builder(4)
                        .add(new int[] {0, 1}, new float[] {0.5f, 0.5f})
                        .add(new int[] {3, 2}, new float[] {0.25f, 0.75f})
                        .build();
        Provenance pick = Provenance.select(2, new int[] {1});
        Provenance both = pool.then(pick);
        assertThat(both.outputs()).isEqualTo(1);
        assertThat(both.inputs()).isEqualTo(4);
        assertThat(both.sources(0)).containsExactly(2, 3);
        assertThat(both.weights(0)).containsExactly(0.75f, 0.25f);
        assertThat(both.weight(0, 0)).isZero();
    }

    @Test
    void shouldSumOverlappingPathsWhenComposing() {
        Provenance first =
                Provenance.builder(2)
                        .add(new int[] {0}, new float[] {1f})
                        .add(new int[] {0, 1}, new float[] {0.5f, 0.5f})
                        .build();
        Provenance second =
                Provenance.builder(2).add(new int[] {0, 1}, new float[] {0.5f, 0.5f}).build();
        Provenance both = first.then(second);
        assertThat(both.weight(0, 0)).isCloseTo(0.75f, within(1e-6f));
        assertThat(both.weight(0, 1)).isCloseTo(0.25f, within(1e-6f));
        assertThat(both.rowSum(0)).isCloseTo(1f, within(1e-6f));
    }

    @Test
    void shouldRejectMismatchedComposition() {
        assertThatThrownBy(() -> Provenance.identity(3).then(Provenance.identity(2)))
                .hasMessageContaining("next takes 2 inputs, this has 3 outputs");
    }

    @Test
    void shouldRejectOutOfRangeAndDuplicateSources() {
        assertThatThrownBy(() -> Provenance.builder(2).add(new int[] {2}, new float[] {1f}))
                .hasMessageContaining("out of range");
        assertThatThrownBy(() -> Provenance.builder(2).add(new int[] {1, 1}, new float[] {1f, 1f}))
                .hasMessageContaining("duplicate");
    }

    @Test
    void shouldApplyAsWeightedMeanWithSummedSpans() {
        List<Token> in =
                List.of(
                        new Token(new float[] {2f, 0f}, 5, 0f, 0f, 1),
                        new Token(new float[] {0f, 4f}, 6, 2f, 2f, 3));
        Provenance w =
                Provenance.builder(2).add(new int[] {0, 1}, new float[] {0.25f, 0.75f}).build();
        Token t = w.apply(in).get(0);
        assertThat(t.vector()).containsExactly(0.5f, 3f);
        assertThat(t.row()).isCloseTo(1.5f, within(1e-6f));
        assertThat(t.span()).isEqualTo(4);
        assertThat(t.frame()).isEqualTo(5);
    }

    @Test
    void shouldMapEachInputToItsHeaviestOutput() {
        Provenance w =
                Provenance.builder(3)
                        .add(new int[] {0, 1}, new float[] {0.9f, 0.1f})
                        .add(new int[] {1}, new float[] {1f})
                        .build();
        assertThat(w.ownerOfEachInput()).containsExactly(0, 1, -1);
    }

    @Test
    void shouldCarryScalarsThroughW() {
        Provenance w =
                Provenance.builder(2).add(new int[] {0, 1}, new float[] {0.5f, 0.5f}).build();
        assertThat(w.applyScalar(new float[] {1f, 3f})).containsExactly(2f);
    }
}
