package dev.skim.core.encoder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.skim.core.encoder.DjlEncoderConfig.InputLayout;
import dev.skim.core.encoder.DjlEncoderConfig.OutputLayout;
import dev.skim.core.encoder.DjlEncoderConfig.ResizeMode;
import dev.skim.core.encoder.DjlEncoderConfig.Rgb;
import dev.skim.core.encoder.DjlEncoderConfig.ValueRange;
import java.util.List;
import org.junit.jupiter.api.Test;

class ImagePreprocessorTest {

    private static DjlEncoderConfig.Builder config(int w, int h) {
        return DjlEncoderConfig.builder()
                .setId("t")
                .setModel("unused.onnx")
                .setTokensOutput("0", OutputLayout.FEATURE_MAP_NCHW)
                .optInputSize(w, h);
    }

    @Test
    void shouldLayOutChannelsAsPlanesForNchwAndInterleavedForNhwc() {
        RgbImage image = TestImages.uniform(2, 2, 255, 0, 51);

        float[] nchw = new ImagePreprocessor(config(2, 2).build()).toTensor(List.of(image));
        float[] nhwc =
                new ImagePreprocessor(config(2, 2).optInputLayout(InputLayout.NHWC).build())
                        .toTensor(List.of(image));

        assertThat(nchw)
                .containsExactly(
                        new float[] {1f, 1f, 1f, 1f, 0f, 0f, 0f, 0f, 0.2f, 0.2f, 0.2f, 0.2f},
                        within(1e-6f));
        assertThat(nhwc)
                .containsExactly(
                        new float[] {1f, 0f, 0.2f, 1f, 0f, 0.2f, 1f, 0f, 0.2f, 1f, 0f, 0.2f},
                        within(1e-6f));
        assertThat(new ImagePreprocessor(config(3, 2).build()).shape(5))
                .containsExactly(5, 3, 2, 3);
    }

    @Test
    void shouldMapTheValueRangeThenNormaliseWithMeanAndStd() {
        RgbImage image = TestImages.uniform(1, 1, 255, 0, 51);

        float[] symmetric =
                new ImagePreprocessor(config(1, 1).optValueRange(ValueRange.SYMMETRIC).build())
                        .toTensor(List.of(image));
        float[] normalised =
                new ImagePreprocessor(
                                config(1, 1)
                                        .optNormalize(
                                                new Rgb(0.5f, 0.5f, 0.1f),
                                                new Rgb(0.25f, 0.5f, 0.1f))
                                        .build())
                        .toTensor(List.of(image));

        assertThat(symmetric[0]).isCloseTo(1f, within(1e-6f));
        assertThat(symmetric[1]).isCloseTo(-1f, within(1e-6f));
        assertThat(symmetric[2]).isCloseTo(-0.6f, within(1e-6f));
        assertThat(normalised[0]).isCloseTo(2f, within(1e-5f));
        assertThat(normalised[1]).isCloseTo(-1f, within(1e-5f));
        assertThat(normalised[2]).isCloseTo(1f, within(1e-5f));
    }

    @Test
    void shouldCropTheCentreKeepingTheAspectRatio() {
        // 12x4: a white 4x4 centre between two black 4x4 sides
        RgbImage image = TestImages.withRect(12, 4, 4, 0, 8, 4, 255, 255, 255);

        float[] cropped =
                new ImagePreprocessor(config(4, 4).optResize(ResizeMode.CENTER_CROP).build())
                        .toTensor(List.of(image));
        float[] stretched = new ImagePreprocessor(config(4, 4).build()).toTensor(List.of(image));

        for (float v : cropped) {
            assertThat(v).isEqualTo(1f);
        }
        assertThat(stretched[0]).isZero(); // the stretched frame keeps the black left edge
    }
}
