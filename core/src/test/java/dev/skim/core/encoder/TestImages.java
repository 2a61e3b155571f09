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

    /** Reads an 8-bit binary PPM (P6) test resource. */
    static RgbImage ppmResource(String resource) {
        try (java.io.InputStream in = TestImages.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException("no test resource " + resource);
            }
            byte[] all = in.readAllBytes();
            String[] header = new String[4];
            int pos = 0;
            for (int field = 0; field < 4; field++) {
                while (Character.isWhitespace(all[pos])) {
                    pos++;
                }
                int start = pos;
                while (!Character.isWhitespace(all[pos])) {
                    pos++;
                }
                header[field] =
                        new String(
                                all,
                                start,
                                pos - start,
                                java.nio.charset.StandardCharsets.US_ASCII);
            }
            pos++;
            if (!header[0].equals("P6") || !header[3].equals("255")) {
                throw new IllegalArgumentException(resource + " is not an 8-bit P6 PPM");
            }
            int w = Integer.parseInt(header[1]);
            int h = Integer.parseInt(header[2]);
            return new RgbImage(w, h, java.util.Arrays.copyOfRange(all, pos, pos + w * h * 3));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The image shifted right by {@code dx} pixels (edge repeated) with brightness scaled. */
    static RgbImage shiftedAndDimmed(RgbImage image, int dx, float brightness) {
        int w = image.width();
        int h = image.height();
        byte[] rgb = new byte[w * h * 3];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int sx = Math.max(0, x - dx);
                for (int c = 0; c < 3; c++) {
                    int v = image.rgb()[(y * w + sx) * 3 + c] & 0xFF;
                    rgb[(y * w + x) * 3 + c] = (byte) Math.min(255, Math.round(v * brightness));
                }
            }
        }
        return new RgbImage(w, h, rgb);
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
