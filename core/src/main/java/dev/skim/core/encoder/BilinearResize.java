package dev.skim.core.encoder;

/**
 * Bilinear resampling of an {@link RgbImage} (or a rectangle of it) to float pixels, pixel centres
 * aligned (the "half-pixel" convention of OpenCV {@code INTER_LINEAR} and TF {@code
 * half_pixel_centers}). A same-size resize of the whole image returns the pixels unchanged, which
 * keeps hand-checkable tests exact. No antialiasing: strong downscales alias.
 */
final class BilinearResize {

    private BilinearResize() {}

    /**
     * Resizes the whole image to {@code width x height} and returns interleaved RGB floats in
     * 0..255, row-major, 3 values a pixel.
     */
    static float[] toRgbFloats(RgbImage image, int width, int height) {
        return toRgbFloats(image, 0, 0, image.width(), image.height(), width, height);
    }

    /** As {@link #toRgbFloats(RgbImage, int, int)}, from the source rectangle given in pixels. */
    static float[] toRgbFloats(
            RgbImage image,
            float cropX,
            float cropY,
            float cropWidth,
            float cropHeight,
            int width,
            int height) {
        float[] out = new float[width * height * 3];
        int sw = image.width();
        int sh = image.height();
        byte[] src = image.rgb();
        if (cropX == 0
                && cropY == 0
                && cropWidth == sw
                && cropHeight == sh
                && sw == width
                && sh == height) {
            for (int i = 0; i < out.length; i++) {
                out[i] = src[i] & 0xFF;
            }
            return out;
        }
        float sx = cropWidth / width;
        float sy = cropHeight / height;
        // source columns and weights are the same for every row: compute them once
        int[] left = new int[width];
        int[] right = new int[width];
        float[] wxs = new float[width];
        for (int x = 0; x < width; x++) {
            float fx = clamp(cropX + (x + 0.5f) * sx - 0.5f, sw - 1);
            left[x] = (int) fx * 3;
            right[x] = Math.min((int) fx + 1, sw - 1) * 3;
            wxs[x] = fx - (int) fx;
        }
        for (int y = 0; y < height; y++) {
            float fy = clamp(cropY + (y + 0.5f) * sy - 0.5f, sh - 1);
            int y0 = (int) fy;
            int row0 = y0 * sw * 3;
            int row1 = Math.min(y0 + 1, sh - 1) * sw * 3;
            float wy = fy - y0;
            int o = y * width * 3;
            for (int x = 0; x < width; x++, o += 3) {
                int a = row0 + left[x];
                int b = row0 + right[x];
                int c = row1 + left[x];
                int d = row1 + right[x];
                float wx = wxs[x];
                for (int ch = 0; ch < 3; ch++) {
                    float p00 = src[a + ch] & 0xFF;
                    float p01 = src[b + ch] & 0xFF;
                    float p10 = src[c + ch] & 0xFF;
                    float p11 = src[d + ch] & 0xFF;
                    float top = p00 + (p01 - p00) * wx;
                    float bottom = p10 + (p11 - p10) * wx;
                    out[o + ch] = top + (bottom - top) * wy;
                }
            }
        }
        return out;
    }

    private static float clamp(float value, int max) {
        return Math.min(Math.max(value, 0f), max);
    }
}
