package dev.skim.compressor.window;

import static org.assertj.core.api.Assertions.assertThat;

import dev.skim.core.encoder.RgbImage;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

class ThumbnailsTest {

    /** Left half red, right half blue, with a one-pixel green line down the middle. */
    private static RgbImage halves(int w, int h) {
        byte[] rgb = new byte[w * h * 3];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int p = (y * w + x) * 3;
                if (x == w / 2) {
                    rgb[p + 1] = (byte) 255;
                } else if (x < w / 2) {
                    rgb[p] = (byte) 255;
                } else {
                    rgb[p + 2] = (byte) 255;
                }
            }
        }
        return new RgbImage(w, h, rgb);
    }

    @Test
    void shouldScaleTheLongestSideToTheLimitAndKeepTheColours() throws Exception {
        SlowFrame.Thumbnail t = new Thumbnails(320, 0.9f).of(halves(768, 576));

        assertThat(t.width()).isEqualTo(320);
        assertThat(t.height()).isEqualTo(240);
        BufferedImage img = ImageIO.read(new ByteArrayInputStream(t.jpeg()));
        assertThat(img.getWidth()).isEqualTo(320);
        assertThat(img.getHeight()).isEqualTo(240);
        int left = img.getRGB(40, 120);
        int right = img.getRGB(280, 120);
        assertThat(left >> 16 & 0xFF).isGreaterThan(220);
        assertThat(left & 0xFF).isLessThan(40);
        assertThat(right & 0xFF).isGreaterThan(220);
        assertThat(right >> 16 & 0xFF).isLessThan(40);
    }

    @Test
    void shouldKeepAKeyframeOfALargeNoisyFrameAtFullQualityUnderItsByteLimit() throws Exception {
        // 1920x1080 of pure noise at quality 1.0 and no size limit: several MB as asked
        byte[] rgb = new byte[1920 * 1080 * 3];
        new java.util.SplittableRandom(3).nextBytes(rgb);

        SlowFrame.Thumbnail t = new Thumbnails(4096, 1f).of(new RgbImage(1920, 1080, rgb));

        assertThat(t.jpeg().length).isLessThanOrEqualTo(Thumbnails.MAX_BYTES);
        assertThat(t.width()).isGreaterThanOrEqualTo(240);
        BufferedImage img = ImageIO.read(new ByteArrayInputStream(t.jpeg()));
        assertThat(img.getWidth()).isEqualTo(t.width());
        assertThat(img.getHeight()).isEqualTo(t.height());
    }

    @Test
    void shouldNeverScaleUp() throws Exception {
        SlowFrame.Thumbnail t = new Thumbnails(320, 0.7f).of(halves(100, 50));

        assertThat(t.width()).isEqualTo(100);
        assertThat(t.height()).isEqualTo(50);
        assertThat(ImageIO.read(new ByteArrayInputStream(t.jpeg())).getWidth()).isEqualTo(100);
    }

    @Test
    void shouldAverageTheSourcePixelsItsBoxCovers() throws Exception {
        // a 1-pixel line in a 2x downscale ends up as half its intensity, not dropped or kept
        SlowFrame.Thumbnail t = new Thumbnails(64, 1f).of(lines(128, 128));
        BufferedImage img = ImageIO.read(new ByteArrayInputStream(t.jpeg()));
        int g = img.getRGB(32, 32) >> 8 & 0xFF;
        assertThat(g).isBetween(100, 155);
    }

    /** White on every even column, black on odd ones. */
    private static RgbImage lines(int w, int h) {
        byte[] rgb = new byte[w * h * 3];
        for (int p = 0; p < w * h; p++) {
            if ((p % w) % 2 == 0) {
                rgb[p * 3] = rgb[p * 3 + 1] = rgb[p * 3 + 2] = (byte) 255;
            }
        }
        return new RgbImage(w, h, rgb);
    }
}
