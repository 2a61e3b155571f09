package dev.skim.core.encoder;

/** Hand-checkable images for encoder tests. */
final class TestImages {

    private TestImages() {}

    static RgbImage uniform(int width, int height, int r, int g, int b) {
        byte[] rgb = new byte[width * height * 3];
        for (int i = 0; i < width * height; i++) {
            rgb[3 * i] = (byte) r;
            rgb[3 * i + 1] = (byte) g;
            rgb[3 * i + 2] = (byte) b;
        }
        return new RgbImage(width, height, rgb);
    }

    /** Black image with an axis-aligned filled rectangle [x0,x1) x [y0,y1) of the given colour. */
    static RgbImage withRect(
            int width, int height, int x0, int y0, int x1, int y1, int r, int g, int b) {
        byte[] rgb = new byte[width * height * 3];
        for (int y = y0; y < y1; y++) {
            for (int x = x0; x < x1; x++) {
                int o = (y * width + x) * 3;
                rgb[o] = (byte) r;
                rgb[o + 1] = (byte) g;
                rgb[o + 2] = (byte) b;
            }
        }
        return new RgbImage(width, height, rgb);
    }

    /** A smooth, seeded, non-trivial picture (gradients, stripes and a disc). */
    static RgbImage pattern(int width, int height, int seed) {
        byte[] rgb = new byte[width * height * 3];
        java.util.Random random = new java.util.Random(seed);
        double fx = 0.02 + random.nextDouble() * 0.1;
        double fy = 0.02 + random.nextDouble() * 0.1;
        double cx = random.nextDouble() * width;
        double cy = random.nextDouble() * height;
        double radius = (0.1 + random.nextDouble() * 0.3) * Math.min(width, height);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int o = (y * width + x) * 3;
                boolean inDisc = Math.hypot(x - cx, y - cy) < radius;
                rgb[o] = (byte) (inDisc ? 230 : (int) (127 + 120 * Math.sin(x * fx)));
                rgb[o + 1] = (byte) (int) (127 + 120 * Math.cos(y * fy));
                rgb[o + 2] = (byte) (inDisc ? 20 : (x + y) * 255 / (width + height));
            }
        }
        return new RgbImage(width, height, rgb);
    }
}
