package dev.skim.compressor.window;

import dev.skim.core.encoder.RgbImage;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.MemoryCacheImageOutputStream;

/**
 * Small JPEGs of slow frames: the longest side scaled down to a limit, at a given quality. A JPEG
 * over {@link #MAX_BYTES} (a large {@code keyframe-max-side} at a high quality on a noisy frame) is
 * written again at a lower quality, then at half the size, until it fits, so that a keyframe and
 * the slow-frame state that holds it stay far under a record's 1 MB.
 */
public final class Thumbnails {

    /** Largest keyframe JPEG by default. */
    public static final int MAX_BYTES = 256 * 1024;

    private final int maxSide;
    private final float quality;
    private final int maxBytes;

    /**
     * @param maxSide longest side in pixels (frames are never scaled up)
     * @param quality JPEG quality, 0.05 to 1
     */
    public Thumbnails(int maxSide, float quality) {
        this(maxSide, quality, MAX_BYTES);
    }

    /**
     * @param maxSide longest side in pixels (frames are never scaled up)
     * @param quality JPEG quality, 0.05 to 1
     * @param maxBytes largest JPEG
     */
    public Thumbnails(int maxSide, float quality, int maxBytes) {
        if (maxSide < 1) {
            throw new IllegalArgumentException("maxSide must be positive, was " + maxSide);
        }
        if (!(quality > 0f && quality <= 1f)) {
            throw new IllegalArgumentException("quality must be in (0, 1], was " + quality);
        }
        this.maxSide = maxSide;
        this.quality = quality;
        this.maxBytes = maxBytes;
    }

    /** Largest JPEG this makes. */
    public int maxBytes() {
        return maxBytes;
    }

    public SlowFrame.Thumbnail of(RgbImage image) {
        int side = maxSide;
        float q = quality;
        while (true) {
            double scale = Math.min(1.0, (double) side / Math.max(image.width(), image.height()));
            int w = Math.max(1, (int) Math.round(image.width() * scale));
            int h = Math.max(1, (int) Math.round(image.height() * scale));
            BufferedImage small = new BufferedImage(w, h, BufferedImage.TYPE_3BYTE_BGR);
            boxDownscale(
                    image, ((DataBufferByte) small.getRaster().getDataBuffer()).getData(), w, h);
            byte[] jpeg = jpeg(small, q);
            if (jpeg.length <= maxBytes || (w == 1 && h == 1)) {
                return new SlowFrame.Thumbnail(w, h, jpeg);
            }
            if (q > 0.5f) {
                q = 0.5f;
            } else {
                side = Math.max(1, Math.max(w, h) / 2);
            }
        }
    }

    /**
     * Downscale by 2x2 supersampling from RGB into a BGR raster: each output pixel is the mean of
     * four source pixels at the quarter points of the box it covers. Four reads a pixel whatever
     * the scale (a full box average read every source pixel, at several times the cost), and for
     * the usual 2-3x reduction of a camera frame to a keyframe it is a box filter.
     */
    private static void boxDownscale(RgbImage image, byte[] bgr, int w, int h) {
        int sw = image.width();
        int sh = image.height();
        byte[] rgb = image.rgb();
        int[] left = new int[w];
        int[] right = new int[w];
        for (int x = 0; x < w; x++) {
            left[x] = quarter(x, 1, sw, w) * 3;
            right[x] = quarter(x, 3, sw, w) * 3;
        }
        for (int y = 0, o = 0; y < h; y++) {
            int top = quarter(y, 1, sh, h) * sw * 3;
            int bottom = quarter(y, 3, sh, h) * sw * 3;
            for (int x = 0; x < w; x++, o += 3) {
                int a = top + left[x];
                int b = top + right[x];
                int c = bottom + left[x];
                int d = bottom + right[x];
                for (int ch = 0; ch < 3; ch++) {
                    int sum =
                            (rgb[a + ch] & 0xFF)
                                    + (rgb[b + ch] & 0xFF)
                                    + (rgb[c + ch] & 0xFF)
                                    + (rgb[d + ch] & 0xFF);
                    bgr[o + 2 - ch] = (byte) ((sum + 2) >> 2);
                }
            }
        }
    }

    /** The source index at quarter q (1 or 3) of output pixel i's box. */
    private static int quarter(int i, int q, int source, int out) {
        return (int) (((4L * i + q) * source) / (4L * out));
    }

    private static byte[] jpeg(BufferedImage img, float quality) {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (MemoryCacheImageOutputStream out = new MemoryCacheImageOutputStream(bytes)) {
            writer.setOutput(out);
            ImageWriteParam param = writer.getDefaultWriteParam();
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionQuality(quality);
            writer.write(null, new IIOImage(img, null, null), param);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write a keyframe JPEG", e);
        } finally {
            writer.dispose();
        }
        return bytes.toByteArray();
    }
}
