package dev.skim.core.encoder;

/**
 * Bilinear resampling of an {@link RgbImage} (or a rectangle of it) to float pixels, pixel centres
 * aligned (the "half-pixel" convention of OpenCV {@code INTER_LINEAR} and TF {@code
 * half_pixel_centers}). A same-size resize of the whole image returns the pixels unchanged, which
 * keeps hand-checkable tests exact. No antialiasing: strong downscales alias.
 */
public final class BilinearResize {

    private BilinearResize() {}

    /**
     * Resizes the whole image to {@code width x height} and returns interleaved RGB floats in
     * 0..255, row-major, 3 values a pixel. Public for the taggers' preprocessing.
     */
    public static float[] toRgbFloats(RgbImage image, int width, int height) {
        return toRgbFloats(image, Crop.whole(image), width, height);
    }

    /** As {@link #toRgbFloats(RgbImage, int, int)}, from a rectangle of the image. */
    static float[] toRgbFloats(RgbImage image, Crop crop, int width, int height) {
        float[] out = new float[width * height * 3];
        resize(
                image,
                crop,
                width,
                height,
                new Target(out, 0, 3, 1, IDENTITY_SCALE, IDENTITY_OFFSET));
        return out;
    }

    /** A source rectangle in pixels. */
    record Crop(float x, float y, float width, float height) {
        static Crop whole(RgbImage image) {
            return new Crop(0, 0, image.width(), image.height());
        }
    }

    /**
     * Where resized pixels go: channel c of output pixel p (row-major) is written to {@code
     * out[base + p * pixelStride + c * channelStride]} as {@code value * scale[c] + offset[c]}, so
     * one pass resizes, normalises and lays out the tensor (NHWC: strides 3 and 1; NCHW: 1 and
     * width x height).
     */
    record Target(
            float[] out,
            int base,
            int pixelStride,
            int channelStride,
            float[] scale,
            float[] offset) {}

    private static final float[] IDENTITY_SCALE = {1f, 1f, 1f};
    private static final float[] IDENTITY_OFFSET = {0f, 0f, 0f};

    /** Resizes the crop of the image to {@code width x height} into the target. */
    static void resize(RgbImage image, Crop crop, int width, int height, Target target) {
        int sw = image.width();
        int sh = image.height();
        byte[] src = image.rgb();
        float[] out = target.out();
        int ps = target.pixelStride();
        int cs = target.channelStride();
        float s0 = target.scale()[0];
        float s1 = target.scale()[1];
        float s2 = target.scale()[2];
        float o0 = target.offset()[0];
        float o1 = target.offset()[1];
        float o2 = target.offset()[2];
        if (crop.x() == 0
                && crop.y() == 0
                && crop.width() == sw
                && crop.height() == sh
                && sw == width
                && sh == height) {
            for (int p = 0, o = target.base(); p < width * height; p++, o += ps) {
                out[o] = (src[p * 3] & 0xFF) * s0 + o0;
                out[o + cs] = (src[p * 3 + 1] & 0xFF) * s1 + o1;
                out[o + 2 * cs] = (src[p * 3 + 2] & 0xFF) * s2 + o2;
            }
            return;
        }
        float sx = crop.width() / width;
        float sy = crop.height() / height;
        // source columns and weights are the same for every row: compute them once
        int[] left = new int[width];
        int[] right = new int[width];
        float[] wxs = new float[width];
        for (int x = 0; x < width; x++) {
            float fx = clamp(crop.x() + (x + 0.5f) * sx - 0.5f, sw - 1);
            left[x] = (int) fx * 3;
            right[x] = Math.min((int) fx + 1, sw - 1) * 3;
            wxs[x] = fx - (int) fx;
        }
        for (int y = 0; y < height; y++) {
            float fy = clamp(crop.y() + (y + 0.5f) * sy - 0.5f, sh - 1);
            int y0 = (int) fy;
            int row0 = y0 * sw * 3;
            int row1 = Math.min(y0 + 1, sh - 1) * sw * 3;
            float wy = fy - y0;
            int o = target.base() + y * width * ps;
            for (int x = 0; x < width; x++, o += ps) {
                int a = row0 + left[x];
                int b = row0 + right[x];
                int c = row1 + left[x];
                int d = row1 + right[x];
                float wx = wxs[x];
                out[o] = lerp(src, a, b, c, d, wx, wy) * s0 + o0;
                out[o + cs] = lerp(src, a + 1, b + 1, c + 1, d + 1, wx, wy) * s1 + o1;
                out[o + 2 * cs] = lerp(src, a + 2, b + 2, c + 2, d + 2, wx, wy) * s2 + o2;
            }
        }
    }

    /** Bilinear mix of the bytes at a (top left), b (top right), c and d (bottom). */
    private static float lerp(byte[] src, int a, int b, int c, int d, float wx, float wy) {
        float p00 = src[a] & 0xFF;
        float p01 = src[b] & 0xFF;
        float p10 = src[c] & 0xFF;
        float p11 = src[d] & 0xFF;
        float top = p00 + (p01 - p00) * wx;
        float bottom = p10 + (p11 - p10) * wx;
        return top + (bottom - top) * wy;
    }

    private static float clamp(float value, int max) {
        return Math.min(Math.max(value, 0f), max);
    }
}
