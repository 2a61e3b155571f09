package dev.skim.core.encoder;

import java.util.Objects;

/**
 * Decoded pixels: 8-bit RGB, row-major, 3 bytes a pixel, no padding.
 *
 * @param width pixels per row
 * @param height rows
 * @param rgb width*height*3 bytes
 */
public record RgbImage(int width, int height, byte[] rgb) {
    public RgbImage {
        Objects.requireNonNull(rgb, "rgb");
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException(
                    "image size must be positive, was " + width + "x" + height);
        }
        if (rgb.length != width * height * 3) {
            throw new IllegalArgumentException(
                    "a "
                            + width
                            + "x"
                            + height
                            + " RGB image needs "
                            + width * height * 3
                            + " bytes, got "
                            + rgb.length);
        }
    }

    /** The pixels of a Java image of any type (through its sRGB values). */
    public static RgbImage fromImage(java.awt.image.BufferedImage img) {
        int w = img.getWidth();
        int h = img.getHeight();
        int[] argb = img.getRGB(0, 0, w, h, null, 0, w);
        byte[] rgb = new byte[w * h * 3];
        for (int i = 0; i < argb.length; i++) {
            rgb[3 * i] = (byte) (argb[i] >> 16);
            rgb[3 * i + 1] = (byte) (argb[i] >> 8);
            rgb[3 * i + 2] = (byte) argb[i];
        }
        return new RgbImage(w, h, rgb);
    }

    /** Red, green and blue of pixel (x, y), each 0..255. */
    public int red(int x, int y) {
        return rgb[(y * width + x) * 3] & 0xFF;
    }

    public int green(int x, int y) {
        return rgb[(y * width + x) * 3 + 1] & 0xFF;
    }

    public int blue(int x, int y) {
        return rgb[(y * width + x) * 3 + 2] & 0xFF;
    }
}
