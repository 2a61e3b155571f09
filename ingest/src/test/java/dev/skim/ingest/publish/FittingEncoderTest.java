package dev.skim.ingest.publish;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.util.Random;
import org.junit.jupiter.api.Test;

class FittingEncoderTest {

    private static BufferedImage noise(int width, int height) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Random random = new Random(1);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                image.setRGB(x, y, random.nextInt(0xFFFFFF));
            }
        }
        return image;
    }

    @Test
    void shouldShrinkAFrameUntilItsRecordFitsTheRequestSize() {
        int maxRequestSize = 128 * 1024;
        try (FittingEncoder encoder = new FittingEncoder(maxRequestSize)) {
            FittingEncoder.Fit fit =
                    encoder.encode(
                            noise(1200, 900), MaxSize.UNLIMITED, 95, JpegEncoder.Encoded::data);
            assertThat(fit).isInstanceOf(FittingEncoder.Fitted.class);
            FittingEncoder.Fitted fitted = (FittingEncoder.Fitted) fit;
            assertThat(fitted.valueBytes())
                    .isLessThanOrEqualTo(maxRequestSize - FittingEncoder.REQUEST_OVERHEAD_BYTES);
            assertThat(fitted.width()).isLessThan(1200);
            assertThat((double) fitted.width() / fitted.height())
                    .isCloseTo(4.0 / 3.0, org.assertj.core.data.Offset.offset(0.02));
        }
    }

    @Test
    void shouldRejectWithAReasonWhenNothingFits() {
        try (FittingEncoder encoder = new FittingEncoder(64 * 1024)) {
            byte[] huge = new byte[200 * 1024];
            FittingEncoder.Fit fit =
                    encoder.encode(noise(64, 48), MaxSize.UNLIMITED, 85, jpeg -> huge);
            assertThat(fit).isInstanceOf(FittingEncoder.Rejected.class);
            assertThat(((FittingEncoder.Rejected) fit).reason()).contains("max.request.size");
        }
    }

    @Test
    void shouldKeepSmallFramesAsTheyAre() {
        try (FittingEncoder encoder = new FittingEncoder(1024 * 1024)) {
            FittingEncoder.Fit fit =
                    encoder.encode(
                            noise(320, 240), new MaxSize(640, 640), 85, JpegEncoder.Encoded::data);
            assertThat(fit)
                    .isInstanceOfSatisfying(
                            FittingEncoder.Fitted.class,
                            f -> {
                                assertThat(f.width()).isEqualTo(320);
                                assertThat(f.height()).isEqualTo(240);
                            });
        }
    }
}
