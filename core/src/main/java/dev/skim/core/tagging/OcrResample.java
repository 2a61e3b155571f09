package dev.skim.core.tagging;

import dev.skim.core.encoder.RgbImage;

/**
 * Bilinear resampling of a rectangle of an {@link RgbImage} straight into a normalised planar
 * (NCHW) BGR tensor, pixel centres aligned (OpenCV {@code INTER_LINEAR}). PaddleOCR reads frames
 * with OpenCV, so its models take blue, green, red in that order. The encoder package has the same
 * resampler for RGB, package-private there.
 */
final class OcrResample {

    private OcrResample() {}

    /**
     * A source rectangle in pixels; {@code rotate} turns it a quarter counter-clockwise first (a
     * vertical line of text becomes a horizontal one, as PaddleOCR's {@code np.rot90}).
     */
    record Source(float x, float y, float width, float height, boolean rotate) {
        static Source whole(RgbImage image) {
            return new Source(0, 0, image.width(), image.height(), false);
        }

        /** Width and height after the optional rotation. */
        float outWidth() {
            return rotate ? height : width;
        }

        float outHeight() {
            return rotate ? width : height;
        }
    }

    /**
     * Writes the source, resized to {@code width x height}, into {@code out} from {@code base}: the
     * three planes (B, G, R) each {@code planeStride} apart, rows {@code rowStride} apart, each
     * value {@code v / 255 * scale[c] + offset[c]}.
     */
    static void into(
            RgbImage image,
            Source src,
            int width,
            int height,
            float[] out,
            int base,
            int rowStride,
            int planeStride,
            float[] scale,
            float[] offset) {
        int sw = image.width();
        int sh = image.height();
        byte[] rgb = image.rgb();
        float sx = src.outWidth() / width;
        float sy = src.outHeight() / height;
        float[] k = new float[3];
        float[] o = new float[3];
        for (int c = 0; c < 3; c++) {
            k[c] = scale[c] / 255f;
            o[c] = offset[c];
        }
        for (int y = 0; y < height; y++) {
            float v = (y + 0.5f) * sy - 0.5f;
            for (int x = 0; x < width; x++) {
                float u = (x + 0.5f) * sx - 0.5f;
                // a point of the (rotated) crop in frame coordinates
                float fx;
                float fy;
                if (src.rotate()) {
                    fx = src.x() + src.width() - 1 - v;
                    fy = src.y() + u;
                } else {
                    fx = src.x() + u;
                    fy = src.y() + v;
                }
                fx = Math.min(Math.max(fx, 0f), sw - 1);
                fy = Math.min(Math.max(fy, 0f), sh - 1);
                int x0 = (int) fx;
                int y0 = (int) fy;
                int x1 = Math.min(x0 + 1, sw - 1);
                int y1 = Math.min(y0 + 1, sh - 1);
                float wx = fx - x0;
                float wy = fy - y0;
                int a = (y0 * sw + x0) * 3;
                int b = (y0 * sw + x1) * 3;
                int c = (y1 * sw + x0) * 3;
                int d = (y1 * sw + x1) * 3;
                int p = base + y * rowStride + x;
                for (int ch = 0; ch < 3; ch++) {
                    int s = 2 - ch; // BGR out of RGB
                    float top = lerp(rgb[a + s], rgb[b + s], wx);
                    float bottom = lerp(rgb[c + s], rgb[d + s], wx);
                    out[p + ch * planeStride] = (top + (bottom - top) * wy) * k[ch] + o[ch];
                }
            }
        }
    }

    private static float lerp(byte left, byte right, float w) {
        float l = left & 0xFF;
        return l + ((right & 0xFF) - l) * w;
    }
}
