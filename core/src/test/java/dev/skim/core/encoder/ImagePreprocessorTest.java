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

    @Test
    void shouldResizeAndNormaliseInOnePassAsResizingThenNormalisingWould() {
        // a noisy 37x23 frame down to 16x12 (stretched and centre-cropped), both layouts, with a
        // normalisation of different scales per channel
        java.util.Random random = new java.util.Random(7);
        byte[] rgb = new byte[37 * 23 * 3];
        random.nextBytes(rgb);
        RgbImage image = new RgbImage(37, 23, rgb);
        Rgb mean = new Rgb(0.485f, 0.456f, 0.406f);
        Rgb std = new Rgb(0.229f, 0.224f, 0.225f);
        for (ResizeMode mode : ResizeMode.values()) {
            for (InputLayout layout : InputLayout.values()) {
                DjlEncoderConfig c =
                        config(16, 12)
                                .optResize(mode)
                                .optInputLayout(layout)
                                .optNormalize(mean, std)
                                .build();

                float[] tensor = new ImagePreprocessor(c).toTensor(List.of(image, image));

                float cropW = mode == ResizeMode.STRETCH ? 37 : 23 * 16f / 12;
                float[] resized =
                        BilinearResize.toRgbFloats(
                                image,
                                new BilinearResize.Crop((37 - cropW) / 2, 0, cropW, 23),
                                16,
                                12);
                int plane = 16 * 12;
                for (int n = 0; n < 2; n++) {
                    for (int p = 0; p < plane; p++) {
                        for (int ch = 0; ch < 3; ch++) {
                            float expected =
                                    (resized[p * 3 + ch] / 255f - mean.get(ch)) / std.get(ch);
                            int at =
                                    n * plane * 3
                                            + (layout == InputLayout.NCHW
                                                    ? ch * plane + p
                                                    : p * 3 + ch);
                            assertThat(tensor[at])
                                    .as(
                                            "%s %s image %d pixel %d channel %d",
                                            mode, layout, n, p, ch)
                                    .isCloseTo(expected, within(1e-4f));
                        }
                    }
                }
            }
        }
    }
}
