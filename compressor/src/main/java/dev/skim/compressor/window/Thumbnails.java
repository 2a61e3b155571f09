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

/** Small JPEGs of slow frames: the longest side scaled down to a limit, at a given quality. */
public final class Thumbnails {

    private final int maxSide;
    private final float quality;

    /**
     * @param maxSide longest side in pixels (frames are never scaled up)
     * @param quality JPEG quality, 0.05 to 1
     */
    public Thumbnails(int maxSide, float quality) {
        if (maxSide < 1) {
            throw new IllegalArgumentException("maxSide must be positive, was " + maxSide);
        }
        if (!(quality > 0f && quality <= 1f)) {
            throw new IllegalArgumentException("quality must be in (0, 1], was " + quality);
        }
        this.maxSide = maxSide;
        this.quality = quality;
    }

    public SlowFrame.Thumbnail of(RgbImage image) {
        double scale = Math.min(1.0, (double) maxSide / Math.max(image.width(), image.height()));
        int w = Math.max(1, (int) Math.round(image.width() * scale));
        int h = Math.max(1, (int) Math.round(image.height() * scale));
        BufferedImage small = new BufferedImage(w, h, BufferedImage.TYPE_3BYTE_BGR);
        boxDownscale(image, ((DataBufferByte) small.getRaster().getDataBuffer()).getData(), w, h);
        return new SlowFrame.Thumbnail(w, h, jpeg(small));
    }

    /**
     * Area-average downscale (each output pixel the mean of the source pixels its box covers, whole
     * pixels only) from RGB into a BGR raster: no aliasing, one pass over the source.
     */
    private static void boxDownscale(RgbImage image, byte[] bgr, int w, int h) {
        int sw = image.width();
        int sh = image.height();
        byte[] rgb = image.rgb();
        int[] x0 = new int[w + 1];
        for (int x = 0; x <= w; x++) {
            x0[x] = (int) ((long) x * sw / w);
        }
        for (int y = 0, o = 0; y < h; y++) {
            int ya = (int) ((long) y * sh / h);
            int yb = Math.max(ya + 1, (int) ((long) (y + 1) * sh / h));
            for (int x = 0; x < w; x++, o += 3) {
                int xa = x0[x];
                int xb = Math.max(xa + 1, x0[x + 1]);
                int r = 0;
                int g = 0;
                int b = 0;
                for (int sy = ya; sy < yb; sy++) {
                    for (int p = (sy * sw + xa) * 3, end = (sy * sw + xb) * 3; p < end; p += 3) {
                        r += rgb[p] & 0xFF;
                        g += rgb[p + 1] & 0xFF;
                        b += rgb[p + 2] & 0xFF;
                    }
                }
                int n = (yb - ya) * (xb - xa);
                bgr[o] = (byte) ((b + n / 2) / n);
                bgr[o + 1] = (byte) ((g + n / 2) / n);
                bgr[o + 2] = (byte) ((r + n / 2) / n);
            }
        }
    }

    private byte[] jpeg(BufferedImage img) {
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
