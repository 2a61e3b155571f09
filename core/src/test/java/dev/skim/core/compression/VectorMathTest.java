package dev.skim.core.compression;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class VectorMathTest {

    @Test
    void shouldGiveTheCosineOfTwoVectors() {
        float[] a = {1f, 2f, 3f, 4f, 5f};
        float[] b = {2f, 4f, 6f, 8f, 10f};
        assertThat(VectorMath.cosine(a, b)).isCloseTo(1f, within(1e-6f));
        assertThat(VectorMath.cosine(new float[] {1f, 0f}, new float[] {0f, 3f})).isZero();
        assertThat(VectorMath.cosine(new float[] {1f, 1f}, new float[] {-2f, -2f}))
                .isCloseTo(-1f, within(1e-6f));
        assertThat(VectorMath.dot(a, b)).isEqualTo(110f);
        assertThat(VectorMath.norm(new float[] {3f, 4f})).isEqualTo(5f);
    }

    @Test
    void shouldTreatAZeroVectorAsHavingNoDirection() {
        assertThat(VectorMath.cosine(new float[3], new float[] {1f, 2f, 3f})).isZero();
        assertThat(VectorMath.unit(new float[3])).containsExactly(0f, 0f, 0f);
        assertThat(VectorMath.unit(new float[] {0f, 2f})).containsExactly(0f, 1f);
    }

    @Test
    void shouldRejectVectorsOfDifferentLengths() {
        assertThatThrownBy(() -> VectorMath.dot(new float[2], new float[3]))
                .hasMessage("vectors of length 2 and 3");
        assertThatThrownBy(() -> VectorMath.cosine(new float[2], new float[3]))
                .hasMessage("vectors of length 2 and 3");
        assertThatThrownBy(() -> VectorMath.addScaled(new float[2], new float[3], 1f))
                .hasMessage("vectors of length 2 and 3");
    }

    @Test
    void shouldRankTheLargestValuesFirstWithTiesToTheLowerIndex() {
        assertThat(VectorMath.topIndices(new float[] {0.5f, 2f, -1f, 2f, 0f}, 3))
                .containsExactly(1, 3, 0);
        assertThat(VectorMath.topIndices(new float[] {1f}, 4)).containsExactly(0);
    }
}
