package dev.skim.core.encoder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.skim.core.tokens.Token;
import dev.skim.core.tokens.TokenGrid;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class MobileNetV2EncoderTest {

    /**
     * block_10_expand_relu of the ORIGINAL nsfwjs model run by TF.js (tools/model-converter, {@code
     * node golden.js frames/vtest-200.ppm}) on the same frame, input RGB / 255: {row, col, channel,
     * value}. The ONNX conversion differs from TF.js by at most 1.7e-5 here.
     */
    private static final double[][] GOLDEN = {
        {0, 0, 226, 5.7535505294799805},
        {0, 0, 17, 0.15584829449653625},
        {0, 0, 200, 1.1961091756820679},
        {3, 5, 165, 3.3926944732666016},
        {3, 5, 17, 0},
        {3, 5, 200, 1.0214241743087769},
        {7, 7, 17, 3.4759557247161865},
        {7, 7, 200, 1.5473308563232422},
        {10, 2, 122, 2.858461856842041},
        {10, 2, 17, 0.9565545320510864},
        {10, 2, 200, 1.2922369241714478},
        {13, 13, 355, 4.661140441894531},
        {13, 13, 17, 0},
        {13, 13, 200, 0.8543297648429871},
    };

    private static final double[] GOLDEN_POOLED_HEAD = {
        1.11169515990139, 0.7684717616398947, 0.25975615399585533, 0.9469964977125729,
        0.7594800916528903, 0.29053543751812244, 0.473160976487003, 1.0691094155594403
    };

    /** Well above the measured conversion error, well below any range or layout mistake. */
    private static final double TOLERANCE = 1e-4;

    private static DjlFrameEncoder encoder;
    private static RgbImage frame;

    @BeforeAll
    static void open() {
        encoder = Encoders.mobilenetV2();
        frame = TestImages.ppmResource("/encoder/vtest-200.ppm");
    }

    @AfterAll
    static void close() {
        encoder.close();
    }

    @Test
    void shouldProduceA14x14GridOf384dTokens() {
        TokenGrid grid = encoder.encode(frame);

        assertThat(encoder.id()).isEqualTo("mobilenetv2-nsfwjs440-block10");
        assertThat(List.of(encoder.rows(), encoder.cols(), encoder.dim()))
                .containsExactly(14, 14, 384);
        assertThat(grid.encoderId()).isEqualTo(encoder.id());
        assertThat(grid.tokens()).hasSize(196);
        assertThat(grid.dim()).isEqualTo(384);
        assertThat(grid.pooled()).hasSize(384);
        assertThat(grid.attention()).isNull();
    }

    @Test
    void shouldMatchTheOriginalModelsGoldenValuesWithInputInZeroToOne() {
        TokenGrid grid = encoder.encode(frame);

        for (double[] g : GOLDEN) {
            float actual = grid.at((int) g[0], (int) g[1]).vector()[(int) g[2]];
            assertThat((double) actual)
                    .as("token (%d,%d) channel %d", (int) g[0], (int) g[1], (int) g[2])
                    .isCloseTo(g[3], within(TOLERANCE));
        }
        for (int d = 0; d < GOLDEN_POOLED_HEAD.length; d++) {
            assertThat((double) grid.pooled()[d])
                    .isCloseTo(GOLDEN_POOLED_HEAD[d], within(TOLERANCE));
        }
    }

    @Test
    void shouldGiveThePooledVectorAsTheMeanOfTheTokens() {
        TokenGrid grid = encoder.encode(frame);

        float[] mean = new float[384];
        for (Token t : grid.tokens()) {
            for (int d = 0; d < 384; d++) {
                mean[d] += t.vector()[d] / 196f;
            }
        }
        for (int d = 0; d < 384; d++) {
            assertThat(grid.pooled()[d]).isCloseTo(mean[d], within(1e-4f));
        }
    }

    @Test
    void shouldGiveTheSameTokensInABatchAsOneByOne() {
        List<RgbImage> images =
                List.of(
                        frame,
                        TestImages.pattern(320, 240, 7),
                        TestImages.uniform(50, 80, 9, 200, 30));

        List<TokenGrid> batch = encoder.encodeBatch(images);

        assertThat(batch).hasSize(3);
        for (int i = 0; i < images.size(); i++) {
            TokenGrid alone = encoder.encode(images.get(i));
            for (int t = 0; t < 196; t++) {
                float[] a = alone.tokens().get(t).vector();
                float[] b = batch.get(i).tokens().get(t).vector();
                for (int d = 0; d < 384; d++) {
                    assertThat(b[d]).isCloseTo(a[d], within(1e-5f));
                }
            }
        }
    }

    @Test
    void shouldPlaceTwoViewsOfOnePictureCloserThanTwoDifferentPictures() {
        TokenGrid original = encoder.encode(frame);
        TokenGrid view = encoder.encode(TestImages.shiftedAndDimmed(frame, 3, 0.85f));
        TokenGrid other = encoder.encode(TestImages.pattern(224, 224, 11));

        double sameView = cosine(original.pooled(), view.pooled());
        double different = cosine(original.pooled(), other.pooled());

        assertThat(sameView).isGreaterThan(0.95);
        assertThat(sameView).isGreaterThan(different + 0.1);
        assertThat(meanTokenCosine(original, view)).isGreaterThan(meanTokenCosine(original, other));
    }

    private static double meanTokenCosine(TokenGrid a, TokenGrid b) {
        double sum = 0;
        for (int t = 0; t < a.tokens().size(); t++) {
            sum += cosine(a.tokens().get(t).vector(), b.tokens().get(t).vector());
        }
        return sum / a.tokens().size();
    }

    private static double cosine(float[] a, float[] b) {
        double dot = 0;
        double na = 0;
        double nb = 0;
        for (int i = 0; i < a.length; i++) {
            dot += a[i] * b[i];
            na += a[i] * a[i];
            nb += b[i] * b[i];
        }
        return dot / Math.sqrt(na * nb + 1e-12);
    }
}
