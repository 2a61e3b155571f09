package dev.skim.core.encoder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.skim.core.tokens.Token;
import dev.skim.core.tokens.TokenGrid;
import java.util.List;
import org.junit.jupiter.api.Test;

class ClassicalPatchEncoderTest {

    private final ClassicalPatchEncoder encoder = new ClassicalPatchEncoder();

    @Test
    void shouldDescribeItsDefaultGridAndDimension() {
        assertThat(encoder.id()).isEqualTo("classical-v1-14x14");
        assertThat(encoder.rows()).isEqualTo(14);
        assertThat(encoder.cols()).isEqualTo(14);
        assertThat(encoder.dim()).isEqualTo(30);
    }

    @Test
    void shouldGiveIdenticalTokensForAUniformImage() {
        TokenGrid grid = encoder.encode(TestImages.uniform(320, 240, 51, 102, 204));

        assertThat(grid.rows()).isEqualTo(14);
        assertThat(grid.tokens()).hasSize(196);
        float[] first = grid.tokens().get(0).vector();
        for (Token token : grid.tokens()) {
            assertThat(token.vector()).containsExactly(first);
        }
        // means, zero std, zero gradients, DC = mean luma, no AC energy
        assertThat(first[0]).isCloseTo(0.2f, within(1e-6f));
        assertThat(first[1]).isCloseTo(0.4f, within(1e-6f));
        assertThat(first[2]).isCloseTo(0.8f, within(1e-6f));
        for (int i = 3; i < 14; i++) {
            assertThat(first[i]).isCloseTo(0f, within(1e-6f));
        }
        float luma = (0.299f * 51 + 0.587f * 102 + 0.114f * 204) / 255f;
        assertThat(first[14]).isCloseTo(luma, within(1e-5f));
        for (int i = 15; i < 30; i++) {
            assertThat(first[i]).isCloseTo(0f, within(1e-5f));
        }
    }

    @Test
    void shouldPutARedSquareInTheRightPatch() {
        // patch (row 3, col 5) covers x 80..95, y 48..63 of a 224x224 frame
        TokenGrid grid = encoder.encode(TestImages.withRect(224, 224, 80, 48, 96, 64, 255, 0, 0));

        for (int r = 0; r < 14; r++) {
            for (int c = 0; c < 14; c++) {
                float[] v = grid.at(r, c).vector();
                float expectedRed = (r == 3 && c == 5) ? 1f : 0f;
                assertThat(v[0]).as("mean red at (%d,%d)", r, c).isEqualTo(expectedRed);
                assertThat(v[1]).isZero();
                assertThat(v[2]).isZero();
            }
        }
        assertThat(grid.at(3, 5).row()).isEqualTo(3f);
        assertThat(grid.at(3, 5).col()).isEqualTo(5f);
    }

    @Test
    void shouldVoteAVerticalEdgeIntoTheHorizontalGradientBin() {
        // a white right half: luma grows along x at x = 112, the border of columns 6 and 7
        TokenGrid grid =
                encoder.encode(TestImages.withRect(224, 224, 112, 0, 224, 224, 255, 255, 255));

        float[] edge = grid.at(5, 6).vector();
        assertThat(edge[6]).isGreaterThan(0f);
        for (int bin = 7; bin < 14; bin++) {
            assertThat(edge[bin]).isZero();
        }
        float[] flat = grid.at(5, 2).vector();
        for (int bin = 6; bin < 14; bin++) {
            assertThat(flat[bin]).isZero();
        }
    }

    @Test
    void shouldBeDeterministicAndGiveTheSameTokensInABatchAsAlone() {
        RgbImage a = TestImages.pattern(300, 200, 1);
        RgbImage b = TestImages.pattern(300, 200, 2);

        List<TokenGrid> batch = encoder.encodeBatch(List.of(a, b));
        TokenGrid again = new ClassicalPatchEncoder().encode(b);

        assertThat(batch).hasSize(2);
        for (int i = 0; i < 196; i++) {
            assertThat(batch.get(0).tokens().get(i).vector())
                    .containsExactly(encoder.encode(a).tokens().get(i).vector());
            assertThat(batch.get(1).tokens().get(i).vector())
                    .containsExactly(again.tokens().get(i).vector());
        }
    }

    @Test
    void shouldNormaliseToUnitLengthWhenAsked() {
        ClassicalPatchEncoder normalised =
                new ClassicalPatchEncoder(
                        ClassicalPatchEncoder.Config.defaults()
                                .withGrid(7, 5)
                                .withL2Normalize(true));

        TokenGrid grid = normalised.encode(TestImages.pattern(160, 120, 3));

        assertThat(normalised.id()).isEqualTo("classical-v1-7x5-l2");
        assertThat(grid.tokens()).hasSize(35);
        for (Token token : grid.tokens()) {
            double sumSq = 0;
            for (float x : token.vector()) {
                sumSq += x * x;
            }
            assertThat(Math.sqrt(sumSq)).isCloseTo(1.0, within(1e-5));
        }
    }

    @Test
    void shouldNameNonDefaultDescriptorSizesInItsId() {
        ClassicalPatchEncoder custom =
                new ClassicalPatchEncoder(new ClassicalPatchEncoder.Config(7, 7, 32, 12, 6, true));

        assertThat(custom.id()).isEqualTo("classical-v1-7x7-p32-o12-d6-l2");
        assertThat(custom.dim()).isEqualTo(6 + 12 + 36);
        assertThat(custom.encode(TestImages.pattern(90, 90, 4)).tokens()).hasSize(49);
    }

    @Test
    void shouldRejectADctBandLargerThanThePatch() {
        assertThatThrownBy(() -> new ClassicalPatchEncoder.Config(14, 14, 4, 8, 5, false))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("dctBand 5 exceeds patchSize 4");
    }
}
