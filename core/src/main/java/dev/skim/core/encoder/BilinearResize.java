package dev.skim.core.encoder;

/**
 * Bilinear resampling of an {@link RgbImage} to float planes, pixel centres aligned (the
 * "half-pixel" convention of OpenCV {@code INTER_LINEAR} and TF {@code half_pixel_centers}). A
 * same-size resize returns the pixels unchanged, which keeps hand-checkable tests exact.
 */
final class BilinearResize {

    private BilinearResize() {}

    /**
     * Resizes to {@code width x height} and returns interleaved RGB floats in 0..255, row-major, 3
     * values a pixel.
     */
    static float[] toRgbFloats(RgbImage image, int width, int height) {
        float[] out = new float[width * height * 3];
        int sw = image.width();
        int sh = image.height();
        byte[] src = image.rgb();
        if (sw == width && sh == height) {
            for (int i = 0; i < out.length; i++) {
                out[i] = src[i] & 0xFF;
            }
            return out;
        }
        float sx = (float) sw / width;
        float sy = (float) sh / height;
        for (int y = 0; y < height; y++) {
            float fy = Math.max(0f, (y + 0.5f) * sy - 0.5f);
            int y0 = Math.min((int) fy, sh - 1);
            int y1 = Math.min(y0 + 1, sh - 1);
            float wy = fy - y0;
            for (int x = 0; x < width; x++) {
                float fx = Math.max(0f, (x + 0.5f) * sx - 0.5f);
                int x0 = Math.min((int) fx, sw - 1);
                int x1 = Math.min(x0 + 1, sw - 1);
                float wx = fx - x0;
                int o = (y * width + x) * 3;
                for (int c = 0; c < 3; c++) {
                    float p00 = src[(y0 * sw + x0) * 3 + c] & 0xFF;
                    float p01 = src[(y0 * sw + x1) * 3 + c] & 0xFF;
                    float p10 = src[(y1 * sw + x0) * 3 + c] & 0xFF;
                    float p11 = src[(y1 * sw + x1) * 3 + c] & 0xFF;
                    float top = p00 + (p01 - p00) * wx;
                    float bottom = p10 + (p11 - p10) * wx;
                    out[o + c] = top + (bottom - top) * wy;
                }
            }
        }
        return out;
    }
}
