package dev.skim.core.tagging;

import dev.skim.core.encoder.RgbImage;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.Random;
import javax.imageio.ImageIO;

/** Frames for the NanoDet tests: JPEG resources decoded by ImageIO, plain and noisy images. */
final class NanoDetImages {

    private NanoDetImages() {}

    static RgbImage jpegResource(String resource) {
        try (InputStream in = NanoDetImages.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("test resource not found: " + resource);
            }
            BufferedImage image = ImageIO.read(in);
            int w = image.getWidth();
            int h = image.getHeight();
            byte[] rgb = new byte[w * h * 3];
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    int p = image.getRGB(x, y);
                    int o = (y * w + x) * 3;
                    rgb[o] = (byte) (p >> 16);
                    rgb[o + 1] = (byte) (p >> 8);
                    rgb[o + 2] = (byte) p;
                }
            }
            return new RgbImage(w, h, rgb);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static RgbImage plain(int width, int height, int value) {
        byte[] rgb = new byte[width * height * 3];
        Arrays.fill(rgb, (byte) value);
        return new RgbImage(width, height, rgb);
    }

    static RgbImage noise(int width, int height, long seed) {
        byte[] rgb = new byte[width * height * 3];
        new Random(seed).nextBytes(rgb);
        return new RgbImage(width, height, rgb);
    }
}
